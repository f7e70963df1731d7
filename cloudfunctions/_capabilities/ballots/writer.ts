/** The one writer of ballots, votes and paper tallies (projects and proposals: projectWriter.ts). */
import type { DutyPointEntry } from '../../../domain/duty/points';
import { appendAudit } from '../../_platform/audit';
import { findById, isDuplicateKey, type Db, type Doc } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { retryOnConflict } from '../../_platform/retry';
import { storedTally, type StoredTally } from './tally';
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

/**
 * A paper/booth count: its own document (who entered it, the note) and the ballot's `paper.<projectId>`,
 * which results read with the ballot, in one transaction.
 */
export async function writePaperTally(db: Db, t: { ballotId: string; projectId: string; count: number; note?: string }, by: string, at: Date): Promise<void> {
  const id = `${t.ballotId}_${t.projectId}`;
  await retryOnConflict(() =>
    db.runTransaction(async (tx) => {
      const before = await findById(tx, 'paperTallies', id);
      await tx.collection('paperTallies').doc(id).set({ data: { ballotId: t.ballotId, projectId: t.projectId, count: t.count, enteredBy: by, at, note: t.note ?? null } });
      await tx.collection('ballots').doc(t.ballotId).update({ data: { paper: { [t.projectId]: t.count } } });
      await appendAudit(tx, { entityType: 'ballot', entityId: t.ballotId, action: 'paper_tally', actorOpenid: by, actorRole: 'staff', source: 'app', from: String(before?.count ?? 0), to: String(t.count), at, note: `${t.projectId}${t.note ? `：${t.note}` : ''}` });
    }),
  );
}

/**
 * The tally timer's write: the new counts, only if the ballot is as the timer read it (same `through`, same
 * close) — a concurrent run or a close in between makes it a no-op, and the next run counts again.
 */
export async function writeTally(db: Db, b: Doc, tally: StoredTally): Promise<boolean> {
  const _ = db.command;
  const read = storedTally(b);
  const unchanged = b.tally?.through ? { 'tally.through': read.through } : { tally: _.exists(false) };
  const res = await db.collection('ballots').where({ _id: b._id, closedAt: b.closedAt ?? null, ...unchanged }).update({ data: { tally: _.set(tally) } });
  return res.stats.updated === 1;
}

/** A new ballot (and its pair pointing back at it). Public documents carry no staff openid: who did it is in the audit. */
export async function writeBallot(db: Db, doc: Record<string, unknown> & { pairedBallotId: string | null }, by: string, at: Date): Promise<string> {
  // Made after votes were keyed by HMAC: no vote of it can carry the old public key (cast skips that lookup).
  const { _id } = await db.collection('ballots').add({ data: { ...doc, voteKeys: 'hmac' } });
  if (doc.pairedBallotId) await db.collection('ballots').doc(doc.pairedBallotId).update({ data: { pairedBallotId: _id } });
  await appendAudit(db, { entityType: 'ballot', entityId: _id, action: 'create', actorOpenid: by, actorRole: 'staff', source: 'app', to: 'created', at });
  return _id;
}
