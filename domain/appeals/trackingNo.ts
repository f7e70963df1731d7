/**
 * A number a person can read out on the phone: the China date and five digits, e.g. 20261128-04217.
 * The digits come from a hash of the appeal id (and an attempt number on the rare collision), so there is
 * no shared counter to fight over under load; a unique index settles collisions.
 */
import { chinaWall } from '../time';

export function trackingDay(at: Date): string {
  return chinaWall(at).format('YYYYMMDD');
}

export function formatTrackingNo(at: Date, digits: number): string {
  return `${trackingDay(at)}-${String(Math.abs(Math.trunc(digits)) % 100_000).padStart(5, '0')}`;
}

/** Five digits from a hex hash (FNV-style fold, deterministic). */
export function digitsFromHex(hex: string, attempt: number): number {
  let h = 2166136261 ^ attempt;
  for (let i = 0; i < hex.length; i++) h = Math.imul(h ^ hex.charCodeAt(i), 16777619) >>> 0;
  return h % 100_000;
}
