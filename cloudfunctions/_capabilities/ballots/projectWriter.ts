/** The one writer of proposals, projects, follows and delivery scores, with the messages they cause. */
import type { DutyPointEntry } from '../../../domain/duty/points';
import type { AuditNote } from '../../../domain/outcome';
import { appendNotes } from '../../_platform/audit';
import { findById, isDuplicateKey, type Db } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { enqueueNotice, type Notice } from '../../_platform/outbox';
import { takeQuota } from '../../_platform/quota';
import { retryOnConflict } from '../../_platform/retry';
import { writeDutyPoints } from '../duty/ledger';

/**
 * A resident's proposal, once per request id (a retry finds it written), counted against the proposer's
 * daily limit in the same transaction. Answers what is stored.
 */
export async function writeProposal(db: Db, doc: { _id: string; proposerOpenid: string; createdAt: Date; status: string } & Record<string, unknown>, dailyLimit: number): Promise<{ status: string }> {
  return retryOnConflict(
    () =>
      db.runTransaction(async (tx) => {
        const existing = await findById(tx, 'proposals', doc._id);
        if (existing) return { status: String(existing.status) };
        await takeQuota(tx, 'proposal', doc.proposerOpenid, doc.createdAt, dailyLimit);
        await tx.collection('proposals').add({ data: doc });
        return { status: doc.status };
      }),
    { attempts: 12 },
  );
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
export async function writeProjectEffects(db: Db, entityId: string, audit: AuditNote[], notices: Notice[], at: Date): Promise<void> {
  await appendNotes(db, { type: 'proposal', id: entityId }, audit, 'app', at);
  // 25 at a time: a project's followers may be many, and each enqueue is idempotent (its dedupe key).
  for (let i = 0; i < notices.length; i += 25) await Promise.all(notices.slice(i, i + 25).map((n) => enqueueNotice(db, n, at)));
}
