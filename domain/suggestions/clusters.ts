/**
 * Proposed clusters of appeals about one problem (代表建议 from clusters) and similar cases for 我也遇到.
 * Two appeals are linked when they share a category, lie in the same community or station area, are close
 * (when both have a pin) and their texts are alike; a cluster is a connected group of linked appeals.
 */
import { distanceMeters, roundShare, textSimilarity, type Point } from './similarity';

export interface CaseForMatching {
  _id: string;
  communityId: string;
  /** The station or contact point whose area holds the community. */
  areaId?: string;
  category: string;
  /** Already redacted for public display. */
  text: string;
  location?: Point;
}

export interface MatchRules {
  /** Least bigram Jaccard for two texts to count as alike. */
  minSimilarity: number;
  /** Farthest two pins may be apart, in metres. */
  maxDistanceM: number;
}

export const CLUSTER_RULES: MatchRules = { minSimilarity: 0.2, maxDistanceM: 800 };
export const SIMILAR_RULES: MatchRules = { minSimilarity: 0.12, maxDistanceM: 1500 };

export interface Link {
  similarity: number;
  sameCommunity: boolean;
  distanceM: number | null;
}

/** Why two cases count as one problem, or null when they do not. */
export function linkBetween(a: CaseForMatching, b: CaseForMatching, rules: MatchRules): Link | null {
  if (a.category !== b.category) return null;
  const sameCommunity = a.communityId === b.communityId;
  if (!sameCommunity && !(a.areaId && a.areaId === b.areaId)) return null;
  const distanceM = a.location && b.location ? Math.round(distanceMeters(a.location, b.location)) : null;
  if (distanceM !== null && distanceM > rules.maxDistanceM) return null;
  const similarity = textSimilarity(a.text, b.text);
  if (similarity < rules.minSimilarity) return null;
  return { similarity: roundShare(similarity), sameCommunity, distanceM };
}

export function explainLink(l: Link): string {
  const where = l.sameCommunity ? '同一社区' : '同一站点片区';
  const far = l.distanceM === null ? '' : `，相距约 ${l.distanceM} 米`;
  return `${where}、同一类别，文字相似度 ${Math.round(l.similarity * 100)}%${far}`;
}

export interface ProposedCluster {
  /** Stable for the same members: the sorted ids joined. */
  key: string;
  appealIds: string[];
  category: string;
  communityIds: string[];
  /** Mean similarity over the links that hold the cluster together, 0–1. */
  score: number;
  reasons: string[];
}

/** Connected groups of at least `minSize` linked cases, largest and most alike first. */
export function proposeClusters(cases: readonly CaseForMatching[], rules: MatchRules = CLUSTER_RULES, minSize = 2): ProposedCluster[] {
  const parent = cases.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const links: { i: number; j: number; link: Link }[] = [];
  for (let i = 0; i < cases.length; i++) {
    for (let j = i + 1; j < cases.length; j++) {
      const link = linkBetween(cases[i], cases[j], rules);
      if (!link) continue;
      links.push({ i, j, link });
      parent[root(i)] = root(j);
    }
  }
  const groups = new Map<number, number[]>();
  cases.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  const clusters: ProposedCluster[] = [];
  for (const members of groups.values()) {
    if (members.length < minSize) continue;
    const inside = links.filter((l) => root(l.i) === root(members[0]));
    const ids = members.map((i) => cases[i]._id).sort();
    const score = roundShare(inside.reduce((s, l) => s + l.link.similarity, 0) / inside.length);
    clusters.push({
      key: ids.join('+'),
      appealIds: ids,
      category: cases[members[0]].category,
      communityIds: [...new Set(members.map((i) => cases[i].communityId))].sort(),
      score,
      reasons: inside.slice(0, 5).map((l) => explainLink(l.link)),
    });
  }
  return clusters.sort((a, b) => b.appealIds.length - a.appealIds.length || b.score - a.score || a.key.localeCompare(b.key));
}

/**
 * Why a case is offered to someone typing: place and category only. The text it matched and where exactly it
 * is stay private (a similarity figure or a distance would let repeated typing probe a neighbour's words).
 */
export function explainPublicMatch(l: Link): string {
  return `${l.sameCommunity ? '同一社区' : '同一站点片区'}、同一类别`;
}

export interface SimilarMatch {
  _id: string;
  similarity: number;
  reason: string;
}

/** Cases like the one being typed, most alike first (the category may still be unchosen). */
export function similarTo(typed: Omit<CaseForMatching, '_id' | 'category'> & { category?: string }, cases: readonly CaseForMatching[], rules: MatchRules = SIMILAR_RULES, max = 5): SimilarMatch[] {
  const matches: SimilarMatch[] = [];
  for (const c of cases) {
    const link = linkBetween({ ...typed, _id: '', category: typed.category ?? c.category }, c, rules);
    if (link) matches.push({ _id: c._id, similarity: link.similarity, reason: explainPublicMatch(link) });
  }
  return matches.sort((a, b) => b.similarity - a.similarity || a._id.localeCompare(b._id)).slice(0, max);
}
