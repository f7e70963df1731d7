/**
 * China time, in one place. Every date the product shows or reasons about is China time (UTC+8; China has
 * had no daylight saving since 1991), whatever the device's or the server's time zone. dayjs's utc plugin
 * with a fixed offset does this without the Intl time-zone database, which the mini-program engine does
 * not guarantee.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export const CHINA_UTC_OFFSET_MINUTES = 480;

export type Instant = Date | string | number;

/** The instant as a dayjs in China time (invalid input → an invalid dayjs). */
export function inChina(at: Instant): Dayjs {
  return dayjs(at).utcOffset(CHINA_UTC_OFFSET_MINUTES);
}

export function isValidInstant(at: Instant | null | undefined): at is Instant {
  return at !== null && at !== undefined && at !== '' && dayjs(at).isValid();
}

/** 'YYYY-MM-DD' of the China calendar day the instant falls on. */
export function chinaDay(at: Instant): string {
  return inChina(at).format('YYYY-MM-DD');
}

/** Start (00:00 China time) of the instant's China day. */
export function chinaDayStart(at: Instant): Date {
  return inChina(at).startOf('day').toDate();
}

/** '2026-12-01' + '09:30' read as China wall-clock time → the instant; null unless both parts are valid. */
export function fromChinaWallClock(date: string, time = '00:00'): Date | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return null;
  const d = dayjs.utc(`${date}T${time}:00`).subtract(CHINA_UTC_OFFSET_MINUTES, 'minute');
  // Reject dates the calendar does not have (2026-02-30 would roll over).
  if (!d.isValid() || inChina(d.toDate()).format('YYYY-MM-DD HH:mm') !== `${date} ${time}`) return null;
  return d.toDate();
}

/** 2026年11月28日 14:05 */
export function formatChinaDateTime(at: Instant): string {
  return inChina(at).format('YYYY年M月D日 HH:mm');
}

/** 11月28日, or 2025年11月28日 when not in the same China year as `now`. */
export function formatChinaDate(at: Instant, now: Instant): string {
  const d = inChina(at);
  return d.year() === inChina(now).year() ? d.format('M月D日') : d.format('YYYY年M月D日');
}

/** 'HH:mm' China time. */
export function formatChinaClock(at: Instant): string {
  return inChina(at).format('HH:mm');
}
