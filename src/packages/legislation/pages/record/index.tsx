import { Input, Text, Textarea, View } from '@tarojs/components';
import { recordOfflineInput } from '../../../../../contracts/legislation';
import { parseInput } from '../../../../../contracts/validation';
import { AsyncView } from '../../../../components/AsyncView';
import { Btn } from '../../../../components/Btn';
import { Chips } from '../../../../components/Chips';
import { Empty } from '../../../../components/Empty';
import { Page } from '../../../../components/Page';
import { useCloud } from '../../../../hooks/useCloud';
import { useDraft } from '../../../../hooks/useDraft';
import { useSubmit } from '../../../../hooks/useSubmit';
import type { WhoAmI } from '../../../../services/types';
import { confirm, toast } from '../../../../utils/confirm';
import { newRequestId } from '../../../../utils/storage';
import { fieldReason } from '../../../../utils/validation';
import { PointPicker } from '../../components/PointPicker';
import { FN, type CommentItem, type DraftSummary } from '../../labels';
import '../../../../styles/sheet.css';
import '../../legislation.css';

const DRAFTS = { action: 'drafts' as const };
const WHOAMI = { action: 'whoami' as const };
const WHOLE = '_whole';

function RecordForm({ drafts }: { drafts: DraftSummary[] }) {
  const open = drafts.filter((d) => d.status !== 'upcoming' && !d.submittedAt);
  const fresh = () => ({ draftId: open[0]?._id ?? '', sectionId: WHOLE, pointId: '', contributorName: '', content: '', requestId: newRequestId() });
  const draft = useDraft('lxq.draft.legislation-offline', fresh(), (v) => !v.content.trim() && !v.contributorName.trim());
  const v = draft.value;
  const detail = useCloud<{ sections: { _id: string; title: string }[] }>(FN, v.draftId ? { action: 'detail', draftId: v.draftId } : null);
  const { sending, error, setError, busy, send } = useSubmit();
  if (open.length === 0) return <Empty title="没有可以录入意见的征求意见稿" description="征求意见中、尚未汇总报送的草案才能补录线下意见。" />;

  const submit = async () => {
    if (busy()) return;
    if (!v.pointId) return setError('请选择意见来自哪个立法联系点');
    const r = parseInput(recordOfflineInput, { action: 'recordOffline', requestId: v.requestId, draftId: v.draftId, pointId: v.pointId, content: v.content, ...(v.sectionId !== WHOLE ? { sectionId: v.sectionId } : {}), ...(v.contributorName.trim() ? { contributorName: v.contributorName } : {}) });
    if (!r.ok) return setError(fieldReason(r));
    if (!(await confirm('录入这条意见？', '意见会计入所选联系点，上级人大答复后您会收到采纳情况，请转告提出人。', '录入'))) return;
    const env = await send<CommentItem>(FN, r.value);
    if (!env?.ok) return;
    draft.clear({ ...fresh(), draftId: v.draftId, pointId: v.pointId });
    toast('已录入', true);
  };

  const sections = [{ value: WHOLE, label: '总体意见' }, ...(detail.data?.sections ?? []).map((s) => ({ value: s._id, label: s.title }))];
  return (
    <View className="lxq-sheet__head" data-testid="record-form">
      <Text className="lxq-legislation__label">征求意见稿</Text>
      <Chips options={open.map((d) => ({ value: d._id, label: d.title }))} value={v.draftId} disabled={sending} onChange={(draftId) => draft.set({ draftId, sectionId: WHOLE })} />
      <Text className="lxq-legislation__label">条款</Text>
      <Chips options={sections} value={v.sectionId} disabled={sending} onChange={(sectionId) => draft.set({ sectionId })} />
      <PointPicker value={v.pointId} onChange={(pointId) => draft.set({ pointId })} optional={false} disabled={sending} />
      <Text className="lxq-legislation__label">提出人（选填）</Text>
      <Input className="lxq-input" value={v.contributorName} maxlength={30} placeholder="例如：座谈会居民、某律师事务所" disabled={sending || undefined} onInput={(e) => draft.set({ contributorName: e.detail.value })} data-testid="record-contributor" />
      <Text className="lxq-legislation__label">意见内容</Text>
      <Textarea className="lxq-textarea" value={v.content} maxlength={1000} placeholder="照实记录提出人的意见和理由" disabled={sending || undefined} onInput={(e) => draft.set({ content: e.detail.value })} data-testid="record-content" />
      {error ? <Text className="lxq-legislation__error" data-testid="record-error">{error}</Text> : null}
      <View className="lxq-legislation__buttons">
        <Btn tone="primary" size="small" busy={sending} disabled={sending} onClick={submit} testId="record-submit">录入意见</Btn>
      </View>
    </View>
  );
}

/** Deputies and staff enter opinions collected offline (座谈会, 走访, a unit's letter), attributed to their point. */
export default function RecordOffline() {
  const me = useCloud<WhoAmI>('user', WHOAMI);
  const drafts = useCloud<DraftSummary[]>(FN, DRAFTS);
  return (
    <Page>
      <AsyncView data={me.data} error={me.error} loading={me.loading} onRetry={me.reload}>
        {(who) =>
          who.role === 'deputy' || who.role === 'staff' ? (
            <AsyncView data={drafts.data} error={drafts.error} loading={drafts.loading} onRetry={drafts.reload}>
              {(list) => <RecordForm drafts={list} />}
            </AsyncView>
          ) : (
            <Empty title="仅代表和工作人员可用" description="代表和工作人员在这里录入在联系点线下收集的意见。" />
          )
        }
      </AsyncView>
    </Page>
  );
}
