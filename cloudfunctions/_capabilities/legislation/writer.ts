/** The one writer of draft comments and their adoption decisions. */
import type { Adoption } from '../../../domain/legislation/adoption';
import { appendAudit } from '../../_platform/audit';
import { findById, type Db, type Doc } from '../../_platform/db';
import { takeQuota } from '../../_platform/quota';
import { retryOnConflict } from '../../_platform/retry';
import { enqueueNotice } from '../../_platform/outbox';

/**
 * A comment, once per id (person, draft, section): counted against the author's daily limit in the same
 * transaction. Answers what is stored — the caller's comment, or the one the person made before.
 */
export async function writeComment(db: Db, doc: { _id: string; authorOpenid: string; createdAt: Date } & Record<string, unknown>, dailyLimit: number): Promise<Doc> {
  return retryOnConflict(
    () =>
      db.runTransaction(async (tx) => {
        const existing = await findById(tx, 'draftComments', doc._id);
        if (existing) return existing;
        await takeQuota(tx, 'comment', doc.authorOpenid, doc.createdAt, dailyLimit);
        await tx.collection('draftComments').add({ data: doc });
        return doc as Doc;
      }),
    { attempts: 12 },
  );
}

/** The decision, its audit entry and the message its author reads; answers the message id. */
export async function writeAdoption(db: Db, c: Doc, draftTitle: string, d: { adoption: Adoption; reason: string; label: string }, by: string, at: Date): Promise<string> {
  await db.collection('draftComments').doc(c._id).update({ data: { adoption: d.adoption, adoptionReason: d.reason, decidedAt: at, decidedBy: by, visible: true } });
  await appendAudit(db, { entityType: 'draft', entityId: c._id, action: 'adopt', actorOpenid: by, actorRole: 'staff', source: 'app', from: c.adoption, to: d.adoption, at, note: d.reason });
  return enqueueNotice(db, {
    toOpenid: c.authorOpenid, template: 'appealStatus',
    values: { trackingNo: c._id.slice(0, 12), status: d.label, summary: draftTitle, time: at },
    title: `您对《${draftTitle}》的意见：${d.label}`, body: d.reason,
    dedupeKey: `comment-${c._id}-${d.adoption}-${at.getTime()}`,
  }, at);
}
