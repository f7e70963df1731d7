import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { IntakeResult } from '../../../../../contracts/presence';
import { intakeInput } from '../../../../../contracts/presence';
import { parseInput } from '../../../../../contracts/validation';
import { INTAKE_CHANNEL_LABELS, INTAKE_CHANNELS } from '../../../../../domain/presence/intake';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Chips } from '../../../../components/Chips';
import { DraftNote } from '../../../../components/DraftNote';
import { Empty } from '../../../../components/Empty';
import { Field } from '../../../../components/Field';
import { TextField } from '../../../../components/Field/TextField';
import { Page } from '../../../../components/Page';
import { SubmitBar } from '../../../../components/SubmitBar';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { useDraft } from '../../../../hooks/useDraft';
import { useSubmit } from '../../../../hooks/useSubmit';
import type { WhoAmI } from '../../../../services/types';
import { spacedTrackingNo } from '../../../../utils/format';
import { newRequestId } from '../../../../utils/storage';
import { fieldReason } from '../../../../utils/validation';
import '../../../../styles/presence.css';

type Channel = (typeof INTAKE_CHANNELS)[number];
const fresh = () => ({ requestId: newRequestId(), channel: 'station', residentName: '', residentPhone: '', communityId: '', category: '', content: '' });

function IntakeForm() {
  const dir = useDirectory();
  const draft = useDraft('lxq.draft.intake', fresh(), (v) => !v.residentName.trim() && !v.residentPhone.trim() && !v.content.trim());
  const v = draft.value;
  const { sending, error, setError, busy, send } = useSubmit();
  const [done, setDone] = useState<IntakeResult | null>(null);

  const submit = async () => {
    if (busy()) return;
    const event = { action: 'intake' as const, requestId: v.requestId, channel: v.channel as Channel, residentName: v.residentName, residentPhone: v.residentPhone, communityId: v.communityId, category: v.category, content: v.content };
    const r = parseInput(intakeInput, event);
    if (!r.ok) {
      setError(fieldReason(r));
      return;
    }
    const env = await send('presence', event);
    if (env?.ok) {
      setDone(env.data);
      draft.clear({ ...fresh(), channel: v.channel, communityId: v.communityId });
    } else if (env?.error.code === 'CONTENT_REJECTED') draft.set({ requestId: newRequestId() });
  };

  if (done) {
    return (
      <Card title="已录入">
        <Text className="lxq-presence__line" data-testid="intake-tracking">
          诉求编号：{spacedTrackingNo(done.trackingNo)}
        </Text>
        <Text className="lxq-presence__line">当前状态：{done.statusLabel}</Text>
        {done.routeReason ? <Text className="lxq-presence__meta">{done.routeReason}</Text> : null}
        <Text className="lxq-presence__meta">请把编号告诉群众：在小程序「我的 → 认领代录诉求」输入编号和手机号后四位，就能自己跟进和评价。认领前，办结后由办理代表电话回访记录满意度。</Text>
        <View className="lxq-presence__actions">
          <SubmitBar error={null} errorClass="lxq-presence__error" sending={false} onSubmit={() => setDone(null)} testId="intake-another">
            再录一件
          </SubmitBar>
        </View>
      </Card>
    );
  }

  return (
    <>
      {draft.restored ? <DraftNote onDiscard={() => draft.clear()} /> : null}
      <Field label="来访方式" required testId="field-channel">
        <Chips options={INTAKE_CHANNELS.map((c) => ({ value: c, label: INTAKE_CHANNEL_LABELS[c] }))} value={v.channel} onChange={(channel) => draft.set({ channel })} disabled={sending || undefined} />
      </Field>
      <TextField label="群众姓名" required value={v.residentName} maxlength={20} placeholder="如：周阿姨" sending={sending} onInput={(e) => draft.set({ residentName: e.detail.value })} testId="field-name" inputTestId="intake-name" />
      <TextField label="群众手机号" required type="digit" hint="群众凭手机号后四位认领这条诉求，代表办理时可回电。" value={v.residentPhone} maxlength={11} placeholder="11 位手机号" sending={sending} onInput={(e) => draft.set({ residentPhone: e.detail.value })} testId="field-phone" inputTestId="intake-phone" />
      <AsyncView data={dir.directory ?? undefined} error={dir.error ? { message: dir.error } : null} loading={!dir.directory && !dir.error} onRetry={dir.retry}>
        {(d) => {
          const index = d.communities.findIndex((c) => c._id === v.communityId);
          return (
            <>
              <Field label="诉求类别" required testId="field-category">
                <Chips options={d.categories.map((c) => ({ value: c._id, label: c.name }))} value={v.category} onChange={(category) => draft.set({ category })} disabled={sending || undefined} />
              </Field>
              <Field label="群众所在社区或村" required testId="field-community">
                <Picker mode="selector" range={d.communities.map((c) => c.name)} value={index >= 0 ? index : 0} disabled={sending || undefined} onChange={(e) => draft.set({ communityId: d.communities[Number(e.detail.value)]?._id ?? '' })}>
                  <View className="lxq-picker">
                    <Text className={index >= 0 ? '' : 'lxq-muted'}>{index >= 0 ? d.communities[index].name : '请选择'}</Text>
                  </View>
                </Picker>
              </Field>
            </>
          );
        }}
      </AsyncView>
      <TextField label="反映的问题" required multiline value={v.content} maxlength={1000} placeholder="什么地方、什么问题、持续多久了（至少 5 个字）" sending={sending} onInput={(e) => draft.set({ content: e.detail.value })} testId="field-content" inputTestId="intake-content" />
      <SubmitBar error={error} errorClass="lxq-presence__error" sending={sending} onSubmit={() => void submit()} testId="intake-submit">
        录入诉求
      </SubmitBar>
    </>
  );
}

export default function Intake() {
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  return (
    <Page>
      <AsyncView data={me.data} error={me.error} loading={me.loading} onRetry={me.reload}>
        {(who) => (who.role === 'deputy' || who.role === 'staff' ? <IntakeForm /> : <Empty title="仅代表和工作人员可用" description="群众反映诉求请直接在首页点「我要反映诉求」。" />)}
      </AsyncView>
    </Page>
  );
}
