/** The one writer of draft comments, their compilation into a submission and their adoption decisions. */
import type { Adoption } from '../../../domain/legislation/adoption';
import { appendAudit, type ActorRole } from '../../_platform/audit';
import { isDuplicateKey, type Db, type Doc } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { enqueueNotice } from '../../_platform/outbox';

/** A comment, once per request id (a retry finds it written); offline ones are audited with who entered them. */
export async function writeComment(db: Db, doc: { _id: string } & Record<string, unknown>, by?: { openid: string; role: ActorRole; at: Date }): Promise<void> {
  try {
    await db.collection('draftComments').add({ data: doc });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return;
  }
  if (by) await appendAudit(db, { entityType: 'draft', entityId: String(doc.draftId), action: 'record_offline', actorOpenid: by.openid, actorRole: by.role, source: 'app', at: by.at, to: doc._id, note: `录入线下意见（${String(doc.pointName)}）` });
}

/** Claim the draft for compiling: only one caller moves it from not submitted to submitted. */
export async function claimDraftForSubmission(db: Db, draftId: string, at: Date, by: string): Promise<void> {
  const res = await db.collection('drafts').where({ _id: draftId, submittedAt: null }).update({ data: { submittedAt: at, submissionId: draftId, submittedBy: by } });
  if (res.stats.updated !== 1) throw new AppError('FAILED_PRECONDITION', '该征求意见稿的意见已经汇总报送');
}

/** The submission document, the comments it carries marked submitted, and its audit entry. */
export async function writeSubmission(db: Db, sub: Doc, ids: string[], by: string, at: Date): Promise<void> {
  await db.collection('draftSubmissions').add({ data: sub });
  const _ = db.command;
  for (let i = 0; i < ids.length; i += 100) {
    await db.collection('draftComments').where({ _id: _.in(ids.slice(i, i + 100)) }).update({ data: { submitted: true, submissionId: sub._id, submittedAt: at } });
  }
  await appendAudit(db, { entityType: 'draft', entityId: sub.draftId, action: 'compile', actorOpenid: by, actorRole: 'staff', source: 'app', at, to: 'submitted', note: `汇总报送${sub.issuingBody}，共 ${sub.total} 条意见` });
}

export async function attachSubmissionFile(db: Db, id: string, fileId: string): Promise<void> {
  await db.collection('draftSubmissions').doc(id).update({ data: { fileId } });
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
