/**
 * China time, in one place. Every date the product shows or reasons about is China time (UTC+8; China has
 * had no daylight saving since 1991), whatever the device's or the server's time zone. dayjs's utc plugin
 * with a fixed offset does this without the Intl time-zone database, which the mini-program engine does
 * not guarantee.
 *
 * A "China wall clock" is a UTC-mode dayjs shifted by the offset: its fields (year … minute) and its
 * arithmetic (add a day, start of the hour) are China time on any device, DST zones included, because UTC
 * mode never consults the device's zone. `fromChinaWall` turns one back into the instant it stands for.
 * (dayjs's own `utcOffset(480)` keeps the fields in a device-local Date, which is off by an hour near a DST
 * change in zones such as America/New_York.)
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** The only place the China offset is written. */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

export type Instant = Date | string | number;

/** The instant as China wall-clock time (invalid input → an invalid dayjs). */
export function chinaWall(at: Instant): Dayjs {
  return dayjs.utc(at).add(CHINA_UTC_OFFSET_MINUTES, 'minute');
}

/** The instant a China wall clock (from chinaWall, possibly moved) stands for. */
export function fromChinaWall(wall: Dayjs): Date {
  return wall.subtract(CHINA_UTC_OFFSET_MINUTES, 'minute').toDate();
}

export function isValidInstant(at: Instant | null | undefined): at is Instant {
  return at !== null && at !== undefined && at !== '' && dayjs(at).isValid();
}

/** 'YYYY-MM-DD' of the China calendar day the instant falls on. */
export function chinaDay(at: Instant): string {
  return chinaWall(at).format('YYYY-MM-DD');
}

/** The China calendar year of the instant. */
export function chinaYear(at: Instant): number {
  return chinaWall(at).year();
}

/** Start (00:00 China time) of the instant's China day. */
export function chinaDayStart(at: Instant): Date {
  return fromChinaWall(chinaWall(at).startOf('day'));
}

/** Last millisecond (23:59:59.999 China time) of a 'YYYY-MM-DD' China day. */
export function chinaDayEnd(day: string): Date {
  return fromChinaWall(dayjs.utc(day).endOf('day'));
}

/** The 'YYYY-MM-DD' day `n` calendar days after (n < 0: before) a 'YYYY-MM-DD' day. */
export function shiftDay(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
}

/** Day of the week of a 'YYYY-MM-DD' day: 0 Sunday … 6 Saturday. */
export function weekdayOf(day: string): number {
  return dayjs.utc(day).day();
}

/** Calendar days from the China day of `from` to the China day of `to` (negative when `to` is earlier). */
export function chinaDaysBetween(from: Instant, to: Instant): number {
  return dayjs.utc(chinaDay(to)).diff(dayjs.utc(chinaDay(from)), 'day');
}

/** The instant `n` days (of 24 hours; China has no DST) after `at`; n < 0 goes back. */
export function addDays(at: Instant, n: number): Date {
  return dayjs.utc(at).add(n, 'day').toDate();
}

/** '2026-12-01' + '09:30' read as China wall-clock time → the instant; null unless both parts are valid. */
export function fromChinaWallClock(date: string, time = '00:00'): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const wall = dayjs.utc(`${date}T${time}:00`);
  // Reject dates the calendar does not have (2026-02-30 would roll over).
  if (!wall.isValid() || wall.format('YYYY-MM-DD HH:mm') !== `${date} ${time}`) return null;
  return fromChinaWall(wall);
}

/** 2026年11月28日 14:05 */
export function formatChinaDateTime(at: Instant): string {
  return chinaWall(at).format('YYYY年M月D日 HH:mm');
}

/** 11月28日, or 2025年11月28日 when not in the same China year as `now`. */
export function formatChinaDate(at: Instant, now: Instant): string {
  const d = chinaWall(at);
  return d.year() === chinaYear(now) ? d.format('M月D日') : d.format('YYYY年M月D日');
}

/**
 * When something happened, as people say it: 刚刚, 5 分钟前, 3 小时前, 昨天 14:05, 3 天前 (within a week),
 * else the date. A time after `now` (a device clock behind) reads 刚刚.
 */
export function agoWords(at: Instant, now: Instant): string {
  const then = dayjs.utc(at);
  const current = dayjs.utc(now);
  const minutes = current.diff(then, 'minute');
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const days = dayjs.utc(chinaDay(now)).diff(dayjs.utc(chinaDay(at)), 'day');
  if (days === 0) return `${current.diff(then, 'hour')} 小时前`;
  if (days === 1) return `昨天 ${formatChinaClock(at)}`;
  if (days < 7) return `${days} 天前`;
  return formatChinaDate(at, now);
}

/** 'HH:mm' China time. */
export function formatChinaClock(at: Instant): string {
  return chinaWall(at).format('HH:mm');
}

/**
 * How long from `from` until `to`, in the largest whole unit: '3 天', '5 小时', '12 分钟' (a started minute
 * counts as one); null when `to` is not after `from`.
 */
export function durationWords(from: Instant, to: Instant): string | null {
  const start = dayjs.utc(from);
  const end = dayjs.utc(to);
  if (!end.isAfter(start)) return null;
  const days = end.diff(start, 'day');
  if (days >= 1) return `${days} 天`;
  const hours = end.diff(start, 'hour');
  if (hours >= 1) return `${hours} 小时`;
  return `${Math.max(1, Math.ceil(end.diff(start, 'minute', true)))} 分钟`;
}
