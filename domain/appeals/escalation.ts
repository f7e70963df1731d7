/**
 * 督办 escalation, in one place: the ladder an overdue appeal climbs (the community's contact point →
 * station → deputies' home → staff) and the step the supervisor takes on each look.
 */
import { addWorkingDays, type HolidayData } from '../calendar';

/** The top rung: the street's people's-congress working committee (staff). */
export const STAFF_RUNG = 'staff';
const STAFF_RUNG_NAME = '街道人大工委';

export interface LadderStation {
  _id: string;
  parentId?: string;
  name?: string;
}

/** Stations from the given one up to the deputies' home (contact point → station → home). */
export function escalationLadder(stationId: string, stations: readonly LadderStation[]): string[] {
  const byId = new Map(stations.map((s) => [s._id, s]));
  const ladder: string[] = [];
  let current = byId.get(stationId);
  while (current && !ladder.includes(current._id)) {
    ladder.push(current._id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return ladder;
}

/** The whole ladder of an appeal: its community's station up to the home, then staff. */
export function supervisionLadder(communityStationId: string, stations: readonly LadderStation[]): string[] {
  return [...escalationLadder(communityStationId, stations), STAFF_RUNG];
}

/** What a rung is called in notes and notices. */
export function rungName(rung: string, stations: readonly LadderStation[]): string {
  return rung === STAFF_RUNG ? STAFF_RUNG_NAME : (stations.find((s) => s._id === rung)?.name ?? rung);
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
 * rung up the ladder. `ladder` is supervisionLadder(): [own station or contact point, …, home, staff].
 */
export function supervisionStep(a: SupervisedAppeal, now: Date, ladder: readonly string[], calendar: HolidayData): SupervisionStep {
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
