import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { SubmissionView } from '../../../../contracts/legislation';
import { Btn } from '../../../components/Btn';
import { useCloud } from '../../../hooks/useCloud';
import { useSubmit } from '../../../hooks/useSubmit';
import { openDocument } from '../../../services/files';
import { confirm, toast } from '../../../utils/confirm';
import { formatDateTime } from '../../../utils/format';
import { FN, type DraftDetail } from '../labels';

/** 汇总梳理: once the consultation is over, staff compile the opinions by article and submit them to the higher congress. */
export function SubmissionPanel({ draft, onCompiled }: { draft: DraftDetail; onCompiled: () => void }) {
  const stored = useCloud<SubmissionView | null>(FN, draft.submittedAt ? { action: 'submission', draftId: draft._id } : null);
  const [made, setMade] = useState<SubmissionView | null>(null);
  const { send, sending, error } = useSubmit();
  const sub = made ?? stored.data ?? null;

  const compile = async () => {
    if (!(await confirm('汇总报送？', `将把本稿已收到的意见按条款汇总，报送${draft.issuingBody || '上级人大常委会'}。报送后不能再补录意见。`, '汇总报送'))) return;
    const env = await send<SubmissionView>('street', { action: 'compileDraft', draftId: draft._id });
    if (env?.ok) {
      setMade(env.data);
      toast('已汇总报送', true);
      onCompiled();
    }
  };
  const open = async (s: SubmissionView) => {
    if (!s.url) return toast('汇总表暂时打不开，请稍后再试');
    await openDocument(s.url, `${s.title}意见汇总.xlsx`);
  };

  if (!sub) {
    if (draft.status !== 'closed' || draft.submittedAt) return null;
    return (
      <View className="lxq-sheet__head" data-testid="submission-panel">
        <Text className="lxq-legislation__summary">征求意见已结束，可以把收到的意见按条款汇总梳理，报送{draft.issuingBody || '上级人大常委会'}。</Text>
        {error ? <Text className="lxq-legislation__error">{error}</Text> : null}
        <View className="lxq-legislation__buttons">
          <Btn tone="primary" size="small" busy={sending} disabled={sending} onClick={compile} testId="compile">汇总报送</Btn>
        </View>
      </View>
    );
  }
  return (
    <View className="lxq-sheet__head" data-testid="submission-panel">
      <Text className="lxq-legislation__summary" data-testid="submission-line">{`${formatDateTime(sub.createdAt)} 已报送${sub.issuingBody}，共 ${sub.total} 条意见`}</Text>
      {sub.sections.map((s) => (
        <Text key={s.sectionId ?? 'whole'} className="lxq-sheet__meta">{`${s.title}：${s.count} 条`}</Text>
      ))}
      <Text className="lxq-sheet__meta">{`来源：${sub.byPoint.map((p) => `${p.pointName} ${p.count} 条`).join('，')}`}</Text>
      <View className="lxq-legislation__buttons">
        <Btn tone="ghost" size="small" onClick={() => open(sub)} testId="open-submission">打开汇总表</Btn>
      </View>
    </View>
  );
}
