import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { DeputyHome } from '../../../contracts/duty';
import type { StaffDashboard } from '../../../contracts/staff';
import { AppealItem } from '../../components/AppealItem';
import { AsyncView } from '../../components/AsyncView';
import { Btn } from '../../components/Btn';
import { useCloud } from '../../hooks/useCloud';
import { useDirectory } from '../../hooks/useDirectory';
import { useReloadOnShow } from '../../hooks/usePageLifecycle';

const WORKBENCH = '/packages/deputy/pages/workbench/index';
const DEPUTY_APPEAL = '/packages/deputy/pages/appeal/index';
const RECORD = '/packages/deputy/pages/record/index';
const DASHBOARD = '/packages/staff/pages/dashboard/index';
const REVIEW = '/packages/staff/pages/review/index';
const TRIAGE = '/packages/staff/pages/triage/index';
const OVERDUE = '/packages/staff/pages/overdue/index';
const FLAGGED = '/packages/staff/pages/flagged/index';

const go = (url: string) => () => void Taro.navigateTo({ url });

interface Count {
  label: string;
  value: number;
  /** Needs someone today: shown with 需处理, not by colour alone. */
  hot?: boolean;
  url?: string;
  testId: string;
}

function Counts({ items }: { items: Count[] }) {
  return (
    <View className="lxq-role__counts">
      {items.map((c) => (
        <View key={c.testId} className={c.hot && c.value > 0 ? 'lxq-role__count lxq-role__count--hot' : 'lxq-role__count'} hoverClass={c.url ? 'lxq-pressed' : 'none'} onClick={c.url ? go(c.url) : undefined} data-testid={c.testId}>
          <Text className="lxq-role__num">{c.value}</Text>
          <Text className="lxq-role__label">{c.label}</Text>
          {c.hot && c.value > 0 ? <Text className="lxq-role__flag">需处理</Text> : null}
        </View>
      ))}
    </View>
  );
}

function DeputyCard({ name }: { name?: string }) {
  const home = useCloud<DeputyHome>('deputy', { action: 'home' });
  const dir = useDirectory();
  useReloadOnShow(home.reload);
  return (
    <View className="lxq-surface lxq-role" data-testid="deputy-home">
      <Text className="lxq-role__hello">{name ? `${name} 代表，您好` : '代表您好'}</Text>
      <AsyncView data={home.data} error={home.error} loading={home.loading} onRetry={home.reload}>
        {(h) => (
          <>
            <Counts
              items={[
                { label: '待受理', value: h.counts.assigned, hot: true, url: WORKBENCH, testId: 'home-assigned' },
                { label: '办理中', value: h.counts.in_progress, url: WORKBENCH, testId: 'home-in-progress' },
                { label: '今天到期', value: h.dueToday, hot: true, testId: 'home-due-today' },
                { label: '已超期', value: h.overdue, hot: true, testId: 'home-overdue' },
              ]}
            />
            {h.urgent.length > 0 ? (
              <>
                <Text className="lxq-role__section">最要紧的</Text>
                {h.urgent.map((item) => (
                  <AppealItem key={item._id} item={item} categoryName={dir.categoryName(item.category)} audience="deputy" onClick={go(`${DEPUTY_APPEAL}?id=${item._id}`)} />
                ))}
              </>
            ) : (
              <Text className="lxq-role__calm">手头没有待办的诉求。</Text>
            )}
          </>
        )}
      </AsyncView>
      <View className="lxq-role__actions">
        <Btn tone="primary" onClick={go(WORKBENCH)} testId="to-workbench">
          进入代表工作台
        </Btn>
        <Btn tone="ghost" onClick={go(RECORD)}>
          履职档案
        </Btn>
      </View>
    </View>
  );
}

function StaffCard({ name }: { name?: string }) {
  const dash = useCloud<StaffDashboard>('staff', { action: 'dashboard' });
  useReloadOnShow(dash.reload);
  return (
    <View className="lxq-surface lxq-role" data-testid="staff-home">
      <Text className="lxq-role__hello">{name ? `${name}，您好` : '您好'}</Text>
      <AsyncView data={dash.data} error={dash.error} loading={dash.loading} onRetry={dash.reload}>
        {(d) => (
          <>
            <Counts
              items={[
                { label: '待审核', value: d.counts.pending_review, hot: true, url: REVIEW, testId: 'home-review' },
                { label: '待分派', value: d.counts.triage, hot: true, url: TRIAGE, testId: 'home-triage' },
                { label: '已超期', value: d.counts.overdue, hot: true, url: OVERDUE, testId: 'home-overdue' },
                { label: '控制台修改未生效', value: d.counts.flagged, hot: true, url: FLAGGED, testId: 'home-flagged' },
              ]}
            />
            {d.calendar?.warning ? <Text className="lxq-role__calm">{d.calendar.warning}</Text> : null}
          </>
        )}
      </AsyncView>
      <View className="lxq-role__actions">
        <Btn tone="primary" onClick={go(DASHBOARD)} testId="to-dashboard">
          进入工作人员后台
        </Btn>
      </View>
    </View>
  );
}

/** The 首页 of a deputy or a clerk starts with what is theirs to do. */
export function RoleHome({ role, name }: { role: 'deputy' | 'staff'; name?: string }) {
  return role === 'deputy' ? <DeputyCard name={name} /> : <StaffCard name={name} />;
}
