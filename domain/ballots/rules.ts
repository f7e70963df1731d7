/**
 * 民生实事项目票决: residents express an advisory preference, deliberation deputies cast the binding vote.
 * One person, one final vote per ballot; choices within min–max among the candidates; only while open.
 */
export type Electorate = 'resident' | 'deputy';
export type BallotStatus = 'upcoming' | 'open' | 'closed';

export interface BallotTimes {
  opensAt: Date;
  closesAt: Date;
  /** Set when staff close it early. */
  closedAt?: Date | null;
}

export function ballotStatus(b: BallotTimes, now: Date): BallotStatus {
  if (b.closedAt && now >= b.closedAt) return 'closed';
  if (now < b.opensAt) return 'upcoming';
  if (now >= b.closesAt) return 'closed';
  return 'open';
}

export type Voter = { role: 'resident' | 'deputy' | 'staff'; onDeliberationRoster: boolean };

/** Residents vote in resident ballots; deputies on the deliberation roster in deputy ballots; staff administer. */
export function mayVote(electorate: Electorate, voter: Voter): boolean {
  if (electorate === 'resident') return voter.role === 'resident';
  return voter.role === 'deputy' && voter.onDeliberationRoster;
}

export type ChoiceCheck = { ok: true; projectIds: string[] } | { ok: false; reason: string };

export function checkChoices(projectIds: string[], candidates: readonly string[], min: number, max: number): ChoiceCheck {
  if (new Set(projectIds).size !== projectIds.length) return { ok: false, reason: '不能重复选择同一个项目' };
  const unknown = projectIds.filter((id) => !candidates.includes(id));
  if (unknown.length > 0) return { ok: false, reason: '选择的项目不在本次票决范围内' };
  if (projectIds.length < min || projectIds.length > max) return { ok: false, reason: min === max ? `请选择 ${min} 个项目` : `请选择 ${min} 至 ${max} 个项目` };
  return { ok: true, projectIds: [...projectIds].sort() };
}

export function checkBallotShape(b: { minChoices: number; maxChoices: number; candidateCount: number; opensAt: Date; closesAt: Date }): string | undefined {
  if (!Number.isInteger(b.minChoices) || !Number.isInteger(b.maxChoices) || b.minChoices < 1) return '最少选择数应为正整数';
  if (b.maxChoices < b.minChoices) return '最多选择数不能小于最少选择数';
  if (b.candidateCount < b.maxChoices) return '候选项目数不能少于最多选择数';
  if (b.closesAt <= b.opensAt) return '截止时间应晚于开始时间';
  return undefined;
}

export interface Tally {
  projectId: string;
  online: number;
  paper: number;
  total: number;
}

/** Online counts come from a recount of stored votes; paper/booth tallies are entered by staff. */
export function combineTallies(candidates: readonly string[], online: ReadonlyMap<string, number>, paper: ReadonlyMap<string, number>): Tally[] {
  return candidates
    .map((projectId) => {
      const o = online.get(projectId) ?? 0;
      const p = paper.get(projectId) ?? 0;
      return { projectId, online: o, paper: p, total: o + p };
    })
    .sort((a, b) => b.total - a.total || a.projectId.localeCompare(b.projectId));
}

/** Staff always; everybody else only after the ballot closes (no bandwagon effect). */
export function resultsVisible(role: 'resident' | 'deputy' | 'staff', status: BallotStatus): boolean {
  return role === 'staff' || status === 'closed';
}

/** Deterministic vote id: the primary key itself forbids a second vote, locally and on WeChat cloud. */
export function voteKey(ballotId: string, voterHash: string): string {
  return `${ballotId}_${voterHash}`;
}
