/**
 * The figures of 晴雨表. Every figure is a sum of whole numbers, so months add up to quarters and years and
 * a recount can compare them exactly; rates and averages are derived when shown. Each capability
 * contributes its own measures (appeals now; mediation, activities and legislation when they exist).
 */
import { workingDaysBetween, type HolidayData } from '../calendar';
import { monthOf } from './periods';

/** Who contributes a measure: the capability whose records it counts. */
export type PulseSource = 'appeals' | 'mediation' | 'activities' | 'legislation';

export const MEASURES = {
  received: { label: '收到诉求', source: 'appeals' },
  routed: { label: '已转代表', source: 'appeals' },
  replied: { label: '已答复', source: 'appeals' },
  closed: { label: '已办结', source: 'appeals' },
  implemented: { label: '已落实', source: 'appeals' },
  inPlan: { label: '纳入计划', source: 'appeals' },
  explained: { label: '解释说明', source: 'appeals' },
  rated: { label: '已评价', source: 'appeals' },
  satisfied: { label: '满意（含基本满意）', source: 'appeals' },
  redone: { label: '经重办', source: 'appeals' },
  firstResponseCount: { label: '已受理', source: 'appeals' },
  firstResponseDays: { label: '受理用时合计（工作日）', source: 'appeals' },
  closeDays: { label: '办结用时合计（工作日）', source: 'appeals' },
  overdue: { label: '曾超期', source: 'appeals' },
  escalated: { label: '曾升级督办', source: 'appeals' },
  mediationCases: { label: '调解案件', source: 'mediation' },
  mediationAgreements: { label: '达成调解协议', source: 'mediation' },
  activitiesHeld: { label: '开展活动', source: 'activities' },
  activityAttendance: { label: '参加人次', source: 'activities' },
  draftsConsulted: { label: '征询法规草案', source: 'legislation' },
  opinionsCollected: { label: '收集立法意见', source: 'legislation' },
  opinionsSubmitted: { label: '报送立法意见', source: 'legislation' },
  opinionsAdoptedFully: { label: '全部采纳', source: 'legislation' },
  opinionsAdoptedPartly: { label: '部分采纳', source: 'legislation' },
} as const satisfies Record<string, { label: string; source: PulseSource }>;

export type MeasureKey = keyof typeof MEASURES;
export const MEASURE_KEYS = Object.keys(MEASURES) as MeasureKey[];

/** The breakdowns: the whole street, and by community, category, station and deputy. */
export const DIMENSIONS = ['all', 'community', 'category', 'station', 'deputy'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Counts for one cell (a period × a dimension value); a measure nobody counted is absent. */
export type Figures = Partial<Record<MeasureKey, number>>;

/** One counted thing: a measure in a month, for the dimension values of the record. */
export interface Fact {
  month: string;
  measure: MeasureKey;
  value: number;
}

/** Where a record belongs on each dimension (absent = not counted on that dimension). */
export type Placement = Partial<Record<Exclude<Dimension, 'all'>, string>>;

/** An appeal as stored, as far as the figures read it. */
export interface AppealRecord {
  communityId: string;
  category: string;
  status: string;
  createdAt: Date;
  assigneeDeputyId?: string;
  acceptedAt?: Date;
  repliedAt?: Date;
  closedAt?: Date;
  resolution?: string;
  rating?: { value: string };
  reopenCount?: number;
  overdueAt?: Date;
  escalatedTo?: string;
  escalationLevel?: number;
}

const ROUTED = new Set(['assigned', 'in_progress', 'replied', 'closed']);
const RESOLUTION_MEASURE: Record<string, MeasureKey> = { implemented: 'implemented', in_plan: 'inPlan', explained: 'explained' };

/**
 * What one appeal counts for. Received, routed, overdue, escalated and time to first response belong to
 * the month it was received; replied to the month of its (latest) reply; closed, its resolution, rating,
 * redo and time to closure to the month it closed. Times are working days on China's calendar.
 */
export function appealFacts(a: AppealRecord, calendar: HolidayData): Fact[] {
  const facts: Fact[] = [];
  const received = monthOf(a.createdAt);
  const add = (month: string, measure: MeasureKey, value = 1) => facts.push({ month, measure, value });
  add(received, 'received');
  if (ROUTED.has(a.status) || a.assigneeDeputyId) add(received, 'routed');
  if (a.overdueAt) add(received, 'overdue');
  if (a.escalatedTo || (a.escalationLevel ?? 0) > 0) add(received, 'escalated');
  if (a.acceptedAt) {
    add(received, 'firstResponseCount');
    add(received, 'firstResponseDays', workingDaysBetween(new Date(a.createdAt), new Date(a.acceptedAt), calendar));
  }
  if (a.repliedAt) add(monthOf(a.repliedAt), 'replied');
  if (a.status === 'closed' && a.closedAt) {
    const closed = monthOf(a.closedAt);
    add(closed, 'closed');
    add(closed, 'closeDays', workingDaysBetween(new Date(a.createdAt), new Date(a.closedAt), calendar));
    const resolution = a.resolution ? RESOLUTION_MEASURE[a.resolution] : undefined;
    if (resolution) add(closed, resolution);
    if (a.rating) {
      add(closed, 'rated');
      if (a.rating.value === 'satisfied' || a.rating.value === 'basically_satisfied') add(closed, 'satisfied');
    }
    if ((a.reopenCount ?? 0) > 0) add(closed, 'redone');
  }
  return facts;
}

/** Adds b into a (in place) and answers a. */
export function addFigures(a: Figures, b: Figures): Figures {
  for (const k of Object.keys(b) as MeasureKey[]) a[k] = (a[k] ?? 0) + (b[k] ?? 0);
  return a;
}

const ratio = (n: number | undefined, d: number | undefined): number | null => (d ? Math.round(((n ?? 0) / d) * 1000) / 10 : null);
const mean = (sum: number | undefined, count: number | undefined): number | null => (count ? Math.round(((sum ?? 0) / count) * 10) / 10 : null);

/** Rates (percent, one decimal) and averages (working days, one decimal) derived from a cell; null = nothing to divide. */
export interface Derived {
  satisfactionRate: number | null;
  redoRate: number | null;
  implementedShare: number | null;
  avgFirstResponseDays: number | null;
  avgCloseDays: number | null;
}

export function derive(f: Figures): Derived {
  return {
    satisfactionRate: ratio(f.satisfied, f.rated),
    redoRate: ratio(f.redone, f.closed),
    implementedShare: ratio(f.implemented, f.closed),
    avgFirstResponseDays: mean(f.firstResponseDays, f.firstResponseCount),
    avgCloseDays: mean(f.closeDays, f.closed),
  };
}

/** "本月办结 N 件，满意率 x%" (no rate until someone rated). */
export function publicLine(f: Figures): string {
  const rate = ratio(f.satisfied, f.rated);
  return `本月办结 ${f.closed ?? 0} 件${rate === null ? '' : `，满意率 ${rate}%`}`;
}
