/** The one writer of ballots, votes, paper tallies, projects, proposals, follows and delivery scores. */
import type { DutyPointEntry } from '../../../domain/duty/points';
import type { AuditNote } from '../../../domain/outcome';
import { appendAudit, appendNotes } from '../../_platform/audit';
import { findById, isDuplicateKey, type Db } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { enqueueNotice, type Notice } from '../../_platform/outbox';
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
  const res = await db.collection('ballots').where({ _id: ballotId, closedAt: null }).update({ data: { closedAt: at, closedBy: by } });
  if (res.stats.updated !== 1) throw new AppError('CONFLICT', '票决已被关闭');
  await appendAudit(db, { entityType: 'ballot', entityId: ballotId, action: 'close', actorOpenid: by, actorRole: 'staff', source: 'app', from, to: 'closed', at });
}

export async function writePaperTally(db: Db, t: { ballotId: string; projectId: string; count: number; note?: string }, by: string, at: Date): Promise<void> {
  const id = `${t.ballotId}_${t.projectId}`;
  const before = await findById(db, 'paperTallies', id);
  await db.collection('paperTallies').doc(id).set({ data: { ballotId: t.ballotId, projectId: t.projectId, count: t.count, enteredBy: by, at, note: t.note ?? null } });
  await appendAudit(db, { entityType: 'ballot', entityId: t.ballotId, action: 'paper_tally', actorOpenid: by, actorRole: 'staff', source: 'app', from: String(before?.count ?? 0), to: String(t.count), at, note: `${t.projectId}${t.note ? `：${t.note}` : ''}` });
}

/** A new ballot (and its pair pointing back at it). */
export async function writeBallot(db: Db, doc: Record<string, unknown> & { pairedBallotId: string | null }, by: string, at: Date): Promise<string> {
  const { _id } = await db.collection('ballots').add({ data: doc });
  if (doc.pairedBallotId) await db.collection('ballots').doc(doc.pairedBallotId).update({ data: { pairedBallotId: _id } });
  await appendAudit(db, { entityType: 'ballot', entityId: _id, action: 'create', actorOpenid: by, actorRole: 'staff', source: 'app', to: 'created', at });
  return _id;
}

/** A resident's proposal, once per request id (a retry finds it written). */
export async function writeProposal(db: Db, doc: { _id: string } & Record<string, unknown>): Promise<void> {
  try {
    await db.collection('proposals').add({ data: doc });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** A candidate project merged from proposals; each proposal points at it. */
export async function writeShortlist(db: Db, project: Record<string, unknown>, proposalIds: string[], at: Date): Promise<string> {
  const { _id: projectId } = await db.collection('projects').add({ data: project });
  for (const id of proposalIds) await db.collection('proposals').doc(id).update({ data: { status: 'shortlisted', projectId, shortlistedAt: at } });
  return projectId;
}

/** A review decision, only if the proposal is still in the status it was read in. */
export async function writeProposalReview(db: Db, p: { _id: string; status: string }, to: string, reason: string | null, by: string, at: Date): Promise<void> {
  const res = await db.collection('proposals').where({ _id: p._id, status: p.status }).update({ data: { status: to, reviewReason: reason, reviewedAt: at, reviewedBy: by } });
  if (res.stats.updated !== 1) throw new AppError('CONFLICT', '这条建议已被其他工作人员处理');
}

export async function writeFollow(db: Db, follow: { _id: string; projectId: string; openid: string; at: Date }): Promise<void> {
  try {
    await db.collection('follows').add({ data: follow });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

export async function removeFollow(db: Db, id: string): Promise<void> {
  await db.collection('follows').where({ _id: id }).remove();
}

export async function writeProgress(db: Db, projectId: string, percent: number, status: string, milestone: Record<string, unknown>, at: Date): Promise<void> {
  await db.collection('projects').doc(projectId).update({ data: { percent, status, milestones: db.command.push(milestone), updatedAt: at } });
}

/** A deputy's score (one per deputy and project, replaced on a second score) and the points it earns. */
export async function writeScore(db: Db, score: { projectId: string; deputyId: string; score: number; comment: string | null; at: Date }, points: DutyPointEntry[]): Promise<void> {
  await db.collection('deliveryScores').doc(`${score.projectId}_${score.deputyId}`).set({ data: score });
  await writeDutyPoints(db, points);
}

/** Audit entries and messages an outcome about a proposal or project names. */
export async function writeProjectEffects(db: Db, entityId: string, audit: AuditNote[], notices: Notice[], at: Date): Promise<string[]> {
  await appendNotes(db, { type: 'proposal', id: entityId }, audit, 'app', at);
  const ids: string[] = [];
  for (const n of notices) ids.push(await enqueueNotice(db, n, at));
  return ids;
}
