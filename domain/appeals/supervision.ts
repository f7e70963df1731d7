/**
 * Service levels and supervision fields. Every field that says how an appeal is supervised — deadlines,
 * when to look next, overdue, escalation — is computed here and nowhere else; commands spread these patches.
 */
import { addWorkingDays, unknownYears, type HolidayData } from '../calendar';
import type { SupervisionStep } from './escalation';

/** China-day window for the daily submission limit. */
export { chinaDayStart } from '../time';

/** Staff-editable service levels (settings document `sla`, console-editable). */
export interface SlaSettings {
  acceptWorkingDays: number;
  replyWorkingDays: number;
  dailySubmitLimit: number;
}

export const DEFAULT_SLA: SlaSettings = { acceptWorkingDays: 1, replyWorkingDays: 5, dailySubmitLimit: 5 };

const LIMITS: Record<keyof SlaSettings, [number, number]> = {
  acceptWorkingDays: [0, 30],
  replyWorkingDays: [1, 90],
  dailySubmitLimit: [1, 100],
};

/** Read a settings document defensively: a bad console edit falls back to the default and is reported. */
export function normaliseSla(raw: unknown): { sla: SlaSettings; problems: string[] } {
  const sla = { ...DEFAULT_SLA };
  const problems: string[] = [];
  const src = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  for (const key of Object.keys(DEFAULT_SLA) as (keyof SlaSettings)[]) {
    if (!(key in src)) continue;
    const value = src[key];
    const [min, max] = LIMITS[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) sla[key] = value;
    else problems.push(`${key} 应为 ${min}–${max} 的整数，收到 ${JSON.stringify(value)}，已按默认值 ${DEFAULT_SLA[key]} 执行`);
  }
  return { sla, problems };
}

export interface Deadlines {
  acceptDeadline: Date;
  replyDeadline: Date;
}

/** Deadlines counted in working days from the moment an appeal lands with a deputy (again). */
export function deadlinesFrom(at: Date, sla: SlaSettings, calendar: HolidayData): Deadlines {
  return { acceptDeadline: addWorkingDays(at, sla.acceptWorkingDays, calendar), replyDeadline: addWorkingDays(at, sla.replyWorkingDays, calendar) };
}

/** The supervision fields of an appeal, as stored. */
export interface SupervisionFields {
  acceptDeadline?: Date;
  replyDeadline?: Date;
  /** When the deadlines were counted from, with how many working days (recounted if a year is entered later). */
  landedAt?: Date;
  deadlineDays?: { accept: number; reply: number };
  /** The deadlines cross a year with no holiday data: only weekends were skipped. */
  deadlineWeekendsOnly?: boolean;
  nextSupervisionAt?: Date | null;
  overdue: boolean;
  overdueAt?: Date;
  overdueStage?: 'accept' | 'reply';
  supervised: boolean;
  escalationLevel?: number;
  escalatedTo?: string;
}

/** When the supervisor should look at an open appeal next. */
export function nextLookAt(a: { status: string; acceptDeadline?: Date; replyDeadline?: Date }): Date | null {
  if (a.status === 'assigned' && a.acceptDeadline) return a.acceptDeadline;
  if ((a.status === 'assigned' || a.status === 'in_progress') && a.replyDeadline) return a.replyDeadline;
  return null;
}

/** Deadline fields counted from `at`; flags deadlines that cross a year nobody entered. */
export function deadlineFields(at: Date, days: { accept: number; reply: number }, calendar: HolidayData) {
  const deadlines = deadlinesFrom(at, { acceptWorkingDays: days.accept, replyWorkingDays: days.reply, dailySubmitLimit: 1 }, calendar);
  return { ...deadlines, landedAt: at, deadlineDays: days, deadlineWeekendsOnly: unknownYears(at, deadlines.replyDeadline, calendar).length > 0 };
}

/** Landing with a deputy (first time, redo, reassignment): fresh deadlines, supervision reset. */
export function landed(at: Date, sla: SlaSettings, calendar: HolidayData): Partial<SupervisionFields> {
  const deadlines = deadlineFields(at, { accept: sla.acceptWorkingDays, reply: sla.replyWorkingDays }, calendar);
  return { ...deadlines, nextSupervisionAt: nextLookAt({ status: 'assigned', ...deadlines }), overdue: false, escalationLevel: 0 };
}

/** Accepting settles the acceptance stage; the reply deadline still stands. */
export function accepted(a: { replyDeadline?: Date }, at: Date): Partial<SupervisionFields> {
  const replyLate = !!a.replyDeadline && at > new Date(a.replyDeadline);
  return { overdue: replyLate, nextSupervisionAt: replyLate ? at : (a.replyDeadline ?? null) };
}

/** Replied: nothing left to supervise until a redo lands it again. */
export const replied = (): Partial<SupervisionFields> => ({ overdue: false, nextSupervisionAt: null });

/** Rejected: never looked at again. */
export const stopped = (): Partial<SupervisionFields> => ({ nextSupervisionAt: null });

/** 不满意 → 重办: the redo is supervised from now on. */
export const redoSupervised = (): Partial<SupervisionFields> => ({ supervised: true });

/** First missed deadline: overdue, under supervision, the ladder starts at the bottom. */
export function markedOverdue(step: Extract<SupervisionStep, { kind: 'mark_overdue' }>, at: Date): Partial<SupervisionFields> {
  return { overdue: true, overdueAt: at, overdueStage: step.stage, supervised: true, escalationLevel: 0, nextSupervisionAt: step.next };
}

/** One rung up. */
export function escalated(step: Extract<SupervisionStep, { kind: 'escalate' }>): Partial<SupervisionFields> {
  return { escalationLevel: step.level, escalatedTo: step.target, nextSupervisionAt: step.next };
}

/** Looked at and nothing was due: when to look again (never once it is overdue at the top). */
export function nothingDue(a: { status: string; overdue: boolean; acceptDeadline?: Date; replyDeadline?: Date }): Partial<SupervisionFields> {
  return { nextSupervisionAt: a.overdue ? null : nextLookAt(a) };
}

/**
 * Deadlines counted on weekends only, counted again on the calendar as it is now (after staff entered a
 * year); null when there is nothing to recount (already overdue, or stored before deadlines were recorded).
 */
export function recounted(a: { status: string; overdue: boolean; landedAt?: Date; deadlineDays?: { accept: number; reply: number } }, calendar: HolidayData): Partial<SupervisionFields> | null {
  if (a.overdue || !a.landedAt || !a.deadlineDays) return null;
  const f = deadlineFields(new Date(a.landedAt), a.deadlineDays, calendar);
  return { acceptDeadline: f.acceptDeadline, replyDeadline: f.replyDeadline, deadlineWeekendsOnly: f.deadlineWeekendsOnly, nextSupervisionAt: nextLookAt({ status: a.status, ...f }) };
}
