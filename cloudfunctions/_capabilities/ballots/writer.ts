/** The one writer of ballots, votes and paper tallies (projects and proposals: projectWriter.ts). */
import type { DutyPointEntry } from '../../../domain/duty/points';
import { appendAudit } from '../../_platform/audit';
import { findById, isDuplicateKey, type Db } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { writeDutyPoints } from '../duty/ledger';

/** A vote is one insert keyed by (ballot, voter): a second one is a duplicate key → CONFLICT. */
export async function writeVote(db: Db, vote: { _id: string; ballotId: string } & Record<string, unknown>, points: DutyPointEntry[]): Promise<void> {
  try {
    await db.collection('votes').add({ data: vote });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '您已经投过票了，每人只能投一次');
    throw err;
  }
  await writeDutyPoints(db, points);
}

export async function writeBallotClosed(db: Db, ballotId: string, from: string, by: string, at: Date): Promise<void> {
  const res = await db.collection('ballots').where({ _id: ballotId, closedAt: null }).update({ data: { closedAt: at } });
  if (res.stats.updated !== 1) throw new AppError('CONFLICT', '票决已被关闭');
  await appendAudit(db, { entityType: 'ballot', entityId: ballotId, action: 'close', actorOpenid: by, actorRole: 'staff', source: 'app', from, to: 'closed', at });
}

export async function writePaperTally(db: Db, t: { ballotId: string; projectId: string; count: number; note?: string }, by: string, at: Date): Promise<void> {
  const id = `${t.ballotId}_${t.projectId}`;
  const before = await findById(db, 'paperTallies', id);
  await db.collection('paperTallies').doc(id).set({ data: { ballotId: t.ballotId, projectId: t.projectId, count: t.count, enteredBy: by, at, note: t.note ?? null } });
  await appendAudit(db, { entityType: 'ballot', entityId: t.ballotId, action: 'paper_tally', actorOpenid: by, actorRole: 'staff', source: 'app', from: String(before?.count ?? 0), to: String(t.count), at, note: `${t.projectId}${t.note ? `：${t.note}` : ''}` });
}

/** A new ballot (and its pair pointing back at it). Public documents carry no staff openid: who did it is in the audit. */
export async function writeBallot(db: Db, doc: Record<string, unknown> & { pairedBallotId: string | null }, by: string, at: Date): Promise<string> {
  const { _id } = await db.collection('ballots').add({ data: doc });
  if (doc.pairedBallotId) await db.collection('ballots').doc(doc.pairedBallotId).update({ data: { pairedBallotId: _id } });
  await appendAudit(db, { entityType: 'ballot', entityId: _id, action: 'create', actorOpenid: by, actorRole: 'staff', source: 'app', to: 'created', at });
  return _id;
}
