import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Switch, Text, View } from '@tarojs/components';
import type { MediationView } from '../../../../../contracts/presence';
import { MEDIATION_STEP_LABELS, MEDIATION_STEPS, REFERRAL_LABELS, REFERRALS, type Referral } from '../../../../../domain/presence/mediation';
import { chinaDay } from '../../../../../domain/time';
import { AsyncView } from '../../../../components/AsyncView';
import { Btn } from '../../../../components/Btn';
import { Card } from '../../../../components/Card';
import { Chips } from '../../../../components/Chips';
import { DraftNote } from '../../../../components/DraftNote';
import { Empty } from '../../../../components/Empty';
import { Field } from '../../../../components/Field';
import { TextField } from '../../../../components/Field/TextField';
import { Page } from '../../../../components/Page';
import { PagedList } from '../../../../components/PagedList';
import { SubmitBar } from '../../../../components/SubmitBar';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { useDraft } from '../../../../hooks/useDraft';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { usePaged } from '../../../../hooks/usePaged';
import { usePageParam } from '../../../../hooks/usePageParam';
import { useSubmit } from '../../../../hooks/useSubmit';
import { now } from '../../../../services/clock';
import type { WhoAmI } from '../../../../services/types';
import { confirm, toast } from '../../../../utils/confirm';
import { newRequestId } from '../../../../utils/storage';
import '../../../../styles/presence.css';

const PAGE = '/packages/deputy/pages/mediation/index';
const LIST = { action: 'mediations' as const };
const today = () => chinaDay(now());

function OpenForm({ onOpened }: { onOpened: (id: string) => void }) {
  const dir = useDirectory();
  const draft = useDraft('lxq.draft.mediation', { requestId: newRequestId(), communityId: '', parties: '', summary: '' }, (v) => !v.parties.trim() && !v.summary.trim());
  const v = draft.value;
  const { sending, error, send } = useSubmit();
  const submit = async () => {
    const parties = v.parties.split(/[、，,\s]+/).map((p) => p.trim()).filter(Boolean);
    const env = await send('presence', { action: 'openMediation', requestId: v.requestId, communityId: v.communityId, parties, summary: v.summary });
    if (env?.ok) {
      draft.clear({ requestId: newRequestId(), communityId: '', parties: '', summary: '' });
      onOpened(env.data._id);
    }
  };
  return (
    <Card title="新开调解案件">
      {draft.restored ? <DraftNote onDiscard={() => draft.clear()} /> : null}
      <AsyncView data={dir.directory ?? undefined} error={dir.error ? { message: dir.error } : null} loading={!dir.directory && !dir.error} onRetry={dir.retry}>
        {(d) => {
          const index = d.communities.findIndex((c) => c._id === v.communityId);
          return (
            <Field label="纠纷所在社区或村" required testId="field-community">
              <Picker mode="selector" range={d.communities.map((c) => c.name)} value={index >= 0 ? index : 0} disabled={sending || undefined} onChange={(e) => draft.set({ communityId: d.communities[Number(e.detail.value)]?._id ?? '' })}>
                <View className="lxq-picker">
                  <Text className={index >= 0 ? '' : 'lxq-muted'}>{index >= 0 ? d.communities[index].name : '请选择'}</Text>
                </View>
              </Picker>
            </Field>
          );
        }}
      </AsyncView>
      <TextField label="当事人" required hint="用顿号隔开，至少两方" value={v.parties} maxlength={100} placeholder="张某、李某" sending={sending} onInput={(e) => draft.set({ parties: e.detail.value })} testId="field-parties" inputTestId="mediation-parties" />
      <TextField label="纠纷概况" required multiline value={v.summary} maxlength={500} placeholder="发生了什么、争议在哪里" sending={sending} onInput={(e) => draft.set({ summary: e.detail.value })} testId="field-summary" inputTestId="mediation-summary" />
      <SubmitBar error={error} errorClass="lxq-presence__error" sending={sending} onSubmit={() => void submit()} testId="mediation-open">
        开始调解
      </SubmitBar>
    </Card>
  );
}

function CaseList() {
  const list = usePaged<MediationView>('presence', LIST);
  useListLifecycle(list.reload, list);
  const [opening, setOpening] = useState(false);
  return (
    <>
      <Card>
        <Text className="lxq-presence__line">清茶议事：述民情、述纠纷、找接点、拆脸面、置梯子、达协议。</Text>
        <Text className="lxq-presence__meta">案件只有办理的代表和工作人员能看到。</Text>
        {!opening ? (
          <View className="lxq-presence__actions">
            <Btn tone="primary" size="small" onClick={() => setOpening(true)} testId="mediation-new">
              新开案件
            </Btn>
          </View>
        ) : null}
      </Card>
      {opening ? <OpenForm onOpened={(id) => void Taro.navigateTo({ url: `${PAGE}?id=${id}` })} /> : null}
      <PagedList list={list} emptyTitle="还没有调解案件">
        {(m) => (
          <Card key={m._id} title={`${m.communityName} · ${m.parties.join('、')}`} extra={<Text className="lxq-tag">{m.statusLabel}</Text>} onClick={() => void Taro.navigateTo({ url: `${PAGE}?id=${m._id}` })}>
            <Text className="lxq-presence__meta">{m.summary}</Text>
          </Card>
        )}
      </PagedList>
    </>
  );
}

function CaseDetail({ id }: { id: string }) {
  const c = useCloud<MediationView>('presence', { action: 'mediation', id });
  const step = useDraft(`lxq.draft.mediation.${id}`, { note: '', text: '', note2: '' }, (v) => !v.note.trim() && !v.text.trim() && !v.note2.trim());
  const [confirmed, setConfirmed] = useState(false);
  const [closing, setClosing] = useState<'agreement' | 'referral' | null>(null);
  const [referTo, setReferTo] = useState<Referral>('mediation_committee');
  const { sending, error, send } = useSubmit();

  const record = async (s: string) => {
    const env = await send('presence', { action: 'mediationStep', id, step: s as (typeof MEDIATION_STEPS)[number], note: step.value.note, day: today() });
    if (env?.ok) {
      step.set({ note: '' });
      toast('已记录', true);
      void c.reload();
    }
  };
  const close = async () => {
    if (!(await confirm(closing === 'agreement' ? '达成协议并结案？' : '转交并结案？', '结案后不能再记录步骤。', '结案'))) return;
    const event = closing === 'agreement'
      ? { action: 'closeMediation' as const, id, outcome: 'agreement' as const, day: today(), text: step.value.text, partiesConfirmed: confirmed }
      : { action: 'closeMediation' as const, id, outcome: 'referral' as const, day: today(), referTo, note: step.value.note2 };
    const env = await send('presence', event);
    if (env?.ok) {
      step.clear();
      setClosing(null);
      void c.reload();
    }
  };

  return (
    <AsyncView data={c.data} error={c.error} loading={c.loading} onRetry={c.reload}>
      {(m) => (
        <>
          <Card title={`${m.communityName} · ${m.parties.join('、')}`} extra={<Text className="lxq-tag">{m.statusLabel}</Text>}>
            <Text className="lxq-presence__line">{m.summary}</Text>
          </Card>
          <Card title="调解步骤">
            {MEDIATION_STEPS.map((s, i) => {
              const done = m.steps[i];
              return (
                <View key={s} data-testid="mediation-step">
                  <Text className="lxq-presence__line">{i + 1}. {MEDIATION_STEP_LABELS[s]}{done ? `（${done.day}）` : m.nextStep === s ? '（下一步）' : ''}</Text>
                  {done ? <Text className="lxq-presence__meta">{done.note}</Text> : null}
                </View>
              );
            })}
          </Card>
          {m.agreement ? <Card title="调解协议"><Text className="lxq-presence__line">{m.agreement.text}</Text><Text className="lxq-presence__meta">{m.agreement.day} · 双方当事人已确认</Text></Card> : null}
          {m.referral ? <Card title="已转交"><Text className="lxq-presence__line">{m.referral.label}：{m.referral.note}</Text></Card> : null}
          {m.status === 'open' ? (
            <Card title={m.nextStep ? `记录「${MEDIATION_STEP_LABELS[m.nextStep]}」` : '结案'}>
              {m.nextStep ? (
                <>
                  <TextField label="记录" required multiline value={step.value.note} maxlength={500} placeholder="这一步做了什么、当事人怎么说" sending={sending} onInput={(e) => step.set({ note: e.detail.value })} testId="field-step" inputTestId="step-note" />
                  <Btn tone="primary" size="small" busy={sending} onClick={() => void record(m.nextStep!)} testId="record-step">
                    记录本步骤
                  </Btn>
                </>
              ) : null}
              <View className="lxq-presence__actions">
                {!m.nextStep ? <Btn size="small" onClick={() => setClosing('agreement')} testId="close-agreement">达成协议</Btn> : null}
                <Btn size="small" onClick={() => setClosing('referral')} testId="close-referral">转交处理</Btn>
              </View>
              {closing === 'agreement' ? (
                <>
                  <TextField label="协议内容" required multiline value={step.value.text} maxlength={1000} placeholder="双方同意的内容" sending={sending} onInput={(e) => step.set({ text: e.detail.value })} testId="field-agreement" inputTestId="agreement-text" />
                  <Field label="双方当事人已确认协议" required extra={<Switch className="lxq-switch" checked={confirmed} color="#b3261e" onChange={(e) => setConfirmed(!!e.detail.value)} />}>
                    <Text className="lxq-presence__meta">请当面宣读并取得双方同意后再勾选。</Text>
                  </Field>
                </>
              ) : null}
              {closing === 'referral' ? (
                <>
                  <Field label="转交去向" required>
                    <Chips options={REFERRALS.map((r) => ({ value: r, label: REFERRAL_LABELS[r] }))} value={referTo} onChange={(r) => setReferTo(r as Referral)} />
                  </Field>
                  <TextField label="转交说明" multiline value={step.value.note2} maxlength={300} placeholder="为什么转交、转交给谁" sending={sending} onInput={(e) => step.set({ note2: e.detail.value })} />
                </>
              ) : null}
              {closing ? (
                <SubmitBar error={error} errorClass="lxq-presence__error" sending={sending} onSubmit={() => void close()} testId="close-case">
                  结案
                </SubmitBar>
              ) : error ? (
                <Text className="lxq-presence__error">{error}</Text>
              ) : null}
            </Card>
          ) : null}
        </>
      )}
    </AsyncView>
  );
}

export default function Mediation() {
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  const id = usePageParam('id');
  return (
    <Page>
      <AsyncView data={me.data} error={me.error} loading={me.loading} onRetry={me.reload}>
        {(who) => (who.role === 'deputy' || who.role === 'staff' ? (id ? <CaseDetail id={id} /> : <CaseList />) : <Empty title="仅代表和工作人员可用" />)}
      </AsyncView>
    </Page>
  );
}
