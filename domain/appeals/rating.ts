import { addDays } from '../time';
import type { Rating } from './labels';
import type { AppealStatus } from './lifecycle';
import { refuse, type Refusal } from '../outcome';
import type { AppealOutcome, AppealState } from './state';

export const UNRATED_CLOSE_DAYS = 7;

export type RatingOutcome =
  | { ok: true; command: 'rate_close' | 'rate_redo'; to: 'closed' | 'assigned'; supervised: boolean; reopenIncrement: 0 | 1 }
  | { ok: false; code: 'PERMISSION_DENIED' | 'FAILED_PRECONDITION' | 'NOT_FOUND'; reason: string };

/** Only the submitter rates, only a replied appeal. Unsatisfied sends it back to the deputy, under supervision. */
export function applyRating(appeal: { status: AppealStatus; submitterOpenid: string }, raterOpenid: string, rating: Rating): RatingOutcome {
  if (appeal.submitterOpenid !== raterOpenid) return { ok: false, code: 'NOT_FOUND', reason: 'only the submitter may rate' };
  if (appeal.status !== 'replied') return { ok: false, code: 'FAILED_PRECONDITION', reason: 'only a replied appeal can be rated' };
  if (rating === 'unsatisfied') return { ok: true, command: 'rate_redo', to: 'assigned', supervised: true, reopenIncrement: 1 };
  return { ok: true, command: 'rate_close', to: 'closed', supervised: false, reopenIncrement: 0 };
}

/** Replied appeals without a rating close on their own after the window (calendar days). */
export function unratedCloseDue(repliedAt: Date, now: Date, days = UNRATED_CLOSE_DAYS): boolean {
  return now.getTime() >= addDays(repliedAt, days).getTime();
}

export function unratedCutoff(now: Date, days = UNRATED_CLOSE_DAYS): Date {
  return addDays(now, -days);
}

/** A rating comment staff released from review: added to the rating it was written with. */
export function attachRatingComment(state: AppealState, comment: string, releasedBy: string | undefined): AppealOutcome | Refusal {
  if (!state.rating) return refuse('FAILED_PRECONDITION', '这条诉求还没有评价');
  return {
    ok: true,
    command: 'attach_comment',
    from: state.status,
    to: state.status,
    patch: { rating: { ...state.rating, comment } },
    audit: [{ action: 'attach_comment', actorRole: 'staff', ...(releasedBy ? { actorOpenid: releasedBy } : {}), from: state.status, to: state.status, note: `居民的评价留言（审核通过）：${comment}` }],
    events: [],
  };
}
