/** Ballot commands: create, cast, close, paper tallies. Each answers what to store or why it is refused. */
import { dutyPointsFor, type DutyPointEntry } from '../duty/points';
import { refuse, type Refusal } from '../outcome';
import { ballotStatus, checkBallotShape, checkChoices, mayVote, resultsVisible, type BallotStatus, type BallotTimes, type Electorate, type Voter } from './rules';

export interface BallotState extends BallotTimes {
  _id: string;
  electorate: Electorate;
  projectIds: string[];
  minChoices: number;
  maxChoices: number;
}

export interface CastOutcome {
  ok: true;
  projectIds: string[];
  /** A deliberation deputy's binding vote earns duty points. */
  points: DutyPointEntry[];
}

/** One person, one vote, only while open, only for its electorate, choices within the rules. */
export function castVote(b: BallotState, voter: Voter & { deputyId?: string }, projectIds: string[], now: Date): CastOutcome | Refusal {
  const status = ballotStatus(b, now);
  if (status !== 'open') return refuse('FAILED_PRECONDITION', status === 'upcoming' ? '票决尚未开始' : '票决已经结束');
  if (!mayVote(b.electorate, voter)) return refuse('PERMISSION_DENIED', b.electorate === 'deputy' ? '本次票决仅限审议代表投票' : '本次票决仅限居民投票');
  const check = checkChoices(projectIds, b.projectIds, b.minChoices, b.maxChoices);
  if (!check.ok) return refuse('INVALID_ARGUMENT', check.reason);
  return { ok: true, projectIds: check.projectIds, points: dutyPointsFor('ballot.cast', voter.deputyId, { id: b._id }, { electorate: b.electorate }, now) };
}

/** Staff close a ballot early; a closed one stays closed. */
export function closeBallot(b: BallotState, now: Date): { ok: true; from: BallotStatus } | Refusal {
  const from = ballotStatus(b, now);
  return from === 'closed' ? refuse('FAILED_PRECONDITION', '票决已经结束') : { ok: true, from };
}

/** Paper/booth tallies only for the ballot's own candidates. */
export function enterPaperTally(b: BallotState, projectId: string): { ok: true } | Refusal {
  return b.projectIds.includes(projectId) ? { ok: true } : refuse('INVALID_ARGUMENT', '该项目不在本次票决范围内');
}

/** Results: staff always, everyone else once closed. */
export function seeResults(b: BallotState, role: Voter['role'], now: Date): { ok: true; status: BallotStatus } | Refusal {
  const status = ballotStatus(b, now);
  return resultsVisible(role, status) ? { ok: true, status } : refuse('FAILED_PRECONDITION', '票决结束后才公布结果');
}

export interface NewBallot {
  minChoices: number;
  maxChoices: number;
  projectIds: string[];
  opensAt: Date;
  closesAt: Date;
}

/** A new ballot: a sound shape over candidates that all exist. */
export function createBallot(b: NewBallot, existingProjects: number): { ok: true; projectIds: string[] } | Refusal {
  const projectIds = [...new Set(b.projectIds)];
  const problem = checkBallotShape({ minChoices: b.minChoices, maxChoices: b.maxChoices, candidateCount: projectIds.length, opensAt: b.opensAt, closesAt: b.closesAt });
  if (problem) return refuse('INVALID_ARGUMENT', problem);
  if (existingProjects !== projectIds.length) return refuse('INVALID_ARGUMENT', '有候选项目不存在');
  return { ok: true, projectIds };
}
