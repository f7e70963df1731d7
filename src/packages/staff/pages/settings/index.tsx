import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { parseInput } from '../../../../../contracts/validation';
import { updateSettingsInput } from '../../../../../contracts/staff';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Field } from '../../../../components/Field';
import { SubmitBar } from '../../../../components/SubmitBar';
import { useCloud } from '../../../../hooks/useCloud';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useSubmit } from '../../../../hooks/useSubmit';
import { confirm, toast } from '../../../../utils/confirm';
import { fieldReason } from '../../../../utils/validation';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { ROUTES, type SlaSettings } from '../../types';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';

type Key = keyof SlaSettings;
const FIELDS: { key: Key; label: string; hint: string; unit: string }[] = [
  { key: 'acceptWorkingDays', label: '受理时限', hint: '代表收到诉求后应在几个工作日内受理（0–30，0 表示当天）。', unit: '个工作日' },
  { key: 'replyWorkingDays', label: '答复时限', hint: '代表收到诉求后应在几个工作日内答复（1–90）。', unit: '个工作日' },
  { key: 'dailySubmitLimit', label: '每人每日提交上限', hint: '每位居民每天最多提交几条诉求（1–100），防止刷单。', unit: '条' },
];
const LABEL: Record<Key, string> = { acceptWorkingDays: '受理时限', replyWorkingDays: '答复时限', dailySubmitLimit: '每日提交上限' };

interface Settings {
  sla: SlaSettings;
  problems: string[];
  /** The street office's public number (settings/street, else the 代表之家's). */
  streetPhone: string;
}

/** The number residents are offered when they cannot submit (the daily limit) and on the 长辈模式 home. */
function StreetPhone({ phone, onSaved }: { phone: string; onSaved: () => Promise<void> }) {
  const [value, setValue] = useState(phone);
  const { sending, error, setError, busy, send } = useSubmit();
  useEffect(() => setValue(phone), [phone]);
  const save = async () => {
    if (busy()) return;
    const event = { action: 'updateSettings' as const, streetPhone: value.trim() };
    const r = parseInput(updateSettingsInput, event);
    if (!r.ok) return setError(fieldReason(r));
    if (value.trim() === phone) return toast('没有修改');
    const ok = await confirm('保存街道电话？', `居民今天提交已达上限、或在长辈模式首页要打电话时，会看到 ${value.trim()}。`, '保存');
    if (!ok) return;
    const env = await send('staff', event);
    if (!env?.ok) return;
    toast('已保存', true);
    await onSaved();
  };
  return (
    <>
      <Field label="街道联系电话" hint="居民当天提交已达上限时、长辈模式首页“打电话”里会看到这个号码，点一下就能拨打。" error={error ?? undefined} testId="field-streetPhone">
        <Input className="lxq-input" type="text" value={value} maxlength={20} placeholder="如 0571-88000100" disabled={sending || undefined} onInput={(e) => (setValue(e.detail.value), setError(null))} data-testid="street-phone-input" />
      </Field>
      <View className="lxq-actions">
        <Btn tone="ghost" busy={sending} onClick={save} testId="save-street-phone">
          保存电话
        </Btn>
      </View>
    </>
  );
}

function Form({ s, onSaved }: { s: Settings; onSaved: () => Promise<void> }) {
  const [values, setValues] = useState<Record<Key, string>>(() => ({
    acceptWorkingDays: String(s.sla.acceptWorkingDays),
    replyWorkingDays: String(s.sla.replyWorkingDays),
    dailySubmitLimit: String(s.sla.dailySubmitLimit),
  }));
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const { sending, error, busy, send } = useSubmit();
  useEffect(() => {
    setValues({ acceptWorkingDays: String(s.sla.acceptWorkingDays), replyWorkingDays: String(s.sla.replyWorkingDays), dailySubmitLimit: String(s.sla.dailySubmitLimit) });
  }, [s.sla.acceptWorkingDays, s.sla.replyWorkingDays, s.sla.dailySubmitLimit]);

  const save = async () => {
    if (busy()) return;
    const next: Partial<Record<Key, string>> = {};
    const event: { action: 'updateSettings' } & Partial<Record<Key, number>> = { action: 'updateSettings' as const };
    for (const f of FIELDS) {
      const raw = values[f.key].trim();
      if (!/^\d+$/.test(raw)) {
        next[f.key] = '请填写整数';
        continue;
      }
      event[f.key] = Number(raw);
      const r = parseInput(updateSettingsInput, { action: 'updateSettings' as const, [f.key]: Number(raw) });
      if (!r.ok) next[f.key] = fieldReason(r);
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const changed = FIELDS.filter((f) => event[f.key] !== s.sla[f.key]);
    if (changed.length === 0) return toast('没有修改');
    const summary = changed.map((f) => `${LABEL[f.key]}：${s.sla[f.key]} → ${event[f.key]}`).join('；');
    const ok = await confirm('保存设置？', `${summary}。新时限从之后分派的诉求开始计算，已分派的诉求不变。`, '保存');
    if (!ok) return;
    const env = await send<Settings>('staff', event);
    if (!env?.ok) return;
    toast('设置已保存', true);
    await onSaved();
  };

  return (
    <>
      {FIELDS.map((f) => (
        <Field key={f.key} label={f.label} hint={f.hint} error={errors[f.key]} extra={<Text className="lxq-staff__muted">{f.unit}</Text>} testId={`field-${f.key}`}>
          <Input
            className="lxq-input"
            type="number"
            value={values[f.key]}
            disabled={sending || undefined}
            onInput={(e) => {
              const v = e.detail.value;
              setValues((x) => ({ ...x, [f.key]: v }));
              setErrors((x) => ({ ...x, [f.key]: undefined }));
            }}
          />
        </Field>
      ))}
      <SubmitBar error={error} errorClass="lxq-staff__error lxq-staff__intro" sending={sending} onSubmit={save} testId="save-settings">
        保存设置
      </SubmitBar>
    </>
  );
}

export default function SettingsPage() {
  const me = useStaffMe();
  const settings = useCloud<Settings>('staff', me.isStaff ? { action: 'settings' as const } : null);
  useListLifecycle(() => Promise.all([me.reload(), settings.reload()]));
  return (
    <StaffGate me={me}>
      {() => (
        <AsyncView data={settings.data} error={settings.error} loading={settings.loading} onRetry={settings.reload}>
          {(s) => (
            <>
              {s.problems.length > 0 ? (
                <Card title="控制台修改有问题">
                  {s.problems.map((p) => (
                    <Text key={p} className="lxq-staff__warn">
                      {p}
                    </Text>
                  ))}
                </Card>
              ) : null}
              <Form s={s} onSaved={settings.reload} />
              <Text className="lxq-section-title">联系方式</Text>
              <StreetPhone phone={s.streetPhone ?? ''} onSaved={settings.reload} />
              <View className="lxq-actions">
                <Btn tone="ghost" onClick={() => Taro.navigateTo({ url: `${ROUTES.history}?type=setting&id=sla&no=${encodeURIComponent('办理时限设置')}` })}>
                  修改记录
                </Btn>
              </View>
            </>
          )}
        </AsyncView>
      )}
    </StaffGate>
  );
}
