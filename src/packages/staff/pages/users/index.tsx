import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { blockInput, unblockInput } from '../../../../../contracts/staff';
import { Card } from '../../../../components/Card';
import { Field } from '../../../../components/Field';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useSubmit } from '../../../../hooks/useSubmit';
import { confirm, toast } from '../../../../utils/confirm';
import { checkInput } from '../../../../utils/validation';
import { ReasonDialog } from '../../../../components/staff/ReasonDialog';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';

export default function Users() {
  const me = useStaffMe();
  useListLifecycle(me.reload);
  const [openid, setOpenid] = useState('');
  const [asking, setAsking] = useState(false);
  const call = useSubmit();
  const { sending, error, setError } = call;
  const [done, setDone] = useState<string | null>(null);
  const target = openid.trim();

  const send = async (event: Record<string, unknown>, success: string) => {
    const env = await call.send('staff', event);
    if (!env?.ok) return false;
    toast(success, true);
    setDone(`${target}：${success}`);
    return true;
  };

  const askBlock = () => {
    const bad = checkInput(blockInput, { action: 'block', openid: target, reason: '占位原因' });
    if (bad) return setError(bad);
    setError(null);
    setAsking(true);
  };

  const unblock = async () => {
    const event = { action: 'unblock', openid: target };
    const bad = checkInput(unblockInput, event);
    if (bad) return setError(bad);
    const ok = await confirm('解除限制？', `解除后，${target} 提交的诉求不再需要人工审核。`, '解除限制');
    if (ok) await send(event, '已解除限制');
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Card>
            <Text className="lxq-staff__muted">限制后，该居民提交的诉求会先进入「待审核」，由工作人员看过再分派；不会删除任何内容。仅能限制居民账号，原因会记入操作记录。</Text>
          </Card>
          <Field label="用户 openid" required hint="可在云开发控制台 users 集合或诉求记录中查到。" testId="field-openid">
            <Input className="lxq-input" value={openid} maxlength={64} placeholder="例如 oAbC123…" disabled={sending || undefined} onInput={(e) => (setOpenid(e.detail.value), setError(null), setDone(null))} />
          </Field>
          {error && !asking ? (
            <Text className="lxq-staff__error lxq-staff__intro" data-testid="users-error">
              {error}
            </Text>
          ) : null}
          {done ? <Text className="lxq-staff__muted lxq-staff__intro">{done}</Text> : null}
          <View className="lxq-actions">
            <Btn tone="danger" disabled={sending || !target} onClick={askBlock} testId="block">
              限制账号
            </Btn>
            <Btn tone="ghost" disabled={sending || !target} onClick={unblock} testId="unblock">
              解除限制
            </Btn>
          </View>
          {asking ? (
            <ReasonDialog
              title="限制账号"
              description={`限制 ${target}：之后提交的诉求需人工审核。请写明原因（记入操作记录）。`}
              placeholder="例如：短时间内大量重复提交无关内容"
              confirmText="确认限制"
              busy={sending}
              error={error}
              onConfirm={async (reason) => {
                if (await send({ action: 'block', openid: target, reason }, '已限制')) setAsking(false);
              }}
              onCancel={() => setAsking(false)}
            />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
