import { useState } from 'react';
import { DraftNote } from '../../../../components/DraftNote';
import { useDraft } from '../../../../hooks/useDraft';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { proposeInput } from '../../../../../contracts/ballot';
import { parseInput } from '../../../../../contracts/validation';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Field } from '../../../../components/Field';
import { TextField } from '../../../../components/Field/TextField';
import { SubmitBar } from '../../../../components/SubmitBar';
import { LoadMore } from '../../../../components/LoadMore';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { useLoadMoreAtBottom } from '../../../../hooks/usePageLifecycle';
import { usePaged } from '../../../../hooks/usePaged';
import { useSubmit } from '../../../../hooks/useSubmit';
import type { WhoAmI } from '../../../../services/types';
import { toast } from '../../../../utils/confirm';
import { fieldReason } from '../../../../utils/validation';
import { charCount, formatDate } from '../../../../utils/format';
import { newRequestId } from '../../../../utils/storage';
import { PROPOSAL_STATUS_LABEL, wanToYuan, type MyProposal } from '../../labels';
import '../../ballot.css';
import './index.css';

type Errors = Partial<Record<'title' | 'description' | 'communityId' | 'cost', string>>;

const MINE = { action: 'myProposals' as const };
const NETWORK_HINT = '网络不太好，建议可能还没有提交成功。请再点一次「提交建议」，不会重复提交。';

export default function Propose() {
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  const dir = useDirectory();
  const mine = usePaged<MyProposal>('project', MINE);
  useLoadMoreAtBottom(mine);
  // 点单 keeps what was typed (and its request id, so a retry is the same proposal) until it is in.
  const [fresh] = useState(() => ({ requestId: newRequestId(), title: '', description: '', communityId: '', cost: '' }));
  const draft = useDraft('lxq.draft.propose', fresh, (v) => !v.title.trim() && !v.description.trim() && !v.cost.trim());
  const { requestId, title, description, communityId, cost } = draft.value;
  const setTitle = (v: string) => draft.set({ title: v });
  const setDescription = (v: string) => draft.set({ description: v });
  const setCommunityId = (v: string) => draft.set({ communityId: v });
  const setCost = (v: string) => draft.set({ cost: v });
  const [errors, setErrors] = useState<Errors>({});
  const { sending, error: formError, setError: setFormError, busy, send } = useSubmit();
  const [done, setDone] = useState<string | null>(null);

  const community = communityId || me.data?.communityId || '';
  /** A field's input: keep the text, drop that field's error. */
  const typed = (key: keyof Errors, set: (value: string) => void) => (e: { detail: { value: string } }) => {
    set(e.detail.value);
    setErrors((x) => ({ ...x, [key]: undefined }));
  };

  const submit = async () => {
    if (busy()) return;
    const yuan = wanToYuan(cost);
    const next: Errors = {};
    if (Number.isNaN(yuan)) next.cost = '请填写数字（单位：万元），不清楚可以不填';
    if (!community) next.communityId = '请选择所在的社区或村';
    const event = { action: 'propose' as const, requestId, title, description, communityId: community, ...(typeof yuan === 'number' && !Number.isNaN(yuan) ? { cost: yuan } : {}) };
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    // The server's own schema, so the client says exactly what the server would.
    const r = parseInput(proposeInput, event);
    if (!r.ok) {
      const reason = fieldReason(r);
      if (r.field === 'title' || r.field === 'description' || r.field === 'cost') setErrors({ [r.field]: reason });
      else setFormError(reason);
      return;
    }
    const env = await send<{ _id: string; status: string }>('project', event);
    if (!env) return;
    if (env.ok) {
      toast('提交成功', true);
      setDone(env.data.status === 'pending_review' ? '建议已提交，需要工作人员审核后再整理。' : '建议已提交，工作人员整理后会列入候选项目，届时会通知您。');
      draft.clear({ requestId: newRequestId(), title: '', description: '', communityId, cost: '' });
      void mine.reload();
      return;
    }
    // Same requestId on every retry: the server answers a repeat with the proposal it already stored.
    if (env.error.code === 'CONTENT_REJECTED') setErrors({ description: env.error.message });
    setFormError(env.error.code === 'NETWORK' ? NETWORK_HINT : env.error.message);
  };

  return (
    <Page>
      <Card>
        <Text className="lxq-ballot-page__line">群众点单 · 代表定单 · 政府买单 · 人大验单</Text>
        <Text className="lxq-ballot-page__muted">说说您希望街道明年办的民生实事。相近的建议会合并整理成候选项目，由居民投票征集意愿、人大代表票决确定。</Text>
      </Card>

      {draft.restored ? <DraftNote onDiscard={() => draft.clear({ requestId: newRequestId(), title: '', description: '', communityId: '', cost: '' })} /> : null}
      {done ? (
        <Text className="lxq-ballot-page__notice lxq-ballot-page__notice--ok" data-testid="propose-done">
          {done}
        </Text>
      ) : null}

      <TextField
        label="项目名称"
        required
        error={errors.title}
        hint="4–40 个字，例如：小区加装电梯"
        testId="field-title"
        value={title}
        maxlength={40}
        placeholder="一句话说清要办什么"
        sending={sending}
        onInput={typed('title', setTitle)}
      />
      <TextField
        label="具体说明"
        required
        error={errors.description}
        extra={<Text className="lxq-ballot-page__muted">{charCount(description)}/1000</Text>}
        testId="field-description"
        multiline
        value={description}
        maxlength={1000}
        placeholder="在哪里、解决什么问题、惠及多少人（至少 10 个字）"
        sending={sending}
        onInput={typed('description', setDescription)}
      />
      <Field label="所在社区或村" required error={errors.communityId} testId="field-community">
        <AsyncView data={dir.directory ?? undefined} error={dir.error ? { message: dir.error } : null} loading={!dir.directory && !dir.error} onRetry={dir.retry}>
          {(d) => {
            const index = d.communities.findIndex((c) => c._id === community);
            return (
              <Picker
                mode="selector"
                range={d.communities.map((c) => c.name)}
                value={index >= 0 ? index : 0}
                disabled={sending || undefined}
                onChange={(e) => {
                  const c = d.communities[Number(e.detail.value)];
                  if (c) setCommunityId(c._id);
                  setErrors((x) => ({ ...x, communityId: undefined }));
                }}
              >
                <View className="lxq-picker">
                  <Text className={index >= 0 ? '' : 'lxq-muted'}>{index >= 0 ? d.communities[index].name : '请选择'}</Text>
                  <Text className="lxq-muted">›</Text>
                </View>
              </Picker>
            );
          }}
        </AsyncView>
      </Field>
      <TextField label="估算费用（万元，选填）" error={errors.cost} testId="field-cost" type="digit" value={cost} placeholder="不清楚可以不填" sending={sending} onInput={typed('cost', setCost)} />

      <SubmitBar error={formError} errorClass="lxq-ballot-page__error" errorTestId="form-error" sending={sending} onSubmit={submit} testId="propose-submit">
        提交建议
      </SubmitBar>

      <Text className="lxq-section-title">我提过的建议</Text>
      <AsyncView data={mine.items} error={mine.error} loading={mine.loading} onRetry={mine.reload}>
        {(items) =>
          items.length === 0 ? (
            <Text className="lxq-ballot-page__muted lxq-propose__none">还没有提过建议</Text>
          ) : (
            <>
              {items.map((p) => (
                <Card
                  key={p._id}
                  title={p.title}
                  extra={<Text className={p.status === 'shortlisted' ? 'lxq-badge lxq-badge--ok' : 'lxq-badge'}>{PROPOSAL_STATUS_LABEL[p.status] ?? p.status}</Text>}
                  onClick={p.projectId ? () => Taro.navigateTo({ url: `/packages/ballot/pages/project/index?id=${p.projectId}` }) : undefined}
                >
                  <Text className="lxq-ballot-page__muted">
                    {formatDate(p.createdAt)} 提交{p.projectId ? ' · 点击查看候选项目' : ''}
                  </Text>
                  {p.status === 'rejected' && p.reviewReason ? (
                    <Text className="lxq-propose__reason" data-testid="review-reason">
                      未采纳的理由：{p.reviewReason}
                    </Text>
                  ) : null}
                </Card>
              ))}
              <LoadMore hasMore={mine.hasMore} loading={mine.loadingMore} error={mine.moreError} onMore={mine.loadMore} />
            </>
          )
        }
      </AsyncView>
    </Page>
  );
}
