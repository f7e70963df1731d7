import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { bindDeputyInput, claimStaffInput, type BindResult } from '../../../../../contracts/account';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { TextField } from '../../../../components/Field/TextField';
import { useCloud } from '../../../../hooks/useCloud';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { usePageParam } from '../../../../hooks/usePageParam';
import { useSubmit } from '../../../../hooks/useSubmit';
import { ROLE_LABEL, type WhoAmI } from '../../../../services/types';
import { toast } from '../../../../utils/confirm';
import { checkInput } from '../../../../utils/validation';
import { Btn } from '../../../../components/Btn';
import './index.css';

const WHOAMI = { action: 'whoami' as const };
const WORKBENCH = '/packages/deputy/pages/workbench/index';
const DASHBOARD = '/packages/staff/pages/dashboard/index';

/**
 * 账号与身份: a deputy binds their own WeChat account with the invite code (typed, or arriving by scanning the
 * 小程序码, whose scene is the code); the very first staff member uses the deployment's bootstrap code.
 */
export default function Bind() {
  // A scanned 小程序码 opens this page with ?scene=<code>; a shared link may carry ?code=.
  const scene = usePageParam('scene');
  const linkCode = usePageParam('code');
  const me = useCloud<WhoAmI>('user', WHOAMI);
  useListLifecycle(me.reload);
  const [code, setCode] = useState(scene || linkCode);
  const [bootstrap, setBootstrap] = useState('');
  const [showBootstrap, setShowBootstrap] = useState(false);
  const [bound, setBound] = useState<BindResult | null>(null);
  const bind = useSubmit();
  const claim = useSubmit();

  const doBind = async () => {
    const event = { action: 'bindDeputy' as const, code };
    const bad = checkInput(bindDeputyInput, event);
    if (bad) return bind.setError(bad);
    const env = await bind.send<BindResult>('user', event);
    if (!env?.ok) return;
    setBound(env.data);
    toast('绑定成功', true);
    await me.reload();
  };

  const doClaim = async () => {
    const event = { action: 'claimStaff' as const, code: bootstrap };
    const bad = checkInput(claimStaffInput, event);
    if (bad) return claim.setError(bad);
    const env = await claim.send('user', event);
    if (!env?.ok) return;
    toast('您已成为工作人员', true);
    await me.reload();
  };

  return (
    <Page>
      <AsyncView data={me.data} error={me.error} loading={me.loading} onRetry={me.reload}>
        {(who) => (
          <>
            <Card title="当前身份">
              <Text className="lxq-account__role" data-testid="current-role">
                {ROLE_LABEL[who.role] ?? '居民'}
                {who.role === 'deputy' && who.name ? ` · ${who.name}` : ''}
              </Text>
              <Text className="lxq-account__muted">我的用户编号（工作人员添加您为同事时需要）：</Text>
              <View className="lxq-account__row">
                <Text className="lxq-account__openid" selectable data-testid="my-openid" data-code>
                  {who.openid}
                </Text>
                <Text className="lxq-account__link" onClick={() => void Taro.setClipboardData({ data: who.openid })}>
                  复制
                </Text>
              </View>
            </Card>

            {bound || who.role === 'deputy' ? (
              <Card title="代表身份">
                <Text className="lxq-account__ok" data-testid="bind-done">
                  已绑定为 {bound?.name ?? who.name} 代表{bound?.replacedAccount ? '（原来绑定的微信账号已改为居民身份）' : ''}
                </Text>
                <View className="lxq-actions">
                  <Btn tone="primary" onClick={() => Taro.navigateTo({ url: WORKBENCH })}>
                    进入代表工作台
                  </Btn>
                </View>
              </Card>
            ) : null}

            {who.role !== 'staff' ? (
              <>
                <Card title={who.role === 'deputy' ? '换绑到本微信' : '绑定代表身份'}>
                  <Text className="lxq-account__muted">人大代表请用本人微信扫描工作人员发来的小程序码，或输入 8 位邀请码。邀请码只能用一次，7 天内有效。</Text>
                </Card>
                <TextField
                  label="邀请码"
                  required
                  value={code}
                  maxlength={12}
                  placeholder="如 K7QM 2XPA"
                  sending={bind.sending}
                  error={bind.error ?? undefined}
                  onInput={(e) => (setCode(e.detail.value), bind.setError(null))}
                  inputTestId="invite-code"
                />
                <View className="lxq-actions">
                  <Btn tone="primary" disabled={bind.sending || !code.trim()} busy={bind.sending} onClick={doBind} testId="bind">
                    绑定
                  </Btn>
                </View>
              </>
            ) : (
              <Card title="工作人员">
                <Text className="lxq-account__ok">您是工作人员。</Text>
                <View className="lxq-actions">
                  <Btn tone="primary" onClick={() => Taro.navigateTo({ url: DASHBOARD })}>
                    进入工作人员后台
                  </Btn>
                </View>
              </Card>
            )}

            {who.role === 'resident' ? (
              <View className="lxq-account__boot">
                {showBootstrap ? (
                  <>
                    <Card title="首次启用：成为第一位工作人员">
                      <Text className="lxq-account__muted">仅在新部署、还没有任何工作人员时使用，引导码由部署人员提供，用过一次即失效。之后的工作人员由现有工作人员添加。</Text>
                    </Card>
                    <TextField label="引导码" required value={bootstrap} maxlength={128} sending={claim.sending} error={claim.error ?? undefined} onInput={(e) => (setBootstrap(e.detail.value), claim.setError(null))} inputTestId="bootstrap-code" />
                    <View className="lxq-actions">
                      <Btn tone="ghost" disabled={claim.sending || !bootstrap.trim()} busy={claim.sending} onClick={doClaim} testId="claim-staff">
                        成为工作人员
                      </Btn>
                    </View>
                  </>
                ) : (
                  <Text className="lxq-account__link" onClick={() => setShowBootstrap(true)} data-testid="show-bootstrap">
                    首次启用？使用部署引导码
                  </Text>
                )}
              </View>
            ) : null}
          </>
        )}
      </AsyncView>
    </Page>
  );
}
