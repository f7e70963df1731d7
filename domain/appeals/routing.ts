import { deputiesForCommunity, type NetworkDeputy } from '../network';

export interface RoutingDeputy extends NetworkDeputy {
  specialties: string[];
}

export interface RoutingCandidate {
  deputyId: string;
  specialtyMatch: boolean;
  openCount: number;
}

export interface RoutingDecision {
  /** Which rule decided: a specialty match, the roster by load, or nobody (→ staff triage). */
  rule: 'specialty' | 'roster' | 'none';
  candidates: RoutingCandidate[];
  chosen?: string;
  /** Chinese sentence a resident can read: where it went and why. */
  reason: string;
}

/**
 * Community → its duty roster → prefer a specialty matching the category → fewest open appeals →
 * lowest deputy id. No deputy → staff triage.
 */
export function routeAppeal(
  appeal: { communityId: string; category: string },
  deputies: RoutingDeputy[],
  openCounts: ReadonlyMap<string, number>,
  names: { community?: string; category?: string; deputy?: (id: string) => string | undefined } = {},
): RoutingDecision {
  const roster = deputiesForCommunity(appeal.communityId, deputies) as RoutingDeputy[];
  const candidates: RoutingCandidate[] = roster
    .map((d) => ({ deputyId: d._id, specialtyMatch: d.specialties.includes(appeal.category), openCount: openCounts.get(d._id) ?? 0 }))
    .sort((a, b) => Number(b.specialtyMatch) - Number(a.specialtyMatch) || a.openCount - b.openCount || a.deputyId.localeCompare(b.deputyId));
  const community = names.community ?? appeal.communityId;
  if (candidates.length === 0) {
    return { rule: 'none', candidates, reason: `${community}暂无值班代表，已交街道人大工委分派` };
  }
  const chosen = candidates[0];
  const who = names.deputy?.(chosen.deputyId) ?? chosen.deputyId;
  const rule = chosen.specialtyMatch ? 'specialty' : 'roster';
  const reason = chosen.specialtyMatch
    ? `${community}的值班代表中，${who}代表擅长${names.category ?? appeal.category}领域，已转给${who}代表`
    : `${community}的值班代表中，${who}代表当前待办最少，已转给${who}代表`;
  return { rule, candidates, chosen: chosen.deputyId, reason };
}
