/**
 * 一人一档 and 履职积分: points accrue from what a deputy did and wait for staff review. `servedAppeal`
 * (an appeal of the deputy's own community and specialty, handled to the end), `bindingVote` (a vote in a
 * new deputies' ballot), `pendingPoints` (the deputy's entries in the staff review queue).
 */
import type { RunningRuntime } from '../support/runtime';
import { repliedAppeal, type Appeal, type Resolution } from './appeals';
import { cast, openBallot, type Ballot } from './ballots';
import { staffMember, type DeputyAccount } from './people';

/** The deputy's appeal, from submit to the resident's rating (or only to the reply, with rating: null). */
export async function servedAppeal(rt: RunningRuntime, deputy: DeputyAccount, o: { resolution?: Resolution; rating?: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null; reply?: string } = {}): Promise<Appeal> {
  const place = { communityId: deputy.communityIds[0], category: deputy.specialties[0], resolution: o.resolution ?? 'implemented', ...(o.reply ? { reply: o.reply } : {}) };
  const rating = o.rating === undefined ? 'satisfied' : o.rating;
  const a = await repliedAppeal(rt, place);
  if (a.deputy?.deputyId !== deputy.deputyId) throw new Error(`the appeal went to ${a.deputy?.deputyId}, not ${deputy.deputyId}`);
  if (!rating) return a;
  await rt.ok('appeal', { action: 'rate', id: a.id, rating }, a.resident);
  return { ...a, status: rating === 'unsatisfied' ? 'assigned' : 'closed' };
}

/** The deputy votes in a new binding (deputies') ballot; the ballot and the vote's envelope. */
export async function bindingVote(rt: RunningRuntime, deputy: DeputyAccount, ballot?: Ballot): Promise<{ ballot: Ballot; vote: any }> {
  const b = ballot ?? (await openBallot(rt, { electorate: 'deputy' }));
  return { ballot: b, vote: await cast(rt, b, deputy.openid) };
}

export interface PointsEntry { _id: string; deputyId: string; deputyName: string; event: string; points: number; refId: string; status: string }

/** A deputy's entries waiting in the staff review queue (every page). */
export async function pendingPoints(rt: RunningRuntime, deputyId: string, staff?: string): Promise<PointsEntry[]> {
  const who = staff ?? (await staffMember(rt));
  const out: PointsEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await rt.ok('staff', { action: 'pointsQueue', ...(cursor ? { cursor } : {}) }, who);
    out.push(...page.items.filter((e: PointsEntry) => e.deputyId === deputyId));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
