/**
 * China's working calendar: weekends are off except 调休 make-up workdays; public holidays are off.
 * Holiday data comes in as data (the chinese-days package in production), never as a hard-coded list.
 * Dates are handled in China time (UTC+8, no DST).
 */
import { chinaDay, chinaDayEnd, shiftDay, weekdayOf } from './time';

export { chinaDay };

export interface HolidayData {
  /** 'YYYY-MM-DD' days off that would otherwise be workdays (or weekend days inside a holiday). */
  holidays: ReadonlySet<string>;
  /** 'YYYY-MM-DD' weekend days that are working days (调休). */
  workdays: ReadonlySet<string>;
  /** Years the data covers; outside them only weekends count as days off. */
  years: ReadonlySet<number>;
}

export function isWorkingDay(day: string, data: HolidayData): boolean {
  if (data.workdays.has(day)) return true;
  if (data.holidays.has(day)) return false;
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

/** Is the day inside the years the holiday data knows about? */
export function calendarKnows(day: string, data: HolidayData): boolean {
  return data.years.has(Number(day.slice(0, 4)));
}

/**
 * Deadline for "within n working days" of `start`: the last millisecond (23:59:59.999 China time) of the n-th working day
 * after the start's calendar day. Submitted Friday, 1 working day → end of Monday (or of a 调休 Saturday).
 */
export function addWorkingDays(start: Date, n: number, data: HolidayData): Date {
  if (!Number.isInteger(n) || n < 0) throw new Error('working days must be a non-negative integer');
  let day = chinaDay(start);
  let counted = 0;
  if (n === 0) return chinaDayEnd(day);
  while (counted < n) {
    day = shiftDay(day, 1);
    if (isWorkingDay(day, data)) counted += 1;
  }
  return chinaDayEnd(day);
}

/** Working days between two instants' calendar days (exclusive of the first, inclusive of the last). */
export function workingDaysBetween(from: Date, to: Date, data: HolidayData): number {
  let day = chinaDay(from);
  const last = chinaDay(to);
  let count = 0;
  while (day < last) {
    day = shiftDay(day, 1);
    if (isWorkingDay(day, data)) count += 1;
  }
  return count;
}

/** One year's official schedule as staff enter it (国务院办公厅 notice): holiday periods with their 调休 days. */
export interface HolidayPeriod {
  name: string;
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
  /** Weekend days worked instead (调休上班). */
  workdays: string[];
}

export interface OfficialYear {
  year: number;
  periods: HolidayPeriod[];
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day 'YYYY-MM-DD' (rejects 2027-02-30). */
export function isCalendarDay(day: string): boolean {
  const m = DAY_PATTERN.exec(day);
  if (!m) return false;
  return shiftDay(day, 0) === day;
}

const isWeekend = (day: string) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

/** Every day of a period, from..to inclusive. */
export function periodDays(p: Pick<HolidayPeriod, 'from' | 'to'>): string[] {
  const days: string[] = [];
  for (let d = p.from; d <= p.to && days.length < 400; d = shiftDay(d, 1)) days.push(d);
  return days;
}

/**
 * Problems with a year as entered, in Chinese; empty when it can be stored. A holiday period may start in the
 * previous year's last days (元旦 often does), make-up days must be weekend days and no day can be both.
 */
export function checkOfficialYear(y: OfficialYear): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(y.year) || y.year < 2000 || y.year > 2100) return ['年份应在 2000 到 2100 之间'];
  if (y.periods.length === 0) problems.push('请至少填写一个节假日');
  const off = new Set<string>();
  const on = new Set<string>();
  const names = new Set<string>();
  y.periods.forEach((p, i) => {
    const label = `第 ${i + 1} 个节假日${p.name ? `「${p.name}」` : ''}`;
    if (!p.name.trim()) problems.push(`${label}：请填写名称`);
    else if (names.has(p.name.trim())) problems.push(`${label}：名称重复`);
    names.add(p.name.trim());
    if (!isCalendarDay(p.from) || !isCalendarDay(p.to)) {
      problems.push(`${label}：日期格式应为 YYYY-MM-DD`);
      return;
    }
    if (p.from > p.to) problems.push(`${label}：开始日期晚于结束日期`);
    else if (periodDays(p).length > 15) problems.push(`${label}：放假不能超过 15 天`);
    const inYear = (d: string) => Number(d.slice(0, 4)) === y.year || (Number(d.slice(0, 4)) === y.year - 1 && d.slice(5) >= '12-25');
    if (!inYear(p.from) || !inYear(p.to)) problems.push(`${label}：日期不在 ${y.year} 年`);
    for (const d of p.from <= p.to ? periodDays(p) : []) {
      if (off.has(d)) problems.push(`${label}：${d} 与其他节假日重复`);
      off.add(d);
    }
    for (const w of p.workdays) {
      if (!isCalendarDay(w)) problems.push(`${label}：调休上班日 ${w} 格式应为 YYYY-MM-DD`);
      else if (!isWeekend(w)) problems.push(`${label}：调休上班日 ${w} 不是周六或周日`);
      else if (!inYear(w) && Number(w.slice(0, 4)) !== y.year + 1) problems.push(`${label}：调休上班日 ${w} 不在 ${y.year} 年`);
      else on.add(w);
    }
  });
  for (const d of on) if (off.has(d)) problems.push(`${d} 不能既放假又上班`);
  return problems;
}

/**
 * The package data with the years staff entered laid over it: an entered year replaces whatever the package
 * had for that year (days are attributed to the year they belong to, so 元旦 days of late December stay put).
 */
export function withOfficialYears(base: HolidayData, years: OfficialYear[]): HolidayData {
  if (years.length === 0) return base;
  const entered = new Set(years.map((y) => y.year));
  const keep = (d: string) => !entered.has(Number(d.slice(0, 4)));
  const holidays = new Set([...base.holidays].filter(keep));
  const workdays = new Set([...base.workdays].filter(keep));
  for (const y of years) {
    for (const p of y.periods) {
      for (const d of periodDays(p)) holidays.add(d);
      for (const w of p.workdays) workdays.add(w);
    }
  }
  return { holidays, workdays, years: new Set([...base.years, ...entered]) };
}

/** Years between two instants' China days that the data does not know: only weekends count there. */
export function unknownYears(from: Date, to: Date, data: HolidayData): number[] {
  const first = Number(chinaDay(from).slice(0, 4));
  const last = Number(chinaDay(to).slice(0, 4));
  const missing: number[] = [];
  for (let y = first; y <= last; y++) if (!data.years.has(y)) missing.push(y);
  return missing;
}

export interface CalendarStatus {
  year: number;
  known: boolean;
  nextYear: number;
  nextKnown: boolean;
  /** Chinese warning for staff, when something needs entering. */
  warning?: string;
}

/**
 * What staff should be told about the calendar now: the current year missing means every deadline counts
 * weekends only; from November on, a missing next year means deadlines crossing New Year will.
 */
export function calendarStatus(now: Date, data: HolidayData): CalendarStatus {
  const today = chinaDay(now);
  const year = Number(today.slice(0, 4));
  const status: CalendarStatus = { year, known: data.years.has(year), nextYear: year + 1, nextKnown: data.years.has(year + 1) };
  if (!status.known) status.warning = `${year} 年的节假日安排尚未录入：办理期限目前只按周末计算。请在「节假日安排」中录入国务院办公厅公布的 ${year} 年安排。`;
  else if (!status.nextKnown && today.slice(5) >= '11-01') status.warning = `${year + 1} 年的节假日安排尚未录入（国务院办公厅通常在 11 月公布）：跨入 ${year + 1} 年的办理期限将只按周末计算。`;
  return status;
}
