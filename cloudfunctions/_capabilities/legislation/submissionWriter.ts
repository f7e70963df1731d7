/**
 * The writer of a draft's submission (汇总梳理): the once-only claim on the draft, the submission, the comments
 * it carries marked submitted, its audit entry. Apart from writer.ts so the street function, which serves
 * this step, carries no outbox.
 */
import { appendAudit } from '../../_platform/audit';
import type { Db, Doc } from '../../_platform/db';
import { AppError } from '../../_platform/errors';

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

