import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import type { DutyPointItem, DutyRecord } from '../../../../../contracts/duty';
import { DUTY_EVENTS, POINT_RULES } from '../../../../../domain/duty/points';
import { AsyncView } from '../../../../components/AsyncView';
import { Card, Cell } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { usePageParam } from '../../../../hooks/usePageParam';
import { useReloadOnShow } from '../../../../hooks/usePageLifecycle';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import type { Role, WhoAmI } from '../../../../services/types';
import { formatDate } from '../../../../utils/format';
import { POINT_REF_LABEL, POINT_STATUS, signedPoints } from '../../../../utils/points';
import { BALLOT_DETAIL, PROJECT } from '../../../../pages/ballots/ballot';
import './index.css';

const WHOAMI = { action: 'whoami' as const };
const STAFF_POINTS = '/packages/deputy/pages/points-review/index';

const APPEAL_COUNTS: { key: keyof DutyRecord['appeals']; label: string }[] = [
  { key: 'assigned', label: '待受理' },
  { key: 'in_progress', label: '办理中' },
  { key: 'replied', label: '已答复' },
  { key: 'closed', label: '已办结' },
  { key: 'overdueNow', label: '当前超期' },
];

/** Where an entry's appeal / ballot / project opens for this viewer. */
function refUrl(p: DutyPointItem, role: Role): string {
  if (p.refType === 'ballot') return `${BALLOT_DETAIL}?id=${p.refId}`;
  if (p.refType === 'project') return `${PROJECT}?id=${p.refId}`;
  return role === 'deputy' ? `/packages/deputy/pages/appeal/index?id=${p.refId}` : `/pages/appeal-detail/index?id=${p.refId}`;
}

function Entry({ p, role }: { p: DutyPointItem; role: Role }) {
  const status = POINT_STATUS[p.status];
  return (
    <View className="lxq-spread lxq-duty-record__entry" hoverClass="lxq-pressed" onClick={() => Taro.navigateTo({ url: refUrl(p, role) })} data-testid="point-entry">
      <View className="lxq-duty-record__what">
        <Text className="lxq-duty-record__label">{p.label}</Text>
        <Text className="lxq-duty-record__subtitle">
          {POINT_REF_LABEL[p.refType]}
          {p.trackingNo ? ` ${p.trackingNo}` : ''} · {formatDate(p.at)}
        </Text>
        {p.reviewNote ? (
          <Text className="lxq-duty-record__subtitle" data-testid="point-note">
            原因：{p.reviewNote}
          </Text>
        ) : null}
      </View>
      <Text className={p.status === 'rejected' || p.status === 'reversed' ? 'lxq-duty-record__points lxq-duty-record__points--off' : p.points < 0 ? 'lxq-duty-record__points lxq-duty-record__points--minus' : 'lxq-duty-record__points'}>{signedPoints(p.points)}</Text>
      <Text className={status.badge} data-testid="point-status">
        {status.label}
      </Text>
    </View>
  );
}

function RecordView({ r, who, specialty }: { r: DutyRecord; who: WhoAmI; specialty: (id: string) => string }) {
  const d = r.deputy;
  const specialties = d.specialties.map((s) => specialty(s) || s);
  return (
    <>
      <Card title={`${d.name} 代表`} extra={d.level ? <Text className="lxq-badge">{d.level}</Text> : null}>
        <Text className="lxq-duty-record__line">所在站点：{d.stationName || '未设置'}</Text>
        <Text className="lxq-duty-record__line" data-testid="specialties">
          擅长领域：{specialties.length > 0 ? specialties.join('、') : '未填写'}
        </Text>
      </Card>

      <Card title="诉求办理">
        <View className="lxq-duty-record__counts" data-testid="appeal-counts">
          {APPEAL_COUNTS.map((c) => (
            <View key={c.key} className="lxq-duty-record__count">
              <Text className={c.key === 'overdueNow' && r.appeals.overdueNow > 0 ? 'lxq-duty-record__num lxq-duty-record__num--hot' : 'lxq-duty-record__num'}>{r.appeals[c.key]}</Text>
              <Text className="lxq-duty-record__caption">{c.label}</Text>
            </View>
          ))}
        </View>
      </Card>

      <Card title="履职积分">
        <View className="lxq-duty-record__total">
          <Text className="lxq-duty-record__big" data-testid="points-approved">
            {r.points.approved}
          </Text>
          <Text className="lxq-duty-record__unit">分（已计入）</Text>
        </View>
        <Text className={r.points.pending !== 0 ? 'lxq-duty-record__pending lxq-duty-record__pending--on' : 'lxq-duty-record__pending'} data-testid="points-pending">
          {r.points.pending !== 0 ? `待审核 ${r.points.pending} 分，审核通过后计入` : '没有待审核的积分'}
        </Text>
        <View className="lxq-duty-record__rules" data-testid="points-breakdown">
          {DUTY_EVENTS.map((e) => (
            <View key={e} className="lxq-spread lxq-duty-record__rule" data-testid="breakdown-row">
              <View className="lxq-duty-record__what">
                <Text className="lxq-duty-record__label">{POINT_RULES[e].label}</Text>
                <Text className="lxq-duty-record__subtitle">每次 {signedPoints(POINT_RULES[e].points)} 分</Text>
              </View>
              <Text className={r.points.byEvent[e] < 0 ? 'lxq-duty-record__points lxq-duty-record__points--minus' : 'lxq-duty-record__points'}>{signedPoints(r.points.byEvent[e] ?? 0)}</Text>
            </View>
          ))}
        </View>
        <Text className="lxq-duty-record__note">积分由系统按办理情况自动记录，经街道人大工作人员审核后计入；分项只统计已计入的积分。</Text>
      </Card>

      {who.role === 'staff' && r.points.pending !== 0 ? (
        <View className="lxq-duty-record__cells">
          <Cell label="去审核待计入的积分" arrow onClick={() => Taro.navigateTo({ url: STAFF_POINTS })} />
        </View>
      ) : null}

      <Card title="最近记录">
        {r.recent.length === 0 ? (
          <Text className="lxq-muted">还没有积分记录。答复群众诉求、参加票决后会记录在这里。</Text>
        ) : (
          <View data-testid="recent">
            {r.recent.map((p) => (
              <Entry key={p._id} p={p} role={who.role} />
            ))}
          </View>
        )}
      </Card>
    </>
  );
}

/** 一人一档: a deputy's own record, or (staff, ?deputyId=…) any deputy's. */
export default function DeputyRecord() {
  const deputyId = usePageParam('deputyId');
  const me = useCloud<WhoAmI>('user', WHOAMI);
  // The server decides whose record: a deputy always gets their own.
  const record = useCloud<DutyRecord>('deputy', deputyId ? { action: 'record' as const, deputyId } : { action: 'record' as const });
  const dir = useDirectory();
  usePullToRefresh(() => Promise.all([me.reload(), record.reload()]));
  // Back from an appeal or from reviewing: the counts and points move.
  useReloadOnShow(record.reload);

  return (
    <Page>
      <AsyncView data={me.data} error={me.error} loading={me.loading} onRetry={me.reload}>
        {(who) =>
          who.role !== 'deputy' && who.role !== 'staff' ? (
            <Empty title="仅代表和工作人员可用" description="如需使用，请联系街道人大工作人员开通。" />
          ) : who.role === 'staff' && !deputyId ? (
            <Empty title="请选择一位代表" description="从工作人员后台的超期统计或积分审核里，点代表姓名打开其履职档案。" />
          ) : (
            <AsyncView data={record.data} error={record.error} loading={record.loading} onRetry={record.reload}>
              {(r) => <RecordView r={r} who={who} specialty={dir.categoryName} />}
            </AsyncView>
          )
        }
      </AsyncView>
    </Page>
  );
}
