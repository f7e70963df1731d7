import { agoWords, formatChinaDate, formatChinaDateTime, isValidInstant } from '../../domain/time';
import { now } from '../services/clock';

/** 2026年11月28日 14:05 in China time, whatever the device's time zone. */
export function formatDateTime(iso: string | undefined): string {
  return isValidInstant(iso) ? formatChinaDateTime(iso) : '';
}

/** 11月28日, or 2025年11月28日 outside the current year. */
export function formatDate(iso: string | undefined, at: Date = now()): string {
  return isValidInstant(iso) ? formatChinaDate(iso, at) : '';
}

/** 刚刚 / 5 分钟前 / 昨天 14:05 / 3 天前, then the date (domain/time.ts agoWords). */
export function formatAgo(iso: string | undefined, at: Date = now()): string {
  return isValidInstant(iso) ? agoWords(iso, at) : '';
}

/** 20261128-04217 → 2026 1128 - 04217: groups a person can read out on the phone. */
export function spacedTrackingNo(no: string): string {
  const m = /^(\d{4})(\d{4})-(\d+)$/.exec(no);
  return m ? `${m[1]} ${m[2]} - ${m[3]}` : no;
}

/** Length as the server's validation counts it (trimmed string length). */
export function charCount(text: string): number {
  return text.trim().length;
}
