import { useRef, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Btn } from '../../components/Btn';
import { RATING_LABELS, type Rating } from '../../../domain/appeals/labels';
import { AppealDetailScreen } from '../../components/AppealDetail';
import { Card } from '../../components/Card';
import { useDraft } from '../../hooks/useDraft';
import { callCloud } from '../../services/cloud';
import { confirm, toast } from '../../utils/confirm';
import './index.css';

const RATINGS: Rating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];

function RatePanel({ id, onRated }: { id: string; onRated: () => Promise<void> }) {
  // What was typed for the deputy stays while the resident looks around (per appeal).
  const draft = useDraft(`lxq.draft.rate.${id}`, { comment: '' }, (v) => !v.comment.trim());
  const comment = draft.value.comment;
  const setComment = (c: string) => draft.set({ comment: c });
  const [sending, setSending] = useState<Rating | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  const rate = async (rating: Rating) => {
    if (busy.current) return;
    if (rating === 'unsatisfied') {
      const ok = await confirm('确认不满意？', '将退回代表重办，代表会重新处理并再次答复您。', '退回重办');
      if (!ok) return;
    }
    busy.current = true;
    setSending(rating);
    setError(null);
    const text = comment.trim();
    const env = await callCloud<{ status: string; statusLabel: string }>('appeal', { action: 'rate', id, rating, ...(text ? { comment: text } : {}) });
    busy.current = false;
    setSending(null);
    if (!env.ok) {
      setError(env.error.message);
      return;
    }
    draft.clear();
    toast(rating === 'unsatisfied' ? '已退回代表重办' : '感谢您的评价', true);
    await onRated();
  };

  return (
    <Card title="请评价这次办理">
      <Text className="lxq-rating__tip">代表已经答复。您对办理结果满意吗？选「不满意」会退回代表重新办理。</Text>
      <Textarea
        className="lxq-textarea lxq-rating__comment"
        value={comment}
        maxlength={300}
        placeholder="想对代表说的话（选填）"
        disabled={(sending !== null) || undefined}
        onInput={(e) => setComment(e.detail.value)}
      />
      <View className="lxq-rating__buttons" data-testid="rating-buttons">
        {RATINGS.map((r) => (
          <Btn key={r} tone={r === 'unsatisfied' ? 'danger' : r === 'satisfied' ? 'primary' : 'ghost'} className="lxq-rating__btn" disabled={sending !== null} busy={sending === r} onClick={() => rate(r)} testId={`rate-${r}`}>
            {RATING_LABELS[r]}
          </Btn>
        ))}
      </View>
      {error ? <Text className="lxq-rating__error">{error}</Text> : null}
    </Card>
  );
}

export default function AppealDetailPage() {
  return (
    <AppealDetailScreen
      missingDescription="链接可能不完整，请从「我的诉求」里打开。"
      actions={(d, reload) => (d.status === 'replied' && d.viewerIs === 'submitter' ? <RatePanel id={d._id} onRated={reload} /> : null)}
    />
  );
}
