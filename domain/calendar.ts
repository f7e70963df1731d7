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
