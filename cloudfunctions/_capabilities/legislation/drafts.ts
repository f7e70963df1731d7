/** What the legislation use cases and the compile step (street function) share: a draft, its dates, a submission's view. */
import type { SubmissionView } from '../../../contracts/legislation';
import { findById, type Db, type Doc } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import type { getCloud } from '../../_platform/cloud';

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

export const draftTimes = (d: Doc) => ({ opensAt: new Date(d.opensAt), closesAt: new Date(d.closesAt), sections: d.sections ?? [], submittedAt: d.submittedAt ? new Date(d.submittedAt) : null });

export async function loadDraft(db: Db, draftId: string): Promise<Doc> {
  const d = await findById(db, 'drafts', draftId);
  if (!d) throw new AppError('NOT_FOUND', '没有找到这份征求意见稿');
  return d;
}

export async function submissionView(db: Db, cloud: ReturnType<typeof getCloud>, sub: Doc): Promise<SubmissionView> {
  let url = '';
  if (sub.fileId) {
    const { fileList } = (await cloud.getTempFileURL({ fileList: [sub.fileId] })) as { fileList: { tempFileURL?: string }[] };
    url = fileList[0]?.tempFileURL ?? '';
  }
  return {
    draftId: sub.draftId, title: sub.title, issuingBody: sub.issuingBody, total: sub.total, createdAt: iso(sub.createdAt)!, fileId: sub.fileId ?? null, url,
    sections: (sub.sections ?? []).map((s: { sectionId: string | null; title: string; count: number }) => ({ sectionId: s.sectionId, title: s.title, count: s.count })),
    byPoint: sub.byPoint ?? [],
  };
}

