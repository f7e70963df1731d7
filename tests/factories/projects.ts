/**
 * 民生实事 projects and residents' proposals (点单): `proposal` (submitted), `heldProposal` (pending review),
 * `candidateProject` (staff shortlist proposals into a candidate project a ballot can list).
 */
import type { RunningRuntime } from '../support/runtime';
import { REVIEW_MARK } from './appeals';
import { requestId, uniqueTag } from './ids';
import { resident as newResident, staffMember } from './people';
import { directory } from './street';

export interface Proposal { id: string; status: string; resident: string; title: string; description: string; communityId: string }

export interface ProposalOverrides { resident?: string; title?: string; description?: string; communityId?: string; requestId?: string }

/** The propose event with defaults (for stories that break one field) and who sends it. */
export async function proposalEvent(rt: RunningRuntime, o: ProposalOverrides = {}): Promise<{ event: Record<string, unknown>; resident: string }> {
  const communityId = o.communityId ?? (await directory(rt)).communities[0]._id;
  const event = { action: 'propose', requestId: o.requestId ?? requestId('proposal'), title: o.title ?? `社区建议${uniqueTag()}`, description: o.description ?? '希望在小区旁边修一条带路灯的健身步道，方便老人晚上散步。', communityId };
  return { event, resident: o.resident ?? (await newResident(rt, { communityId })) };
}

async function proposed(rt: RunningRuntime, o: ProposalOverrides, expected: string): Promise<Proposal> {
  const { event, resident } = await proposalEvent(rt, o);
  const made = await rt.ok<{ _id: string; status: string }>('project', event, resident);
  if (made.status !== expected) throw new Error(`expected a ${expected} proposal, got ${made.status}`);
  return { id: made._id, status: made.status, resident, title: event.title as string, description: event.description as string, communityId: event.communityId as string };
}

/** A resident's proposal waiting in the staff queue (submitted). */
export const proposal = (rt: RunningRuntime, o: ProposalOverrides = {}): Promise<Proposal> => proposed(rt, o, 'submitted');

/** A proposal the content check wants a person to look at first (pending_review). */
export const heldProposal = (rt: RunningRuntime, o: ProposalOverrides = {}): Promise<Proposal> =>
  proposed(rt, { ...o, description: `${REVIEW_MARK}${o.description ?? '建议给老小区加装电梯，方便老人出行。'}` }, 'pending_review');

export interface Project { projectId: string; title: string; summary: string; proposals: Proposal[] }

/** A candidate project: staff shortlisted residents' proposals (default: one new proposal) into it. */
export async function candidateProject(rt: RunningRuntime, o: { title?: string; summary?: string; cost?: number; proposals?: Proposal[]; staff?: string } = {}): Promise<Project> {
  const proposals = o.proposals ?? [await proposal(rt)];
  const title = o.title ?? `候选项目${uniqueTag()}`;
  const summary = o.summary ?? '在社区新建一处便民设施，方便周边居民。';
  const { projectId } = await rt.ok('project', { action: 'shortlist', proposalIds: proposals.map((p) => p.id), title, summary, ...(o.cost === undefined ? {} : { cost: o.cost }) }, o.staff ?? (await staffMember(rt)));
  return { projectId, title, summary, proposals };
}

export async function candidateProjects(rt: RunningRuntime, n: number): Promise<Project[]> {
  const out: Project[] = [];
  for (let i = 0; i < n; i++) out.push(await candidateProject(rt));
  return out;
}
