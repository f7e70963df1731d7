/** The writer of draft comments and their adoption decisions (the submission's writes: submissionWriter.ts). */
import type { Adoption } from '../../../domain/legislation/adoption';
import { appendAudit, type ActorRole } from '../../_platform/audit';
import { findById, isDuplicateKey, type Db, type Doc } from '../../_platform/db';
import { takeQuota } from '../../_platform/quota';
import { retryOnConflict } from '../../_platform/retry';
import { enqueueNotice } from '../../_platform/outbox';

/** An opinion a deputy or staff collected offline, once per request id, audited with who entered it. */
export async function writeOfflineComment(db: Db, doc: { _id: string } & Record<string, unknown>, by: { openid: string; role: ActorRole; at: Date }): Promise<void> {
  try {
    await db.collection('draftComments').add({ data: doc });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return;
  }
  await appendAudit(db, { entityType: 'draft', entityId: String(doc.draftId), action: 'record_offline', actorOpenid: by.openid, actorRole: by.role, source: 'app', at: by.at, to: doc._id, note: `录入线下意见（${String(doc.pointName)}）` });
}

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

/**
 * The decision, its audit entry and the message to its contributor: the author who sent it in the app, or
 * — for an opinion collected offline — the deputy or staff member who entered it, to pass on. Answers the message id.
 */
export async function writeAdoption(db: Db, c: Doc, draftTitle: string, d: { adoption: Adoption; reason: string; label: string }, by: string, at: Date): Promise<string | null> {
  await db.collection('draftComments').doc(c._id).update({ data: { adoption: d.adoption, adoptionReason: d.reason, decidedAt: at, decidedBy: by, visible: true } });
  await appendAudit(db, { entityType: 'draft', entityId: c._id, action: 'adopt', actorOpenid: by, actorRole: 'staff', source: 'app', from: c.adoption, to: d.adoption, at, note: d.reason });
  const to = c.authorOpenid ?? c.collectedBy;
  if (!to) return null;
  const offline = !c.authorOpenid;
  return enqueueNotice(db, {
    toOpenid: to, template: 'appealStatus',
    values: { trackingNo: c._id.slice(0, 12), status: d.label, summary: draftTitle, time: at },
    title: offline ? `您录入的意见：${d.label}（请转告${c.contributorName ?? '提出人'}）` : `您对《${draftTitle}》的意见：${d.label}`,
    body: offline ? `《${draftTitle}》：${c.contributorName ?? '提出人'}经${c.pointName ?? '联系点'}提出的意见，上级人大${d.label}。${d.reason}` : d.reason,
    link: '/packages/legislation/pages/mine/index',
    dedupeKey: `comment-${c._id}-${d.adoption}-${at.getTime()}`,
  }, at);
}
