/**
 * 汇总梳理: a draft's opinions compiled by article into the submission to the higher congress, exported as an
 * .xlsx. Served by the street function (it already bundles exceljs), not by legislation.
 */
import { legislationManifest } from '../../../contracts/legislation.manifest';
import { mayCompile } from '../../../domain/legislation/commands';
import { compileOpinions, type CompiledSubmission, type OpinionForCompile } from '../../../domain/legislation/submission';
import { orRefuse } from '../../_platform/errors';
import { useCase } from '../../_platform/handler';
import { staffMember } from '../../_platform/permissions';
import { forEachOpinion } from './figures';
import { writeSubmissionBook } from './submissionBook';
import { draftTimes, loadDraft, submissionView } from './drafts';
import { attachSubmissionFile, claimDraftForSubmission, writeSubmission } from './submissionWriter';

const STREET = '清河街道';

/** Staff: 汇总梳理 — once the consultation is over, the draft's opinions grouped by article with counts, exported and submitted. */
export const compileDraft = useCase(legislationManifest.street.compileDraft, {
  permission: staffMember,
  run: async (input, { db, user, cloud, now }) => {
    const d = await loadDraft(db, input.draftId);
    const at = now();
    const unsubmitted = async () => {
      const found: OpinionForCompile[] = [];
      await forEachOpinion(db, d._id, (c) => { if (c.submitted !== true) found.push({ _id: c._id, sectionId: c.sectionId ?? null, content: c.content, pointId: c.pointId ?? null, pointName: c.pointName ?? null }); });
      return found;
    };
    orRefuse(mayCompile(draftTimes(d), (await unsubmitted()).length, at));
    await claimDraftForSubmission(db, d._id, at, user.openid);
    // Read again once claimed: an opinion entered offline meanwhile is in, and none can follow.
    const opinions = await unsubmitted();
    const compiled: CompiledSubmission = compileOpinions({ sections: d.sections ?? [] }, opinions);
    const sub = {
      _id: d._id, draftId: d._id, title: d.title, issuingBody: d.issuingBody ?? '', total: compiled.total, createdBy: user.openid, createdAt: at, fileId: null,
      sections: compiled.sections.map((s) => ({ sectionId: s.sectionId, title: s.title, count: s.count, opinionIds: s.opinions.map((o) => o._id) })),
      byPoint: compiled.byPoint,
    };
    await writeSubmission(db, sub, opinions.map((o) => o._id), user.openid, at);
    const buffer = await writeSubmissionBook(compiled, { title: d.title, issuingBody: sub.issuingBody, street: STREET, at });
    const stamp = at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const { fileID } = await cloud.uploadFile({ cloudPath: `legislation/submission-${d._id}-${stamp}.xlsx`, fileContent: buffer });
    await attachSubmissionFile(db, sub._id, fileID);
    return submissionView(db, cloud, { ...sub, fileId: fileID });
  },
});

