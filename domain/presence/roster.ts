/**
 * 接待日: which deputy receives residents at which station on which China day and half-day. Staff keep the
 * roster; the home page shows who is in today; a deputy is reminded the day before.
 */
import { refuse, type Refusal } from '../outcome';
import { chinaDay, shiftDay, weekdayOf } from '../time';

export const HALF_DAYS = ['am', 'pm'] as const;
export type HalfDay = (typeof HALF_DAYS)[number];
export const HALF_DAY_LABELS: Record<HalfDay, string> = { am: '上午', pm: '下午' };

/** How far ahead staff may plan, and how far ahead a deputy sees their duties (calendar days). */
export const ROSTER_PLAN_DAYS = 92;
export const UPCOMING_DAYS = 14;
export const MAX_DEPUTIES_PER_SLOT = 6;

export interface RosterSlot {
  stationId: string;
  deputyId: string;
  day: string;
  half: HalfDay;
}

/** One stored slot per (station, day, half, deputy): a retry or a repeat never doubles it. */
export const rosterSlotId = (s: RosterSlot): string => `${s.stationId}_${s.day.replace(/-/g, '')}_${s.half}_${s.deputyId}`.slice(0, 120);

export interface SlotDeputy {
  _id: string;
  name: string;
  active: boolean;
}

/** Staff set who receives at a station on one half-day (the whole list; empty clears it). */
export function planSlot(input: { stationId: string; day: string; half: HalfDay; deputyIds: string[] }, deputies: readonly SlotDeputy[], now: Date): { ok: true; slots: RosterSlot[] } | Refusal {
  const today = chinaDay(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.day) || shiftDay(input.day, 0) !== input.day) return refuse('INVALID_ARGUMENT', '日期格式不正确');
  if (input.day < today) return refuse('INVALID_ARGUMENT', '不能安排已经过去的日子');
  if (input.day > shiftDay(today, ROSTER_PLAN_DAYS)) return refuse('INVALID_ARGUMENT', `最多安排 ${ROSTER_PLAN_DAYS} 天以内的接待日`);
  const ids = [...new Set(input.deputyIds)];
  if (ids.length > MAX_DEPUTIES_PER_SLOT) return refuse('INVALID_ARGUMENT', `每个半天最多安排 ${MAX_DEPUTIES_PER_SLOT} 位代表`);
  for (const id of ids) {
    const d = deputies.find((x) => x._id === id);
    if (!d) return refuse('INVALID_ARGUMENT', '名册中没有这位代表');
    if (!d.active) return refuse('FAILED_PRECONDITION', `${d.name}代表已不在职，不能安排接待`);
  }
  return { ok: true, slots: ids.map((deputyId) => ({ stationId: input.stationId, deputyId, day: input.day, half: input.half })) };
}

/** The China day whose duties are reminded now: tomorrow. */
export const reminderDay = (now: Date): string => shiftDay(chinaDay(now), 1);

/** The window of upcoming duties a deputy sees: today through UPCOMING_DAYS ahead. */
export const upcomingWindow = (now: Date): { from: string; to: string } => ({ from: chinaDay(now), to: shiftDay(chinaDay(now), UPCOMING_DAYS) });

/** Sort slots by day then half-day. */
export const bySlotTime = (a: Pick<RosterSlot, 'day' | 'half'>, b: Pick<RosterSlot, 'day' | 'half'>): number => a.day.localeCompare(b.day) || HALF_DAYS.indexOf(a.half) - HALF_DAYS.indexOf(b.half);

/** How a slot reads: "12月3日（周四）上午". */
export function slotWords(day: string, half: HalfDay): string {
  const [, m, d] = day.split('-').map(Number);
  return `${m}月${d}日（周${'日一二三四五六'[weekdayOf(day)]}）${HALF_DAY_LABELS[half]}`;
}
