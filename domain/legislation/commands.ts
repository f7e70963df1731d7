/** 立法意见征询 commands: a resident comments while a draft is open; staff decide adoption with a reason. */
import { screen, type ContentVerdict } from '../contentCheck';
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

/**
 * After the check: a risky comment is refused; one the check held, or from a blocked account, stays out of
 * the public tallies until staff decide it.
 */
export function comment(verdict: ContentVerdict, blocked = false): { ok: true; visible: boolean; adoption: 'pending' } | Refusal {
  const screened = screen('comment', verdict);
  if (!screened.ok) return screened;
  return { ok: true, visible: screened.path === 'publish' && !blocked, adoption: 'pending' };
}

/**
 * One comment per person, draft and section (or the draft as a whole): a person's voice counts once in the
 * public tallies however often they send it. A retry of the same request finds its own comment.
 */
export function commentSlot(draftId: string, sectionId: string | undefined): string {
  return `${draftId}\n${sectionId ?? '*'}`;
}

export function repeatComment(existing: { requestId?: unknown }, requestId: string): { ok: true; same: true } | Refusal {
  return existing.requestId === requestId ? { ok: true, same: true } : refuse('FAILED_PRECONDITION', '您已经对这一条提出过意见，可在「我的意见」中查看');
}

/** Staff record (or revise) the decision; the author reads the reason. A decided comment counts in the tallies. */
export function adopt(adoption: Adoption, reason: string | undefined): { ok: true; to: Adoption; label: string; visible: true } | Refusal {
  const problem = checkDecision(adoption, reason);
  if (problem) return refuse('INVALID_ARGUMENT', problem);
  return { ok: true, to: adoption, label: ADOPTION_LABELS[adoption], visible: true };
}
