/**
 * Ballots (民生实事项目票决) over new candidate projects, opening and closing on the runtime's clock:
 * `openBallot({ candidates: 3 })`, `upcomingBallot`, `closedBallot`, `pairedBallots` (the residents'
 * advisory ballot and the deputies' binding one over the same projects).
 */
import type { RunningRuntime } from '../support/runtime';
import { dbAll } from '../support/console';
import { advanceClock, DAY, HOUR, MINUTE, runtimeNow } from './clock';
import { uniqueTag } from './ids';
import { staffMember } from './people';
import { candidateProjects } from './projects';

export interface Ballot { ballotId: string; title: string; electorate: 'resident' | 'deputy'; projectIds: string[]; minChoices: number; maxChoices: number; staff: string }

export interface BallotOverrides {
  /** How many new candidate projects (default 3), unless projectIds are given. */
  candidates?: number;
  projectIds?: string[];
  electorate?: 'resident' | 'deputy';
  minChoices?: number;
  maxChoices?: number;
  title?: string;
  opensAt?: Date;
  closesAt?: Date;
  pairedBallotId?: string;
  staff?: string;
}

/** The create event with defaults: open from a minute ago (runtime clock) for 30 days. */
export async function ballotEvent(rt: RunningRuntime, o: BallotOverrides = {}): Promise<Record<string, unknown>> {
  const now = (await runtimeNow(rt)).getTime();
  const projectIds = o.projectIds ?? (await candidateProjects(rt, o.candidates ?? 3)).map((p) => p.projectId);
  const minChoices = o.minChoices ?? 1;
  return {
    action: 'create',
    title: o.title ?? `测试票决${uniqueTag()}`,
    description: '',
    electorate: o.electorate ?? 'resident',
    projectIds,
    minChoices,
    maxChoices: o.maxChoices ?? Math.max(minChoices, Math.min(3, projectIds.length)),
    opensAt: (o.opensAt ?? new Date(now - MINUTE)).toISOString(),
    closesAt: (o.closesAt ?? new Date(now + 30 * DAY)).toISOString(),
    ...(o.pairedBallotId ? { pairedBallotId: o.pairedBallotId } : {}),
  };
}

async function created(rt: RunningRuntime, o: BallotOverrides, expected: string): Promise<Ballot> {
  const staff = o.staff ?? (await staffMember(rt));
  const event = await ballotEvent(rt, o);
  const made = await rt.ok('ballot', event, staff);
  if (made.status !== expected) throw new Error(`expected an ${expected} ballot, got ${made.status}`);
  return { ballotId: made._id, title: made.title, electorate: made.electorate, projectIds: event.projectIds as string[], minChoices: made.minChoices, maxChoices: made.maxChoices, staff };
}

export const openBallot = (rt: RunningRuntime, o: BallotOverrides = {}): Promise<Ballot> => created(rt, o, 'open');

/** Opens in an hour. */
export async function upcomingBallot(rt: RunningRuntime, o: BallotOverrides = {}): Promise<Ballot> {
  const now = (await runtimeNow(rt)).getTime();
  return created(rt, { opensAt: new Date(now + HOUR), closesAt: new Date(now + 30 * DAY), ...o }, 'upcoming');
}

/** Open, then closed by staff. */
export async function closedBallot(rt: RunningRuntime, o: BallotOverrides = {}): Promise<Ballot> {
  const b = await openBallot(rt, o);
  await rt.ok('ballot', { action: 'close', ballotId: b.ballotId }, b.staff);
  return b;
}

/** The residents' advisory ballot and the deputies' binding ballot over the same new projects, paired. */
export async function pairedBallots(rt: RunningRuntime, o: Omit<BallotOverrides, 'electorate' | 'pairedBallotId'> & { deputyChoices?: [number, number] } = {}): Promise<{ residents: Ballot; deputies: Ballot }> {
  const { deputyChoices, ...common } = o;
  const residents = await openBallot(rt, { candidates: 5, ...common, electorate: 'resident' });
  const [minChoices, maxChoices] = deputyChoices ?? [1, 3];
  const deputies = await openBallot(rt, { ...common, projectIds: residents.projectIds, electorate: 'deputy', minChoices, maxChoices, pairedBallotId: residents.ballotId });
  return { residents, deputies };
}

/** Cast a vote (default: the first minChoices candidates); the envelope as the voter got it. */
export async function cast(rt: RunningRuntime, b: Ballot, voter: string, projectIds?: unknown[]): Promise<any> {
  return (await rt.call('ballot', { action: 'cast', ballotId: b.ballotId, projectIds: projectIds ?? b.projectIds.slice(0, b.minChoices) }, voter)).body;
}

/** A recount straight from the stored votes (console view), independent of the function's aggregation. */
export async function recount(rt: RunningRuntime, ballotId: string): Promise<{ voters: number; byProject: Map<string, number> }> {
  const votes = await dbAll(rt, 'votes', { ballotId });
  const byProject = new Map<string, number>();
  for (const v of votes) for (const p of v.projectIds) byProject.set(p, (byProject.get(p) ?? 0) + 1);
  return { voters: votes.length, byProject };
}

/** How long after the end a ballot's tally freezes (cloudfunctions/_capabilities/ballots/tally.ts SETTLE_MS). */
export const SETTLE_MS = 60_000;

/** One run of the ballot function's tally timer, on the runtime's clock. */
export async function runTally(rt: RunningRuntime): Promise<{ advanced: number; frozen: number; skipped: number; more: boolean }> {
  const reply = await rt.dev<any>('trigger/ballot/tally', {});
  if (!reply?.ok) throw new Error(`tally timer failed: ${JSON.stringify(reply)}`);
  return reply.data;
}

/** Let every cast settle (clock on past SETTLE_MS), then run the tally timer: closed ballots freeze. */
export async function settleTallies(rt: RunningRuntime): Promise<{ advanced: number; frozen: number; skipped: number; more: boolean }> {
  await advanceClock(rt, SETTLE_MS + 1000);
  return runTally(rt);
}

/** The admin recount (as from the console's 云端测试): the stored votes against the frozen tally. */
export async function adminRecount(rt: RunningRuntime, ballotId: string): Promise<any> {
  for (let call = 0; call < 20; call++) {
    const reply = await rt.dev<any>('invoke/ballot', { Type: 'Admin', action: 'recount', ballotId });
    if (!reply?.ok) throw new Error(`recount failed: ${JSON.stringify(reply)}`);
    if (reply.data.done) return reply.data;
  }
  throw new Error('recount did not finish in 20 calls');
}
