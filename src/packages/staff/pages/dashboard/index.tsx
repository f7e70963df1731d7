import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OverdueGroup, StaffDashboard } from '../../../../../contracts/staff';
import { AsyncView } from '../../../../components/AsyncView';
import { Card, Cell } from '../../../../components/Card';
import { useCloud } from '../../../../hooks/useCloud';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { formatDate } from '../../../../utils/format';
import { PROJECTS } from '../../../../pages/ballots/ballot';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { ROUTES } from '../../types';
import '../../../../components/staff/staff.css';
import './index.css';

const DASHBOARD = { action: 'dashboard' as const };
const go = (url: string) => () => void Taro.navigateTo({ url });

const COUNTS: { key: keyof StaffDashboard['counts']; label: string; url?: string; hot?: boolean }[] = [
  { key: 'pending_review', label: '待审核', url: ROUTES.review, hot: true },
  { key: 'triage', label: '待分派', url: ROUTES.triage, hot: true },
  { key: 'overdue', label: '已超期', url: ROUTES.overdue, hot: true },
  { key: 'supervised', label: '督办中' },
  { key: 'flagged', label: '控制台未生效', url: ROUTES.flagged, hot: true },
];

interface GroupsProps {
  title: string;
  groups: OverdueGroup[];
  link: (g: OverdueGroup) => string;
  /** A second link on each row (the deputy's 履职档案). */
  side?: { label: string; link: (g: OverdueGroup) => string };
}

function Groups({ title, groups, link, side }: GroupsProps) {
  return (
    <Card title={title}>
      {groups.length === 0 ? (
        <Text className="lxq-staff__muted">没有超期诉求</Text>
      ) : (
        groups.map((g) => (
          <View key={g.key} className="lxq-dashboard__group" hoverClass="lxq-pressed" onClick={go(link(g))} data-testid="overdue-group">
            <Text className="lxq-dashboard__name">{g.name}</Text>
            <Text className="lxq-dashboard__oldest">最早 {formatDate(g.oldestAt)} 超期</Text>
            <Text className="lxq-badge lxq-badge--red">{g.count} 件</Text>
            {side ? (
              <Text
                className="lxq-staff__link lxq-dashboard__side"
                onClick={(e) => {
                  e.stopPropagation();
                  go(side.link(g))();
                }}
                data-testid="open-record"
              >
                {side.label}
              </Text>
            ) : null}
            <Text className="lxq-cell__arrow">›</Text>
          </View>
        ))
      )}
    </Card>
  );
}

export default function Dashboard() {
  const me = useStaffMe();
  const dash = useCloud<StaffDashboard>('staff', me.isStaff ? DASHBOARD : null);
  useListLifecycle(() => Promise.all([me.reload(), dash.reload()]));
  return (
    <StaffGate me={me}>
      {(who) => (
        <>
          <Card title={`您好，${who.name || '工作人员'}`}>
            <Text className="lxq-muted">诉求审核、分派、督办，票决和民生实事项目管理。</Text>
          </Card>
          <AsyncView data={dash.data} error={dash.error} loading={dash.loading} onRetry={dash.reload}>
            {(d) => (
              <>
                {d.calendar?.warning ? (
                  <Card title="节假日安排">
                    <Text className="lxq-staff__warn" data-testid="calendar-warning" onClick={go(ROUTES.calendar)}>
                      {d.calendar.warning} 去录入 ›
                    </Text>
                  </Card>
                ) : null}
                <View className="lxq-dashboard__counts">
                  {COUNTS.map((c) => (
                    <View
                      key={c.key}
                      className={c.hot && d.counts[c.key] > 0 ? 'lxq-surface lxq-dashboard__count lxq-dashboard__count--hot' : 'lxq-surface lxq-dashboard__count'}
                      hoverClass={c.url ? 'lxq-pressed' : 'none'}
                      onClick={c.url ? go(c.url) : undefined}
                      data-testid={`count-${c.key}`}
                    >
                      <Text className="lxq-dashboard__num">{d.counts[c.key]}</Text>
                      <Text className="lxq-dashboard__label">{c.label}</Text>
                      {c.hot && d.counts[c.key] > 0 ? <Text className="lxq-dashboard__flag">需处理</Text> : null}
                    </View>
                  ))}
                </View>
                <Groups
                  title="超期诉求 · 按代表（最早超期在前）"
                  groups={d.overdueByDeputy}
                  link={(g) => `${ROUTES.overdue}?deputy=${encodeURIComponent(g.name)}`}
                  side={{ label: '档案', link: (g) => `${ROUTES.record}?deputyId=${encodeURIComponent(g.key)}` }}
                />
                <Groups title="超期诉求 · 按联络站（最早超期在前）" groups={d.overdueByStation} link={() => ROUTES.overdue} />
              </>
            )}
          </AsyncView>
          <Text className="lxq-section-title">诉求</Text>
          <View className="lxq-dashboard__cells">
            <Cell label="待审核" arrow onClick={go(ROUTES.review)} />
            <Cell label="待分派" arrow onClick={go(ROUTES.triage)} />
            <Cell label="超期诉求" arrow onClick={go(ROUTES.overdue)} />
            <Cell label="控制台修改未生效" arrow onClick={go(ROUTES.flagged)} />
            <Cell label="待审内容（答复、进展、图片等）" arrow onClick={go(ROUTES.held)} />
            <Cell label="回音壁管理（修改、撤下）" arrow onClick={go(ROUTES.wall)} />
            <Cell label="按编号查操作记录" arrow onClick={go(ROUTES.history)} />
            <Cell label="晴雨表（统计与导出）" arrow onClick={go(ROUTES.pulse)} />
          </View>
          <Text className="lxq-section-title">代表履职</Text>
          <View className="lxq-dashboard__cells">
            <Cell label="履职积分审核" arrow onClick={go(ROUTES.points)} />
            <Cell label="站点开放时间、接待日与小程序码" arrow onClick={go(ROUTES.stations)} />
            <Cell label="代表活动（邀请、考勤、简报）" arrow onClick={go(ROUTES.activities)} />
            <Cell label="代客录入" arrow onClick={go(ROUTES.intake)} />
            <Cell label="清茶议事（纠纷调解）" arrow onClick={go(ROUTES.mediation)} />
          </View>
          <Text className="lxq-section-title">票决与民生实事</Text>
          <View className="lxq-dashboard__cells">
            <Cell label="票决管理" arrow onClick={go(ROUTES.ballots)} />
            <Cell label="居民建议整理（点单）" arrow onClick={go(ROUTES.proposals)} />
            <Cell label="项目实施进度" arrow onClick={go(PROJECTS)} />
          </View>
          <Text className="lxq-section-title">立法信息采集与代表建议</Text>
          <View className="lxq-dashboard__cells">
            <Cell label="立法意见（汇总报送、采纳情况）" arrow onClick={go(ROUTES.legislation)} />
            <Cell label="代表建议与相似诉求" arrow onClick={go('/packages/suggestion/pages/list/index')} />
          </View>
          <Text className="lxq-section-title">设置</Text>
          <View className="lxq-dashboard__cells">
            <Cell label="办理时限与街道电话" arrow onClick={go(ROUTES.settings)} />
            <Cell label="节假日安排" arrow onClick={go(ROUTES.calendar)} />
            <Cell label="账号限制" arrow onClick={go(ROUTES.users)} />
          </View>
          <Text className="lxq-section-title">街道与账号</Text>
          <View className="lxq-dashboard__cells">
            <Cell label="导入街道（社区、站点、代表名册）" arrow onClick={go(ROUTES.street)} />
            <Cell label="邀请代表绑定微信" arrow onClick={go(ROUTES.invite)} />
            <Cell label="工作人员" arrow onClick={go(ROUTES.staffMembers)} />
          </View>
        </>
      )}
    </StaffGate>
  );
}
