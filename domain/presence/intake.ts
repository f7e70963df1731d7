/**
 * 代客录入: a deputy or staff files an appeal for a resident who came to a station, called, or was visited.
 * It routes like any other. The resident claims it later with the tracking number and the last four digits
 * of their phone, and from then on it is their own. Until then the handler records the resident's
 * satisfaction from a follow-up call (回访), marked as such.
 */
import { decideAppeal, type AppealContext, type AppealDecision, type AppealState, type DeputyRef } from '../appeals/commands';
import type { Rating } from '../appeals/labels';
import { isUnclaimed, type AppealEvent, type IntakeChannel } from '../appeals/state';
import { refuse } from '../outcome';

export const INTAKE_CHANNELS = ['station', 'phone', 'visit'] as const satisfies readonly IntakeChannel[];
export const INTAKE_CHANNEL_LABELS: Record<IntakeChannel, string> = { station: '到站', phone: '电话', visit: '走访' };

/** Failed claims a person may make per China day before being told to ask the station. */
export const CLAIM_ATTEMPTS_PER_DAY = 5;

export const phoneTail = (phone: string): string => phone.slice(-4);

const NO_MATCH = refuse('NOT_FOUND', '编号或手机号后四位不正确，请核对后再试');

/** A resident claims a walk-in appeal: it becomes theirs (they follow and rate it); the audit says who claimed. */
export function claimAppeal(state: AppealState, claimer: { openid: string }, tail: string, now: Date): AppealDecision {
  const intake = state.intake;
  if (!intake) return NO_MATCH;
  if (intake.claimedBy) return intake.claimedBy === claimer.openid ? refuse('CONFLICT', '您已认领这条诉求') : NO_MATCH;
  if (intake.phoneTail !== tail) return NO_MATCH;
  if (intake.byOpenid === claimer.openid) return refuse('PERMISSION_DENIED', '代录人不能认领自己代录的诉求');
  return {
    ok: true,
    command: 'claim',
    from: state.status,
    to: state.status,
    patch: { submitterOpenid: claimer.openid, intake: { ...intake, claimedBy: claimer.openid, claimedAt: now } },
    audit: [{ action: 'claim', actorRole: 'resident', actorOpenid: claimer.openid, from: state.status, to: state.status, note: `居民认领代录诉求（${INTAKE_CHANNEL_LABELS[intake.channel]}）` }],
    events: [],
  };
}

export interface Handler {
  openid: string;
  role: 'resident' | 'deputy' | 'staff';
  deputyId?: string;
}

/**
 * 回访: the appeal's current deputy or staff record the satisfaction the resident gave on a follow-up call,
 * only while nobody has claimed it (a claimed appeal is rated by the resident). It has the same effect as
 * the resident's own rating (满意 closes; 不满意 → redo) and is marked as a callback.
 */
export function callbackRating(state: AppealState, handler: Handler, input: { rating: Rating; comment?: string; deputy: DeputyRef | null; categoryName: string }, ctx: AppealContext): AppealDecision {
  if (!state.intake) return refuse('FAILED_PRECONDITION', '只有代客录入的诉求由办理人回访评价');
  if (!isUnclaimed(state)) return refuse('FAILED_PRECONDITION', '居民已认领这条诉求，请由居民本人评价');
  const handles = handler.role === 'staff' || (handler.role === 'deputy' && !!handler.deputyId && handler.deputyId === state.assigneeDeputyId);
  if (!handles) return refuse('NOT_FOUND', '没有找到这条诉求');
  // Decided as the (absent) submitter would, then marked as what it is.
  const decided = decideAppeal(state, { kind: 'person', openid: state.submitterOpenid, role: 'resident' }, { command: 'rate', ...input }, ctx);
  if (!decided.ok) return decided;
  const rating = decided.patch.rating ? { ...decided.patch.rating, via: 'callback' as const } : undefined;
  // A handler's own report of satisfaction earns them nothing; a penalty (不满意 → redo) still counts.
  const events: AppealEvent[] = [];
  for (const e of decided.events) {
    if (e.type !== 'duty_points') events.push(e);
    else if (e.entries.some((x) => x.points < 0)) events.push({ type: 'duty_points', entries: e.entries.filter((x) => x.points < 0) });
  }
  return {
    ...decided,
    events,
    patch: { ...decided.patch, ...(rating ? { rating } : {}) },
    audit: decided.audit.map((n) => ({ ...n, actorRole: handler.role === 'staff' ? 'staff' : 'deputy', actorOpenid: handler.openid, note: `电话回访：${n.note ?? ''}` })),
  };
}
