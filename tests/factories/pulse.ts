/**
 * A year of appeals for 晴雨表 stories, made through the functions with the runtime's clock moved to each
 * step: submitted, accepted days later, answered, rated (or redone, left unrated, held, left overdue). The
 * satisfied and basically satisfied ones are then published by their residents on the 回音壁; a redone one is not.
 * Dates are relative to the runtime's clock; the clock is put back afterwards.
 */
import type { RunningRuntime } from '../support/runtime';
import { heldAppeal, overdueAppeal, publishToWall, routedAppeal, type Appeal } from './appeals';
import { clockOffset, clockTo, DAY, HOUR, runtimeNow } from './clock';

export type YearVariant = 'satisfied' | 'basically' | 'redone' | 'unrated' | 'routed' | 'held' | 'overdue';
export const YEAR_VARIANTS: YearVariant[] = ['satisfied', 'basically', 'redone', 'unrated', 'routed', 'held', 'overdue'];

export const PUBLIC_CONTACT = { name: '林晓梅', phone: '13800005678' };
export const PHONE_IN_TEXT = '13912345678';

async function step(rt: RunningRuntime, at: number, run: () => Promise<unknown>) {
  await clockTo(rt, at);
  await run();
}

/** One appeal of a variant, submitted at `at` (ms); later steps land some days later. */
export async function appealAt(rt: RunningRuntime, at: number, variant: YearVariant, place: Record<string, unknown> = {}): Promise<Appeal> {
  await clockTo(rt, at);
  const extra = { contact: PUBLIC_CONTACT, content: `小区路灯坏了很久，晚上很黑，有事请打 ${PHONE_IN_TEXT} 联系`, ...place };
  if (variant === 'held') return heldAppeal(rt, extra);
  if (variant === 'overdue') return overdueAppeal(rt, extra);
  const a = await routedAppeal(rt, extra);
  if (variant === 'routed') return a;
  const deputy = a.deputy!.openid;
  const reply = (resolution: string) => rt.ok('deputy', { action: 'reply', id: a.id, content: `已协调物业修好路灯，联系人 ${PHONE_IN_TEXT}`, resolution }, deputy);
  await step(rt, at + DAY + HOUR, () => rt.ok('deputy', { action: 'accept', id: a.id }, deputy));
  const resolution = variant === 'basically' ? 'in_plan' : variant === 'redone' ? 'explained' : 'implemented';
  await step(rt, at + 3 * DAY, () => reply(resolution));
  if (variant === 'unrated') return a;
  if (variant === 'redone') {
    await step(rt, at + 4 * DAY, () => rt.ok('appeal', { action: 'rate', id: a.id, rating: 'unsatisfied', comment: '还是不亮' }, a.resident));
    await step(rt, at + 5 * DAY, () => rt.ok('deputy', { action: 'accept', id: a.id }, deputy));
    await step(rt, at + 8 * DAY, () => reply(resolution));
  }
  await step(rt, at + 9 * DAY, () => rt.ok('appeal', { action: 'rate', id: a.id, rating: variant === 'basically' ? 'basically_satisfied' : 'satisfied' }, a.resident));
  if (variant !== 'redone') await step(rt, at + 9 * DAY + HOUR, () => publishToWall(rt, a));
  return a;
}

/**
 * `perMonth` appeals in each of the `months` months before the runtime's now (cycling through the
 * variants and two places), starting a few days into each month-long step so closings cross month ends.
 */
export async function appealYear(rt: RunningRuntime, opts: { months?: number; perMonth?: number; places?: Record<string, unknown>[] } = {}): Promise<Appeal[]> {
  const months = opts.months ?? 13;
  const perMonth = opts.perMonth ?? 2;
  const places = opts.places ?? [{}];
  const offsetMs = await clockOffset(rt);
  const end = (await runtimeNow(rt)).getTime();
  const made: Appeal[] = [];
  let n = 0;
  try {
    for (let m = months; m >= 1; m--) {
      for (let i = 0; i < perMonth; i++, n++) {
        const at = end - m * 30 * DAY + i * 11 * DAY + (n % 5) * 3 * HOUR;
        made.push(await appealAt(rt, at, YEAR_VARIANTS[n % YEAR_VARIANTS.length], places[n % places.length]));
      }
    }
  } finally {
    await rt.dev('clock', { offsetMs });
  }
  return made;
}
