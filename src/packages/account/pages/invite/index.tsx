import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, Text, View } from '@tarojs/components';
import type { DeputyAccount, DeputyInvite } from '../../../../../contracts/account';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useSubmit } from '../../../../hooks/useSubmit';
import { imageSrc } from '../../../../services/upload';
import { confirm, toast } from '../../../../utils/confirm';
import { formatDateTime } from '../../../../utils/format';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { STAFF_ROUTES as ROUTES } from '../../../../components/staff/routes';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';
import './index.css';

const ACCOUNTS = { action: 'deputyAccounts' as const };
/** A temp URL (http…) shows as it is; a cloud file id goes through the platform's image source. */
const qrSrc = (qr: string) => (/^https?:/.test(qr) ? qr : imageSrc(qr));
const spaced = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

function InviteCard({ invite, onRevoke, busy }: { invite: { code: string; qr: string | null; expiresAt: string; qrError?: string }; onRevoke: () => void; busy: boolean }) {
  return (
    <View className="lxq-inv__card" data-testid="invite-card">
      <Text className="lxq-inv__code" data-testid="invite-code" data-code>
        {spaced(invite.code)}
      </Text>
      {invite.qr ? <Image className="lxq-inv__qr" src={qrSrc(invite.qr)} mode="aspectFit" showMenuByLongpress data-testid="invite-qr" /> : null}
      {invite.qrError ? <Text className="lxq-staff__warn">{invite.qrError}</Text> : null}
      <Text className="lxq-staff__muted">请代表本人用微信扫码，或在小程序“我的 → 账号与身份”输入邀请码。{formatDateTime(invite.expiresAt)} 前有效，只能用一次。</Text>
      <View className="lxq-staff__buttons">
        <Btn tone="ghost" size="small" onClick={() => void Taro.setClipboardData({ data: invite.code })}>
          复制邀请码
        </Btn>
        <Btn tone="danger" size="small" disabled={busy} onClick={onRevoke} testId="revoke-invite">
          撤销
        </Btn>
      </View>
    </View>
  );
}

/** 邀请代表: each roster entry's WeChat binding; a one-time code + 小程序码 for the deputy to bind themselves. */
export default function Invite() {
  const me = useStaffMe();
  const accounts = useCloud<DeputyAccount[]>('staff', me.isStaff ? ACCOUNTS : null);
  useListLifecycle(() => Promise.all([me.reload(), accounts.reload()]));
  const call = useSubmit();
  const [fresh, setFresh] = useState<DeputyInvite | null>(null);
  const [query, setQuery] = useState('');

  const invite = async (d: DeputyAccount) => {
    if (call.busy()) return;
    const note = d.bound ? `${d.name}代表已绑定微信账号。新账号绑定后，原账号将改为居民身份。` : d.invite ? '之前的邀请码将作废。' : '邀请码 7 天内有效，只能使用一次。';
    if ((d.bound || d.invite) && !(await confirm(d.bound ? '为代表换绑微信？' : '重新生成邀请码？', note, '生成邀请码'))) return;
    const env = await call.send<DeputyInvite>('staff', { action: 'inviteDeputy', deputyId: d._id });
    if (!env?.ok) return;
    setFresh(env.data);
    await accounts.reload();
  };

  const revoke = async (code: string, name: string) => {
    if (!(await confirm('撤销邀请码？', `撤销后 ${name} 代表不能再用这个邀请码绑定。`, '撤销'))) return;
    const env = await call.send('staff', { action: 'revokeInvite', code });
    if (!env?.ok) return;
    toast('已撤销', true);
    if (fresh?.code === code) setFresh(null);
    await accounts.reload();
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Card>
            <Text className="lxq-staff__muted">代表要先用本人微信绑定名册中的身份，才能收到分派的诉求。为代表生成邀请码（附小程序码），发给代表本人；绑定后即可在“代表工作台”办理。</Text>
          </Card>
          {call.error ? <Text className="lxq-staff__error lxq-flag__intro">{call.error}</Text> : null}
          {fresh ? (
            <Card title={`${fresh.deputyName} 的邀请码`}>
              <InviteCard invite={fresh} busy={call.sending} onRevoke={() => revoke(fresh.code, fresh.deputyName)} />
            </Card>
          ) : null}
          <View className="lxq-flag__intro">
            <Input className="lxq-input" value={query} placeholder="按姓名或站点查找" onInput={(e) => setQuery(e.detail.value)} />
          </View>
          <AsyncView data={accounts.data} error={accounts.error} loading={accounts.loading} onRetry={accounts.reload}>
            {(list) => {
              const q = query.trim();
              const rows = list.filter((d) => !q || d.name.includes(q) || d.stationName.includes(q));
              if (list.length === 0) return <Empty title="名册中还没有代表" description="请先在“导入街道”中导入代表名册。" />;
              return (
                <>
                  <Text className="lxq-section-title">
                    代表（已绑定 {list.filter((d) => d.bound).length} / {list.length}）
                  </Text>
                  {rows.map((d) => (
                    <View key={d._id} className="lxq-surface lxq-staff__item" data-testid="deputy-account" data-id={d._id}>
                      <View className="lxq-spread">
                        <Text className="lxq-option__name">{d.name}</Text>
                        <View>
                          {!d.active ? <Text className="lxq-badge">不在职</Text> : null}
                          {d.bound ? <Text className="lxq-badge lxq-badge--ok">已绑定</Text> : d.invite ? <Text className="lxq-badge lxq-badge--warn">邀请中</Text> : <Text className="lxq-badge lxq-badge--red">未绑定</Text>}
                        </View>
                      </View>
                      <Text className="lxq-staff__meta">
                        {[d.stationName, d.boundAt ? `${formatDateTime(d.boundAt)} 绑定` : ''].filter(Boolean).join(' · ')}
                      </Text>
                      {d.invite && fresh?.code !== d.invite.code ? <InviteCard invite={d.invite} busy={call.sending} onRevoke={() => revoke(d.invite!.code, d.name)} /> : null}
                      <View className="lxq-staff__buttons">
                        {d.active ? (
                          <Btn tone="primary" size="small" disabled={call.sending} onClick={() => invite(d)} testId="invite">
                            {d.bound ? '换绑微信' : d.invite ? '重新生成' : '生成邀请码'}
                          </Btn>
                        ) : null}
                        <Text className="lxq-staff__link" onClick={() => Taro.navigateTo({ url: `${ROUTES.history}?type=deputy&id=${d._id}&no=${encodeURIComponent(d.name)}` })}>
                          记录 ›
                        </Text>
                      </View>
                    </View>
                  ))}
                </>
              );
            }}
          </AsyncView>
        </>
      )}
    </StaffGate>
  );
}
