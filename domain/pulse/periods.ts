/**
 * The periods of 晴雨表: China-time months ('2026-11'), quarters ('2026-Q4') and years ('2026'), and the
 * periods a figure is compared with (the same period a year earlier, the period one quarter earlier).
 */
import dayjs from 'dayjs';
import { chinaWall, type Instant } from '../time';

export type PeriodKind = 'month' | 'quarter' | 'year';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

export function isPeriodKey(key: string): boolean {
  return MONTH.test(key) || QUARTER.test(key) || YEAR.test(key);
}

export function kindOf(key: string): PeriodKind {
  if (MONTH.test(key)) return 'month';
  if (QUARTER.test(key)) return 'quarter';
  if (YEAR.test(key)) return 'year';
  throw new Error(`not a period: ${key}`);
}

/** The China-time month an instant falls in: '2026-11'. */
export function monthOf(at: Instant): string {
  return chinaWall(at).format('YYYY-MM');
}

export function quarterOfMonth(month: string): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  return `${m[1]}-Q${Math.ceil(Number(m[2]) / 3)}`;
}

export const yearOfMonth = (month: string): string => month.slice(0, 4);

/** The period of a kind the instant falls in. */
export function periodOf(at: Instant, kind: PeriodKind): string {
  const month = monthOf(at);
  return kind === 'month' ? month : kind === 'quarter' ? quarterOfMonth(month) : yearOfMonth(month);
}

/** The months a period covers, in order. */
export function monthsOf(key: string): string[] {
  const kind = kindOf(key);
  const year = Number(key.slice(0, 4));
  const first = kind === 'month' ? Number(key.slice(5, 7)) : kind === 'quarter' ? (Number(key.slice(6)) - 1) * 3 + 1 : 1;
  const count = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
}

/** The period of the same kind `months` months later (negative: earlier); a year moves by whole years. */
export function shiftPeriod(key: string, months: number): string {
  const kind = kindOf(key);
  const start = dayjs.utc(`${monthsOf(key)[0]}-01`).add(kind === 'year' ? Math.trunc(months / 12) * 12 : months, 'month');
  const month = start.format('YYYY-MM');
  return kind === 'month' ? month : kind === 'quarter' ? quarterOfMonth(month) : yearOfMonth(month);
}

/** What a period is compared with: the same period a year earlier, and (month, quarter) one quarter earlier. */
export function comparisonsOf(key: string): { lastYear: string; lastQuarter: string | null } {
  return { lastYear: shiftPeriod(key, -12), lastQuarter: kindOf(key) === 'year' ? null : shiftPeriod(key, -3) };
}

/** 2026年11月 / 2026年第四季度 / 2026年 */
export function periodLabel(key: string): string {
  const kind = kindOf(key);
  if (kind === 'month') return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
  if (kind === 'quarter') return `${key.slice(0, 4)}年第${'一二三四'[Number(key.slice(6)) - 1]}季度`;
  return `${key}年`;
}
