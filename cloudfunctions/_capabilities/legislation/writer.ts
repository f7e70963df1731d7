/** The one writer of draft comments and their adoption decisions. */
import type { Adoption } from '../../../domain/legislation/adoption';
import { appendAudit } from '../../_platform/audit';
import { isDuplicateKey, type Db, type Doc } from '../../_platform/db';
import { enqueueNotice } from '../../_platform/outbox';

/** A comment, once per request id (a retry finds it written). */
export async function writeComment(db: Db, doc: { _id: string } & Record<string, unknown>): Promise<void> {
  try {
    await db.collection('draftComments').add({ data: doc });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
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
