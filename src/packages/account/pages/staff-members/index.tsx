import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { addStaffInput, type StaffMember } from '../../../../../contracts/account';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { TextField } from '../../../../components/Field/TextField';
import { useCloud } from '../../../../hooks/useCloud';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useSubmit } from '../../../../hooks/useSubmit';
import { confirm, toast } from '../../../../utils/confirm';
import { checkInput } from '../../../../utils/validation';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';

const MEMBERS = { action: 'staffMembers' };

/** 工作人员: who is staff; staff add a colleague by the 用户编号 shown on their 账号与身份 page. */
export default function StaffMembers() {
  const me = useStaffMe();
  const members = useCloud<StaffMember[]>('staff', me.isStaff ? MEMBERS : null);
  useListLifecycle(() => Promise.all([me.reload(), members.reload()]));
  const call = useSubmit();
  const [openid, setOpenid] = useState('');

  const add = async () => {
    const event = { action: 'addStaff', openid: openid.trim() };
    const bad = checkInput(addStaffInput, event);
    if (bad) return call.setError(bad);
    if (!(await confirm('添加工作人员？', `${event.openid} 将可以审核、分派诉求，导入街道数据，邀请代表。`, '添加'))) return;
    const env = await call.send('staff', event);
    if (!env?.ok) return;
    toast('已添加', true);
    setOpenid('');
    await members.reload();
  };

  const remove = async (m: StaffMember) => {
    if (!(await confirm('移除工作人员？', `${m.name || m.openid} 将改为居民身份。`, '移除'))) return;
    const env = await call.send('staff', { action: 'removeStaff', openid: m.openid });
    if (!env?.ok) return;
    toast('已移除', true);
    await members.reload();
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <AsyncView data={members.data} error={members.error} loading={members.loading} onRetry={members.reload}>
            {(list) => (
              <Card title={`工作人员（${list.length}）`}>
                {list.map((m) => (
                  <View key={m.openid} className="lxq-staff__line" data-testid="staff-member">
                    <Text className="lxq-option__name">
                      {m.name || m.openid}
                      {m.isMe ? '（我）' : ''}
                    </Text>
                    {m.isMe ? null : (
                      <Btn tone="ghost" size="small" disabled={call.sending} onClick={() => remove(m)}>
                        移除
                      </Btn>
                    )}
                  </View>
                ))}
              </Card>
            )}
          </AsyncView>
          <Text className="lxq-section-title">添加工作人员</Text>
            <TextField
              label="对方的用户编号"
              required
              hint="请对方打开小程序“我的 → 账号与身份”，把“我的用户编号”发给您。"
              value={openid}
              maxlength={64}
              sending={call.sending}
              onInput={(e) => (setOpenid(e.detail.value), call.setError(null))}
              inputTestId="staff-openid"
            />
            {call.error ? <Text className="lxq-staff__error lxq-flag__intro">{call.error}</Text> : null}
            <View className="lxq-actions">
              <Btn tone="primary" disabled={call.sending || !openid.trim()} busy={call.sending} onClick={add} testId="add-staff">
                添加
              </Btn>
            </View>
        </>
      )}
    </StaffGate>
  );
}
