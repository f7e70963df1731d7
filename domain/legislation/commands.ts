/** 立法意见征询 commands: a resident comments while a draft is open; staff decide adoption with a reason. */
import { screen, type ContentVerdict } from '../contentCheck';
import { refuse, type Refusal } from '../outcome';
import { ADOPTION_LABELS, checkDecision, draftStatus, type Adoption } from './adoption';

export interface DraftState {
  opensAt: Date;
  closesAt: Date;
  sections?: { _id: string }[];
}

/** Offline opinions (collected at a point by a deputy or staff) may be entered until the draft is compiled. */
export function mayRecordOffline(d: DraftState & { submittedAt?: Date | null }, sectionId: string | undefined, now: Date): { ok: true } | Refusal {
  if (d.submittedAt) return refuse('FAILED_PRECONDITION', '该征求意见稿的意见已汇总报送，不能再补录');
  if (now < d.opensAt) return refuse('FAILED_PRECONDITION', '该征求意见稿尚未开始征求意见');
  if (sectionId && !(d.sections ?? []).some((s) => s._id === sectionId)) return refuse('INVALID_ARGUMENT', '没有这一条款');
  return { ok: true };
}

/** 汇总梳理 once the consultation is over, once per draft, with at least one opinion. */
export function mayCompile(d: DraftState & { submittedAt?: Date | null }, opinions: number, now: Date): { ok: true } | Refusal {
  if (d.submittedAt) return refuse('FAILED_PRECONDITION', '该征求意见稿的意见已经汇总报送');
  if (draftStatus(d, now) !== 'closed') return refuse('FAILED_PRECONDITION', '征求意见期结束后才能汇总报送');
  if (opinions === 0) return refuse('FAILED_PRECONDITION', '这份征求意见稿还没有收到意见');
  return { ok: true };
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

/**
 * Staff record (or revise) what the higher congress adopted, once the opinion was submitted to it; the
 * contributor reads the reason. A decided comment counts in the tallies.
 */
export function adopt(adoption: Adoption, reason: string | undefined, submitted = true): { ok: true; to: Adoption; label: string; visible: true } | Refusal {
  if (!submitted) return refuse('FAILED_PRECONDITION', '这条意见还没有汇总报送，上级人大答复后才能录入采纳情况');
  const problem = checkDecision(adoption, reason);
  if (problem) return refuse('INVALID_ARGUMENT', problem);
  return { ok: true, to: adoption, label: ADOPTION_LABELS[adoption], visible: true };
}
