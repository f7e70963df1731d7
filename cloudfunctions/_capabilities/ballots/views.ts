import type { BallotSummary, ProjectPublic } from '../../../contracts/ballot';
import { ballotStatus } from '../../../domain/ballots/rules';
import type { BallotState } from '../../../domain/ballots/commands';
import type { Doc } from '../../_platform/db';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

/** A stored ballot as the rules read it. */
export const ballotState = (b: Doc): BallotState => ({ _id: b._id, electorate: b.electorate, projectIds: b.projectIds, minChoices: b.minChoices, maxChoices: b.maxChoices, opensAt: new Date(b.opensAt), closesAt: new Date(b.closesAt), closedAt: b.closedAt ? new Date(b.closedAt) : null });

export function ballotSummary(b: Doc, now: Date): BallotSummary {
  return {
    _id: b._id,
    title: b.title,
    electorate: b.electorate,
    status: ballotStatus(ballotState(b), now),
    minChoices: b.minChoices,
    maxChoices: b.maxChoices,
    opensAt: iso(b.opensAt),
    closesAt: iso(b.closesAt),
    candidateCount: b.projectIds.length,
    ...(b.closedAt ? { closedAt: iso(b.closedAt) } : {}),
    ...(b.pairedBallotId ? { pairedBallotId: b.pairedBallotId } : {}),
  };
}

export const publicProject = (p: Record<string, any>) => ({
  _id: p._id as string, title: p.title as string, summary: p.summary as string, cost: (p.cost ?? null) as number | null, communityId: (p.communityId ?? null) as string | null, images: (p.images ?? []) as string[],
  status: p.status, percent: (p.percent ?? 0) as number, milestones: (p.milestones ?? []).map((m: Record<string, any>) => ({ ...m, at: isoOrNull(m.at), date: isoOrNull(m.date) })),
});

/** Every image a stored project names: its own and its milestones' photos. */
export const projectImages = (p: Record<string, any>): string[] => [...(p.images ?? []), ...(p.milestones ?? []).flatMap((m: Record<string, any>) => m.photos ?? [])];

/** A public project with only the images whose check passed (the filter comes from publicImageFilter). */
export function visibleProject<P extends ProjectPublic>(p: P, show: (images: readonly string[] | undefined) => string[]): P {
  return { ...p, images: show(p.images), milestones: p.milestones.map((m) => (m.photos ? { ...m, photos: show(m.photos) } : m)) };
}

export { iso, isoOrNull };
