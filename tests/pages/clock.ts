// The pinned page clock and fixtures relative to it: no page test depends on today's date or time zone.
import { addDays, chinaDay, chinaWall, fromChinaWall, fromChinaWallClock } from '../../domain/time';

/** Every page test runs at this instant (setup.js pins src/services/clock to it). */
export const PAGE_NOW = Date.parse('2026-11-15T02:00:00.000Z');

/** ISO instant `days` (and `hours`) from the pinned now. */
export const isoFromNow = (days: number, hours = 0) => fromChinaWall(chinaWall(PAGE_NOW).add(days, 'day').add(hours, 'hour')).toISOString();

/** 'YYYY-MM-DD' China day `days` from the pinned now (what a date picker reports). */
export const dayFromNow = (days: number) => chinaDay(addDays(PAGE_NOW, days));

/** The instant a staff member means by picking `day` and `time` (China wall clock). */
export function wallClock(day: string, time: string): Date {
  const d = fromChinaWallClock(day, time);
  if (!d) throw new Error(`not a date: ${day} ${time}`);
  return d;
}
