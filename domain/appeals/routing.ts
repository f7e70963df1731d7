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
  /** Which rule decided: the resident's choice (码上见代表), a specialty match, the roster by load, or nobody (→ staff triage). */
  rule: 'chosen' | 'specialty' | 'roster' | 'none';
  candidates: RoutingCandidate[];
  chosen?: string;
  /** Chinese sentence a resident can read: where it went and why. */
  reason: string;
}

/** What the resident chose by scanning a code: a deputy, or a station (its attached deputies). */
export interface RoutingPreference {
  deputyId?: string;
  stationId?: string;
  /** Display names for the explanation. */
  deputyName?: string;
  stationName?: string;
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
  preferred?: RoutingPreference,
): RoutingDecision {
  const roster = deputiesForCommunity(appeal.communityId, deputies) as RoutingDeputy[];
  const candidates: RoutingCandidate[] = roster
    .map((d) => ({ deputyId: d._id, specialtyMatch: d.specialties.includes(appeal.category), openCount: openCounts.get(d._id) ?? 0 }))
    .sort((a, b) => Number(b.specialtyMatch) - Number(a.specialtyMatch) || a.openCount - b.openCount || a.deputyId.localeCompare(b.deputyId));
  const community = names.community ?? appeal.communityId;
  const who0 = (id: string) => names.deputy?.(id) ?? id;
  // The resident's choice is honoured only within the community's roster (responsible, active, reachable).
  const pick = preferred?.deputyId
    ? candidates.find((c) => c.deputyId === preferred.deputyId)
    : preferred?.stationId
      ? candidates.find((c) => roster.find((d) => d._id === c.deputyId)?.stationId === preferred.stationId)
      : undefined;
  if (pick) {
    const via = preferred?.deputyId ? `您选择了${who0(pick.deputyId)}代表` : `您选择了${preferred?.stationName ?? '该站点'}`;
    return { rule: 'chosen', candidates, chosen: pick.deputyId, reason: `${via}，已转给${who0(pick.deputyId)}代表` };
  }
  const declined = preferred?.deputyId
    ? `您选择的${preferred.deputyName ?? '代表'}代表不负责${community}或暂时无法接收诉求，`
    : preferred?.stationId
      ? `您选择的${preferred.stationName ?? '站点'}没有负责${community}的在岗代表，`
      : '';
  if (candidates.length === 0) {
    return { rule: 'none', candidates, reason: `${declined}${community}暂无值班代表，已交街道人大工委分派` };
  }
  const chosen = candidates[0];
  const who = who0(chosen.deputyId);
  const rule = chosen.specialtyMatch ? 'specialty' : 'roster';
  const reason = declined + (chosen.specialtyMatch
    ? `${community}的值班代表中，${who}代表擅长${names.category ?? appeal.category}领域，已转给${who}代表`
    : `${community}的值班代表中，${who}代表当前待办最少，已转给${who}代表`);
  return { rule, candidates, chosen: chosen.deputyId, reason };
}
