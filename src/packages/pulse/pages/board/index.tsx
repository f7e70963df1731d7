import { useMemo, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import type { PulseBoard, PulseCell, PulseCompare, PulseExport } from '../../../../../contracts/pulse';
import { DIMENSIONS, type Dimension, type MeasureKey, type PulseSource } from '../../../../../domain/pulse/figures';
import { periodLabel, periodOf, shiftPeriod, type PeriodKind } from '../../../../../domain/pulse/periods';
import { formatChinaDateTime } from '../../../../../domain/time';
import { AsyncView } from '../../../../components/AsyncView';
import { Btn } from '../../../../components/Btn';
import { Card } from '../../../../components/Card';
import { Chips } from '../../../../components/Chips';
import { Empty } from '../../../../components/Empty';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { useCloud } from '../../../../hooks/useCloud';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useSubmit } from '../../../../hooks/useSubmit';
import { now } from '../../../../services/clock';
import { openDocument } from '../../../../services/files';
import { Columns, HBars, StackBar } from '../../components/Charts';
import { DIMENSION_LABEL, KIND_LABEL, SOURCE_LABEL } from '../../labels';
import '../../pulse.css';

const KINDS: PeriodKind[] = ['month', 'quarter', 'year'];
const STEP: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

/** The periods a clerk picks from: the current one and the five before it. */
function periodsOf(kind: PeriodKind): string[] {
  const current = periodOf(now(), kind);
  return Array.from({ length: 6 }, (_, i) => shiftPeriod(current, -i * STEP[kind]));
}

const num = (v: number | null | undefined, unit = '') => (v === null || v === undefined ? '—' : `${v}${unit}`);

/** "比去年同期 +3" — how a figure moved against a comparison period. */
function delta(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || b === null || b === undefined) return '—';
  const d = Math.round((a - b) * 10) / 10;
  return d === 0 ? '持平' : `${d > 0 ? '+' : ''}${d}`;
}

interface Headline {
  key: string;
  label: string;
  value: (c: PulseCell) => number | null | undefined;
  unit?: string;
}

const HEADLINES: Headline[] = [
  { key: 'received', label: '收到诉求', value: (c) => c.figures.received ?? 0, unit: ' 件' },
  { key: 'routed', label: '已转代表', value: (c) => c.figures.routed ?? 0, unit: ' 件' },
  { key: 'replied', label: '已答复', value: (c) => c.figures.replied ?? 0, unit: ' 件' },
  { key: 'closed', label: '已办结', value: (c) => c.figures.closed ?? 0, unit: ' 件' },
  { key: 'satisfaction', label: '满意率', value: (c) => c.derived.satisfactionRate, unit: '%' },
  { key: 'redo', label: '重办率', value: (c) => c.derived.redoRate, unit: '%' },
  { key: 'firstResponse', label: '平均受理用时', value: (c) => c.derived.avgFirstResponseDays, unit: ' 个工作日' },
  { key: 'close', label: '平均办结用时', value: (c) => c.derived.avgCloseDays, unit: ' 个工作日' },
  { key: 'overdue', label: '曾超期', value: (c) => c.figures.overdue ?? 0, unit: ' 件' },
  { key: 'escalated', label: '升级督办', value: (c) => c.figures.escalated ?? 0, unit: ' 件' },
];

function Compare({ label, of }: { label: string; of: PulseCompare | null }) {
  return of ? <Text className="lxq-pulse__compare">{label}（{of.label}）</Text> : null;
}

function Figures({ board }: { board: PulseBoard }) {
  return (
    <Card title={`${board.label} · 全街道`}>
      <View className="lxq-pulse__grid" data-testid="pulse-figures">
        {HEADLINES.map((h) => (
          <View key={h.key} className="lxq-pulse__figure" data-testid={`figure-${h.key}`}>
            <Text className="lxq-pulse__figure-label">{h.label}</Text>
            <Text className="lxq-pulse__figure-value">{num(h.value(board.total), h.unit)}</Text>
            <Text className="lxq-pulse__figure-delta">比去年同期 {delta(h.value(board.total), h.value(board.lastYear))}</Text>
            {board.lastQuarter ? <Text className="lxq-pulse__figure-delta">比上季度同期 {delta(h.value(board.total), h.value(board.lastQuarter))}</Text> : null}
          </View>
        ))}
      </View>
      <Compare label="去年同期" of={board.lastYear} />
      <Compare label="上季度同期" of={board.lastQuarter} />
    </Card>
  );
}

const TABLE_MEASURES: MeasureKey[] = ['received', 'routed', 'replied', 'closed', 'implemented', 'inPlan', 'explained', 'rated', 'satisfied', 'redone', 'overdue', 'escalated'];

/** Exact figures, one row per community / category / station / deputy (the table scrolls sideways). */
function Table({ board }: { board: PulseBoard }) {
  const label = new Map(board.measures.map((m) => [m.key, m.label]));
  const rows = board.dimension === 'all' ? [{ id: 'all', name: '全街道', ...board.total }] : board.rows;
  return (
    <ScrollView scrollX className="lxq-pulse__table-scroll">
      <View className="lxq-pulse__table" data-testid="pulse-table">
        <View className="lxq-pulse__tr lxq-pulse__tr--head">
          <Text className="lxq-pulse__td lxq-pulse__td--name">名称</Text>
          {TABLE_MEASURES.map((k) => (
            <Text key={k} className="lxq-pulse__td">
              {label.get(k)}
            </Text>
          ))}
          <Text className="lxq-pulse__td">满意率</Text>
          <Text className="lxq-pulse__td">平均办结（工作日）</Text>
        </View>
        {rows.map((r) => (
          <View key={r.id} className="lxq-pulse__tr" data-testid="pulse-row">
            <Text className="lxq-pulse__td lxq-pulse__td--name">{r.name}</Text>
            {TABLE_MEASURES.map((k) => (
              <Text key={k} className="lxq-pulse__td">
                {r.figures[k] ?? 0}
              </Text>
            ))}
            <Text className="lxq-pulse__td">{num(r.derived.satisfactionRate, '%')}</Text>
            <Text className="lxq-pulse__td">{num(r.derived.avgCloseDays)}</Text>
          </View>
        ))}
      </View>
    </ScrollView>
  );
}

/** What other capabilities will add: shown with their figures once they report, else as 暂无数据. */
function Slots({ board }: { board: PulseBoard }) {
  const others: PulseSource[] = ['mediation', 'activities', 'legislation'];
  return (
    <Card title="调解、活动与立法意见">
      {others.map((source) => {
        const measures = board.measures.filter((m) => m.source === source);
        const present = board.sources.includes(source);
        return (
          <View key={source} className="lxq-pulse__slot" data-testid={`slot-${source}`}>
            <Text className="lxq-pulse__slot-title">{SOURCE_LABEL[source]}</Text>
            <Text className="lxq-pulse__slot-body">{present ? measures.map((m) => `${m.label} ${board.total.figures[m.key] ?? 0}`).join(' · ') : '暂无数据（相关功能上线后自动统计）'}</Text>
          </View>
        );
      })}
    </Card>
  );
}

function BoardView({ board }: { board: PulseBoard }) {
  const f = board.total.figures;
  return (
    <>
      <Text className="lxq-pulse__built" data-testid="pulse-built">
        {board.builtAt ? `统计于 ${formatChinaDateTime(board.builtAt)}（每晚自动更新，此后的变化次日计入）` : '本期尚未统计：每晚自动统计一次'}
      </Text>
      <Figures board={board} />
      <Card title="办理结果构成">
        <StackBar
          testId="chart-resolution"
          parts={[
            { key: 'implemented', label: '已落实', value: f.implemented ?? 0, tone: 'primary' },
            { key: 'inPlan', label: '纳入计划', value: f.inPlan ?? 0, tone: 'accent' },
            { key: 'explained', label: '解释说明', value: f.explained ?? 0, tone: 'muted' },
          ]}
        />
      </Card>
      <Card title="近十二个月 · 收到与办结">
        <Columns testId="chart-trend" legend={['收到', '办结']} data={board.trend.map((t) => ({ key: t.period, label: `${Number(t.period.slice(5, 7))}月`, a: t.figures.received ?? 0, b: t.figures.closed ?? 0 }))} />
      </Card>
      {board.dimension !== 'all' ? (
        <Card title={`${DIMENSION_LABEL[board.dimension]} · 收到诉求`}>
          {board.rows.length === 0 ? (
            <Text className="lxq-pulse__muted">本期没有诉求</Text>
          ) : (
            <HBars testId="chart-breakdown" data={board.rows.slice(0, 20).map((r) => ({ key: r.id, label: r.name, value: r.figures.received ?? 0, note: r.derived.satisfactionRate === null ? undefined : `满意率 ${r.derived.satisfactionRate}%` }))} />
          )}
        </Card>
      ) : null}
      <Card title="明细（精确数字）">
        <Table board={board} />
      </Card>
      <Slots board={board} />
    </>
  );
}

/** 晴雨表: the street's figures by period and breakdown, from the nightly summaries; export to Excel. */
export default function PulseBoardPage() {
  const me = useStaffMe();
  const [kind, setKind] = useState<PeriodKind>('month');
  const periods = useMemo(() => periodsOf(kind), [kind]);
  const [picked, setPicked] = useState<string>('');
  const period = periods.includes(picked) ? picked : periods[0];
  const [dimension, setDimension] = useState<Dimension>('all');
  const board = useCloud('pulse', me.isStaff ? { action: 'board', period, dimension } : null);
  useListLifecycle(() => Promise.all([me.reload(), board.reload()]));
  const call = useSubmit();

  const exportBook = async () => {
    const env = await call.send<PulseExport>('pulse', { action: 'exportPulse', period });
    if (!env?.ok) return;
    try {
      await openDocument(env.data.url, `晴雨表-${period}.xlsx`);
    } catch {
      call.setError('文件已生成，但无法打开；可稍后重试');
    }
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Card title="统计期">
            <Chips options={KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} value={kind} onChange={setKind} />
            <Chips options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} value={period} onChange={setPicked} />
            <Chips options={DIMENSIONS.map((d) => ({ value: d, label: DIMENSION_LABEL[d] }))} value={dimension} onChange={setDimension} />
          </Card>
          <AsyncView data={board.data} error={board.error} loading={board.loading} onRetry={board.reload}>
            {(b: PulseBoard) => (b.builtAt === null && b.trend.every((t) => Object.keys(t.figures).length === 0) ? <Empty title="还没有统计数据" description="系统每晚自动统计一次，明天再来看看。" /> : <BoardView board={b} />)}
          </AsyncView>
          {call.error ? (
            <Text className="lxq-pulse__error" data-testid="pulse-error">
              {call.error}
            </Text>
          ) : null}
          <View className="lxq-actions">
            <Btn tone="primary" disabled={call.sending} busy={call.sending} onClick={exportBook} testId="pulse-export">
              导出 Excel
            </Btn>
          </View>
        </>
      )}
    </StaffGate>
  );
}
