import { addWorkingDays, type HolidayData } from '../calendar';

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

export interface SupervisedAppeal {
  status: string;
  acceptDeadline?: Date;
  replyDeadline?: Date;
  overdue: boolean;
  escalationLevel?: number;
}

export type SupervisionStep =
  | { kind: 'none' }
  | { kind: 'mark_overdue'; stage: 'accept' | 'reply'; next: Date }
  | { kind: 'escalate'; level: number; target: string; next: Date | null };

/**
 * First miss: mark overdue and remind the deputy. Each further working day still open: escalate one
 * rung up the ladder (the community's contact point → station → deputies' home → staff).
 * `ladder` is [own station or contact point, …, home, 'staff'].
 */
export function supervisionStep(a: SupervisedAppeal, now: Date, ladder: string[], calendar: HolidayData): SupervisionStep {
  if (a.status !== 'assigned' && a.status !== 'in_progress') return { kind: 'none' };
  const nextLook = addWorkingDays(now, 1, calendar);
  if (!a.overdue) {
    if (a.status === 'assigned' && a.acceptDeadline && now > a.acceptDeadline) return { kind: 'mark_overdue', stage: 'accept', next: nextLook };
    if (a.replyDeadline && now > a.replyDeadline) return { kind: 'mark_overdue', stage: 'reply', next: nextLook };
    return { kind: 'none' };
  }
  const level = (a.escalationLevel ?? 0) + 1;
  if (level >= ladder.length) return { kind: 'none' };
  return { kind: 'escalate', level, target: ladder[level], next: level + 1 < ladder.length ? nextLook : null };
}

/** When the supervisor should look at an open appeal next. */
export function nextLookAt(a: { status: string; acceptDeadline?: Date; replyDeadline?: Date }): Date | null {
  if (a.status === 'assigned' && a.acceptDeadline) return a.acceptDeadline;
  if ((a.status === 'assigned' || a.status === 'in_progress') && a.replyDeadline) return a.replyDeadline;
  return null;
}
