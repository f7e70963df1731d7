/** 立法意见征询 commands: a resident comments while a draft is open; staff decide adoption with a reason. */
import { contentPath, type ContentVerdict } from '../contentCheck';
import { refuse, type Refusal } from '../outcome';
import { ADOPTION_LABELS, checkDecision, draftStatus, type Adoption } from './adoption';

export interface DraftState {
  opensAt: Date;
  closesAt: Date;
  sections?: { _id: string }[];
}

/** Whether a comment may be made, before the content check runs. */
export function mayComment(d: DraftState, sectionId: string | undefined, now: Date): { ok: true } | Refusal {
  if (draftStatus(d, now) !== 'consulting') return refuse('FAILED_PRECONDITION', '该征求意见稿当前不在征求意见期内');
  if (sectionId && !(d.sections ?? []).some((s) => s._id === sectionId)) return refuse('INVALID_ARGUMENT', '没有这一条款');
  return { ok: true };
}

/** After the check: a risky comment is refused; one the check held stays out of the tallies until decided. */
export function comment(verdict: ContentVerdict): { ok: true; visible: boolean; adoption: 'pending' } | Refusal {
  const path = contentPath(verdict);
  if (path === 'refuse') return refuse('CONTENT_REJECTED', '意见内容未通过安全检查，请修改后再提交');
  return { ok: true, visible: path === 'publish', adoption: 'pending' };
}

/** Staff record (or revise) the decision; the author reads the reason. A decided comment counts in the tallies. */
export function adopt(adoption: Adoption, reason: string | undefined): { ok: true; to: Adoption; label: string; visible: true } | Refusal {
  const problem = checkDecision(adoption, reason);
  if (problem) return refuse('INVALID_ARGUMENT', problem);
  return { ok: true, to: adoption, label: ADOPTION_LABELS[adoption], visible: true };
}
