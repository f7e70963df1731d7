import { Text, View } from '@tarojs/components';
import { addStaffInput, type StaffMember } from '../../../../../contracts/account';
import type { PersonHit } from '../../../../../contracts/staff';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { useCloud } from '../../../../hooks/useCloud';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useSubmit } from '../../../../hooks/useSubmit';
import { confirm, toast } from '../../../../utils/confirm';
import { checkInput } from '../../../../utils/validation';
import { PersonSearch, personName } from '../../../../components/staff/PersonSearch';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';

const MEMBERS = { action: 'staffMembers' as const };

/** 工作人员: who is staff; staff add a colleague found by name, phone tail or the 用户编号 on their 账号与身份 page. */
export default function StaffMembers() {
  const me = useStaffMe();
  const members = useCloud<StaffMember[]>('staff', me.isStaff ? MEMBERS : null);
  useListLifecycle(() => Promise.all([me.reload(), members.reload()]));
  const call = useSubmit();

  const add = async (p: PersonHit, reload: () => Promise<void>) => {
    const event = { action: 'addStaff' as const, openid: p.openid };
    const bad = checkInput(addStaffInput, event);
    if (bad) return call.setError(bad);
    if (!(await confirm('添加工作人员？', `${personName(p)} 将可以审核、分派诉求，导入街道数据，邀请代表。`, '添加'))) return;
    const env = await call.send('staff', event);
    if (!env?.ok) return;
    toast('已添加', true);
    await Promise.all([members.reload(), reload()]);
  };

  const remove = async (m: StaffMember) => {
    if (!(await confirm('移除工作人员？', `${m.name || '这位工作人员'} 将改为居民身份。`, '移除'))) return;
    const env = await call.send('staff', { action: 'removeStaff' as const, openid: m.openid });
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
                      {m.name || '微信用户'}
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
          <Text className="lxq-staff__muted lxq-staff__intro">请对方先打开一次小程序。找不到时，请对方在“我的 → 账号与身份”里把“我的用户编号”发给您，输入编号查找。</Text>
          {call.error ? <Text className="lxq-staff__error lxq-staff__intro">{call.error}</Text> : null}
          <PersonSearch
            emptyTitle="输入姓名、手机尾号或用户编号查找同事"
            actions={(p, reload) =>
              p.role === 'staff' ? (
                <Text className="lxq-staff__muted">已是工作人员</Text>
              ) : (
                <Btn tone="primary" size="small" disabled={call.sending} onClick={() => add(p, reload)} testId="add-staff">
                  设为工作人员
                </Btn>
              )
            }
          />
        </>
      )}
    </StaffGate>
  );
}
