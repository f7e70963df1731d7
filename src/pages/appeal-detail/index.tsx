import { useRef, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Btn } from '../../components/Btn';
import type { WallPreview } from '../../../contracts/appeal';
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
    const env = await callCloud<{ status: string; statusLabel: string; held?: true; heldMessage?: string }>('appeal', { action: 'rate', id, rating, ...(text ? { comment: text } : {}) });
    busy.current = false;
    setSending(null);
    if (!env.ok) {
      setError(env.error.message);
      return;
    }
    draft.clear();
    toast(env.data.heldMessage ?? (rating === 'unsatisfied' ? '已退回代表重办' : '感谢您的评价'), !env.data.held);
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

/** 回音壁: the resident sees exactly what would be public (redacted) before choosing to publish it. */
function PublishPanel({ id, published, onPublished }: { id: string; published: boolean; onPublished: () => Promise<void> }) {
  const [preview, setPreview] = useState<WallPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (published) return <Card title="回音壁"><Text className="lxq-rating__tip" data-testid="wall-published">这件事已公开到回音壁。</Text></Card>;
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    await step();
    setBusy(false);
  };
  const load = () => run(async () => {
    const env = await callCloud<WallPreview>('appeal', { action: 'wallPreview', id });
    if (env.ok) setPreview(env.data);
    else setError(env.error.message);
  });
  const publish = (p: WallPreview) => run(async () => {
    const env = await callCloud('appeal', { action: 'publish', id, digest: p.digest });
    if (!env.ok) return setError(env.error.message);
    toast('已公开到回音壁', true);
    await onPublished();
  });
  return (
    <Card title="公开到回音壁（选填）">
      <Text className="lxq-rating__tip">公开后邻居们能看到这件事是怎么办的。公开前先看一下将要公开的内容：姓名、电话、门牌号等已隐藏。</Text>
      {preview ? (
        <View className="lxq-wall-preview" data-testid="wall-preview">
          <Text className="lxq-wall-preview__text" data-testid="wall-preview-summary">{preview.summary}</Text>
          <Text className="lxq-wall-preview__text" data-testid="wall-preview-reply">代表答复：{preview.reply}</Text>
        </View>
      ) : null}
      <View className="lxq-rating__buttons">
        {preview ? (
          <>
            <Btn tone="primary" className="lxq-rating__btn" busy={busy} busyText="正在公开…" onClick={() => publish(preview)} testId="wall-publish">确认公开</Btn>
            <Btn className="lxq-rating__btn" disabled={busy} onClick={() => setPreview(null)}>暂不公开</Btn>
          </>
        ) : (
          <Btn className="lxq-rating__btn" disabled={busy} onClick={load} testId="wall-preview-open">预览公开内容</Btn>
        )}
      </View>
      {error ? <Text className="lxq-rating__error">{error}</Text> : null}
    </Card>
  );
}

export default function AppealDetailPage() {
  return (
    <AppealDetailScreen
      missingDescription="链接可能不完整，请从「我的诉求」里打开。"
      actions={(d, reload) => {
        if (d.viewerIs !== 'submitter') return null;
        if (d.status === 'replied') return <RatePanel id={d._id} onRated={reload} />;
        return d.status === 'closed' ? <PublishPanel id={d._id} published={d.publish} onPublished={reload} /> : null;
      }}
    />
  );
}
