import { useState } from 'react';
import { Text } from '@tarojs/components';
import { blockInput, type PersonHit } from '../../../../../contracts/staff';
import { Card } from '../../../../components/Card';
import { Btn } from '../../../../components/Btn';
import { PersonSearch, personName } from '../../../../components/staff/PersonSearch';
import { ReasonDialog } from '../../../../components/staff/ReasonDialog';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useSubmit } from '../../../../hooks/useSubmit';
import { confirm, toast } from '../../../../utils/confirm';
import { checkInput } from '../../../../utils/validation';
import '../../../../components/staff/staff.css';

/** 账号限制: find the resident by name, phone tail or tracking number; every confirmation names them. */
export default function Users() {
  const me = useStaffMe();
  useListLifecycle(me.reload);
  const call = useSubmit();
  const [asking, setAsking] = useState<{ person: PersonHit; reload: () => Promise<void> } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const block = async (reason: string) => {
    if (!asking) return;
    const event = { action: 'block' as const, openid: asking.person.openid, reason };
    const bad = checkInput(blockInput, event);
    if (bad) return call.setError(bad);
    const env = await call.send('staff', event);
    if (!env?.ok) return;
    const who = personName(asking.person);
    toast('已限制', true);
    setDone(`已限制 ${who}：之后提交的诉求先进入「待审核」。`);
    await asking.reload();
    setAsking(null);
  };

  const unblock = async (p: PersonHit, reload: () => Promise<void>) => {
    const who = personName(p);
    const ok = await confirm('解除限制？', `解除对 ${who} 的限制后，其提交的诉求不再需要人工审核。`, '解除限制');
    if (!ok) return;
    const env = await call.send('staff', { action: 'unblock' as const, openid: p.openid });
    if (!env?.ok) return toast(env?.ok === false ? env.error.message : '操作失败');
    toast('已解除限制', true);
    setDone(`已解除对 ${who} 的限制。`);
    await reload();
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Card>
            <Text className="lxq-staff__muted">限制后，该居民提交的诉求会先进入「待审核」，由工作人员看过再分派；不会删除任何内容。仅能限制居民账号，原因会记入操作记录。</Text>
          </Card>
          {done ? (
            <Text className="lxq-staff__muted lxq-staff__intro" data-testid="users-done">
              {done}
            </Text>
          ) : null}
          {call.error && !asking ? (
            <Text className="lxq-staff__error lxq-staff__intro" data-testid="users-error">
              {call.error}
            </Text>
          ) : null}
          <PersonSearch
            emptyTitle="当前受限的账号"
            listWhenEmpty
            actions={(p, reload) =>
              p.role !== 'resident' ? (
                <Text className="lxq-staff__muted">代表和工作人员的账号不能在这里限制。</Text>
              ) : p.blocked ? (
                <Btn tone="ghost" size="small" disabled={call.sending} onClick={() => unblock(p, reload)} testId="unblock">
                  解除限制
                </Btn>
              ) : (
                <Btn tone="danger" size="small" disabled={call.sending} onClick={() => (call.setError(null), setAsking({ person: p, reload }))} testId="block">
                  限制账号
                </Btn>
              )
            }
          />
          {asking ? (
            <ReasonDialog
              draftKey={`block.${asking.person.openid}`}
              title="限制账号"
              description={`限制 ${personName(asking.person)}：之后提交的诉求需人工审核。请写明原因（记入操作记录）。`}
              placeholder="例如：短时间内大量重复提交无关内容"
              confirmText="确认限制"
              busy={call.sending}
              error={call.error}
              onConfirm={block}
              onCancel={() => setAsking(null)}
            />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
