import Taro from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import { Page } from '../../components/Page';
import { useCloud } from '../../hooks/useCloud';
import { useReloadOnShow } from '../../hooks/usePageLifecycle';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { AsyncView } from '../../components/AsyncView';
import { Cell } from '../../components/Card';
import { DevSwitcher } from '../../components/DevSwitcher';
import { ROLE_LABEL, type WhoAmI } from '../../services/types';
import { LARGE_SYSTEM_FONT, setA11y, systemScale } from '../../services/a11y';
import { useA11y } from '../../hooks/useA11y';
import { RECORD_PAGE } from '../../utils/points';
import { PROJECTS, PROPOSE } from '../ballots/ballot';
import type { InboxPage } from '../../../contracts/inbox';
import './index.css';

/** 长辈模式 and 高对比度, kept on the phone; the type also follows WeChat's font size. */
function Display() {
  const a = useA11y();
  const sys = systemScale();
  return (
    <View className="lxq-me__cells" data-testid="display-settings">
      <Text className="lxq-section-title">阅读与显示</Text>
      <View className="lxq-me__switch">
        <View className="lxq-me__switch-text">
          <Text className="lxq-me__switch-title">长辈模式</Text>
          <Text className="lxq-me__switch-hint">字更大、按钮更大，首页只留反映诉求、查看进度、打电话</Text>
        </View>
        <Switch className="lxq-switch" checked={a.elder} color="#b3261e" onChange={(e) => setA11y({ elder: !!e.detail.value })} data-testid="elder-switch" />
      </View>
      <View className="lxq-me__switch">
        <View className="lxq-me__switch-text">
          <Text className="lxq-me__switch-title">高对比度</Text>
          <Text className="lxq-me__switch-hint">文字更黑、线条更清楚，看不清时打开</Text>
        </View>
        <Switch className="lxq-switch" checked={a.contrast} color="#b3261e" onChange={(e) => setA11y({ contrast: !!e.detail.value })} data-testid="contrast-switch" />
      </View>
      <Text className="lxq-me__switch-note" data-testid="font-note">
        {sys > 1.01 ? `已跟随您的微信字体大小（约 ${sys.toFixed(1)} 倍）。` : '文字大小跟随微信「设置 → 通用 → 字体大小」。'}
        {!a.elder && sys >= LARGE_SYSTEM_FONT ? '您的字体较大，建议打开长辈模式。' : ''}
      </Text>
    </View>
  );
}

const WORKBENCH = '/packages/deputy/pages/workbench/index';
const DASHBOARD = '/packages/staff/pages/dashboard/index';
const STAFF_BALLOTS = '/packages/ballot/pages/staff-ballots/index';
const ACCOUNT = '/packages/account/pages/bind/index';

export default function Me() {
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  // Only for the unread count on the 消息 entry (the first inbox page carries it).
  const inbox = useCloud<InboxPage>('user', { action: 'inbox' });
  usePullToRefresh(() => Promise.all([me.reload(), inbox.reload()]));
  useReloadOnShow(inbox.reload);
  const unread = typeof inbox.data?.unread === 'number' ? inbox.data.unread : 0;

  return (
    <Page>
      <AsyncView data={me.data} error={me.error} loading={me.loading} onRetry={me.reload}>
        {(who) => (
          <>
            <View className="lxq-me__head">
              <Text className="lxq-me__name">{who.name || '微信用户'}</Text>
              <Text className="lxq-me__role" data-testid="role">
                {ROLE_LABEL[who.role] ?? '居民'}
              </Text>
            </View>
            <View className="lxq-me__cells">
              {who.role === 'deputy' ? (
                <Cell label="代表工作台" arrow onClick={() => Taro.navigateTo({ url: WORKBENCH })} />
              ) : null}
              {who.role === 'deputy' ? <Cell label="我的履职档案" arrow onClick={() => Taro.navigateTo({ url: RECORD_PAGE })} /> : null}
              {who.role === 'staff' ? (
                <Cell label="工作人员后台" arrow onClick={() => Taro.navigateTo({ url: DASHBOARD })} />
              ) : null}
              <Cell label="我的诉求" arrow onClick={() => Taro.switchTab({ url: '/pages/appeals/index' })} />
              <Cell label="认领代录诉求（到站、电话反映的）" arrow onClick={() => Taro.navigateTo({ url: '/packages/presence/pages/claim/index' })} />
              <Cell
                label="消息"
                arrow
                value={
                  unread > 0 ? (
                    <Text className="lxq-badge lxq-badge--red" data-testid="unread">
                      {unread > 99 ? '99+' : unread}
                    </Text>
                  ) : undefined
                }
                onClick={() => Taro.navigateTo({ url: '/pages/inbox/index' })}
              />
              <Cell label="回音壁" arrow onClick={() => Taro.navigateTo({ url: '/pages/wall/index' })} />
              <Cell label="我的立法意见" arrow onClick={() => Taro.navigateTo({ url: '/packages/legislation/pages/mine/index' })} />
              <Cell label={who.role === 'resident' ? '代表建议' : '代表建议与相似诉求'} arrow onClick={() => Taro.navigateTo({ url: '/packages/suggestion/pages/list/index' })} />
              {who.role === 'staff' ? <Cell label="票决管理" arrow onClick={() => Taro.navigateTo({ url: STAFF_BALLOTS })} /> : null}
              {who.role === 'resident' ? <Cell label="我提的民生实事建议" arrow onClick={() => Taro.navigateTo({ url: PROPOSE })} /> : null}
              <Cell label={who.role === 'deputy' ? '民生实事项目（验收评分）' : '民生实事项目进度'} arrow onClick={() => Taro.navigateTo({ url: PROJECTS })} />
              <Cell label={who.role === 'resident' ? '账号与身份（代表绑定）' : '账号与身份'} arrow onClick={() => Taro.navigateTo({ url: ACCOUNT })} />
            </View>
          </>
        )}
      </AsyncView>
      <Display />
      <DevSwitcher variant="panel" />
      <Text className="lxq-me__about">连心桥 · 街道人大代表联络服务</Text>
    </Page>
  );
}
