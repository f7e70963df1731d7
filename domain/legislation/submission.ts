/**
 * 汇总梳理: a draft's opinions compiled into the street's submission to the higher congress, grouped by
 * article (总体意见 last) with counts, and the figures per year the committee reports (drafts consulted,
 * opinions collected, submitted, fully and partly adopted, by point).
 */
import { chinaYear, type Instant } from '../time';
import { ADOPTION_LABELS, type Adoption } from './adoption';
import { ONLINE_POINT } from './points';

export interface OpinionForCompile {
  _id: string;
  sectionId: string | null;
  content: string;
  pointId: string | null;
  pointName: string | null;
}

export interface CompiledSection {
  sectionId: string | null;
  title: string;
  count: number;
  opinions: { _id: string; content: string; pointName: string }[];
}

export interface CompiledSubmission {
  total: number;
  sections: CompiledSection[];
  byPoint: { pointId: string; pointName: string; count: number }[];
}

export const WHOLE_DRAFT = '总体意见';

const pointOf = (o: { pointId: string | null; pointName: string | null }) => (o.pointId ? { id: o.pointId, name: o.pointName ?? o.pointId } : { id: ONLINE_POINT._id, name: ONLINE_POINT.name });

export function compileOpinions(draft: { sections: readonly { _id: string; title: string }[] }, opinions: readonly OpinionForCompile[]): CompiledSubmission {
  const known = new Set(draft.sections.map((s) => s._id));
  const groups: CompiledSection[] = [...draft.sections.map((s) => ({ sectionId: s._id as string | null, title: s.title })), { sectionId: null, title: WHOLE_DRAFT }].map((g) => ({ ...g, count: 0, opinions: [] }));
  const points = new Map<string, { pointId: string; pointName: string; count: number }>();
  for (const o of opinions) {
    const group = groups.find((g) => g.sectionId === (o.sectionId && known.has(o.sectionId) ? o.sectionId : null))!;
    const p = pointOf(o);
    group.opinions.push({ _id: o._id, content: o.content, pointName: p.name });
    group.count += 1;
    const seen = points.get(p.id) ?? { pointId: p.id, pointName: p.name, count: 0 };
    seen.count += 1;
    points.set(p.id, seen);
  }
  return { total: opinions.length, sections: groups, byPoint: [...points.values()].sort((a, b) => b.count - a.count || a.pointId.localeCompare(b.pointId)) };
}

/** The submission as plain rows (one per opinion), the order the exported sheet has. */
export function submissionRows(c: CompiledSubmission): { article: string; no: number; content: string; point: string }[] {
  return c.sections.flatMap((s) => s.opinions.map((o, i) => ({ article: s.title, no: i + 1, content: o.content, point: o.pointName })));
}

export interface OpinionForFigures {
  draftId: string;
  visible: boolean;
  submitted: boolean;
  adoption: Adoption;
  pointId: string | null;
  pointName: string | null;
}

export interface PointFigures {
  pointId: string;
  pointName: string;
  collected: number;
  submitted: number;
  adopted: number;
  partiallyAdopted: number;
}

export interface LegislativeYear {
  year: number;
  draftsConsulted: number;
  opinionsCollected: number;
  submitted: number;
  adopted: number;
  partiallyAdopted: number;
  notAdopted: number;
  /** Submitted, the higher congress's answer not back yet. */
  awaiting: number;
  byPoint: PointFigures[];
}

/** Opinions alike in what the figures count (submitted, adoption, point), with how many there are. */
export interface OpinionTally {
  submitted: boolean;
  adoption: Adoption;
  pointId: string | null;
  pointName: string | null;
  count: number;
}

/** A year's figures: drafts whose consultation opened in the year (China time) and their opinions. */
export function legislativeYear(year: number, drafts: readonly { _id: string; opensAt: Instant }[], opinions: readonly OpinionForFigures[]): LegislativeYear {
  const ids = new Set(drafts.filter((d) => chinaYear(d.opensAt) === year).map((d) => d._id));
  const mine = opinions.filter((o) => ids.has(o.draftId) && o.visible);
  return yearFromTallies(year, ids.size, mine.map((o) => ({ submitted: o.submitted, adoption: o.adoption, pointId: o.pointId, pointName: o.pointName, count: 1 })));
}

/**
 * The same figures from the visible opinions of the year's drafts counted alike (one aggregate); a point
 * carries the name of its first tally.
 */
export function yearFromTallies(year: number, draftsConsulted: number, tallies: readonly OpinionTally[]): LegislativeYear {
  const points = new Map<string, PointFigures>();
  for (const o of tallies) {
    const p = pointOf(o);
    const f = points.get(p.id) ?? { pointId: p.id, pointName: p.name, collected: 0, submitted: 0, adopted: 0, partiallyAdopted: 0 };
    f.collected += o.count;
    if (o.submitted) f.submitted += o.count;
    if (o.submitted && o.adoption === 'adopted') f.adopted += o.count;
    if (o.submitted && o.adoption === 'partially_adopted') f.partiallyAdopted += o.count;
    points.set(p.id, f);
  }
  const sum = (keep: (o: OpinionTally) => boolean) => tallies.filter(keep).reduce((n, o) => n + o.count, 0);
  const count = (a: Adoption) => sum((o) => o.submitted && o.adoption === a);
  return {
    year, draftsConsulted, opinionsCollected: sum(() => true), submitted: sum((o) => o.submitted),
    adopted: count('adopted'), partiallyAdopted: count('partially_adopted'), notAdopted: count('not_adopted'), awaiting: count('pending'),
    byPoint: [...points.values()].sort((a, b) => b.collected - a.collected || a.pointId.localeCompare(b.pointId)),
  };
}

export { ADOPTION_LABELS };
