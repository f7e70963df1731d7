/**
 * Submit: a command from `new`. The content check, the account's standing and routing decide the first
 * step — held for review, routed (to a deputy or staff triage), or refused as risky content.
 */
import { contentPath, type ContentVerdict } from '../contentCheck';
import { checkQuota } from '../limits';
import type { Refusal } from '../outcome';
import type { Role } from '../roles';
import { landingPatch } from './commands';
import { planTransition, type AppealCommand, type AppealStatus } from './lifecycle';
import type { AppealContext, AppealEvent, AppealOutcome, AppealPatch, Routed } from './state';
import type { SlaSettings } from './supervision';

export type IntakeStep = Extract<AppealCommand, 'hold' | 'route' | 'content_reject'>;

/** The first step, before routing is known: a held account or an unsure check waits for staff. */
export function intakeStep(verdict: ContentVerdict, blocked: boolean): IntakeStep {
  const path = contentPath(verdict);
  if (path === 'refuse') return 'content_reject';
  return path === 'hold' || blocked ? 'hold' : 'route';
}

/** Each person may submit so many a China day (the SLA setting). */
/** `streetPhone`: offered in the refusal so an urgent case still reaches a person. */
export function checkDailyLimit(submittedToday: number, sla: SlaSettings, streetPhone = ''): Refusal | null {
  return checkQuota('appeal', submittedToday, sla.dailySubmitLimit, streetPhone);
}

export interface SubmitInput {
  submitter: { openid: string; role: Role };
  verdict: ContentVerdict;
  blocked: boolean;
  /** Required when intakeStep says route. */
  routed?: Routed;
}

const HOLD_NOTES = { blocked: '账号受限，待人工审核', review: '内容需人工复核', error: '内容检查暂不可用，待人工审核' };

/** The whole first state of a new appeal, with its two audit entries (submitted, then the system's step). */
export function submitAppeal(input: SubmitInput, ctx: AppealContext): AppealOutcome {
  const step = intakeStep(input.verdict, input.blocked);
  const fresh: AppealPatch = { pastAssigneeIds: [], transfers: [], reopenCount: 0, supervised: false, overdue: false };
  let to: AppealStatus = 'pending_review';
  let patch: AppealPatch = {};
  let note: string;
  let events: AppealEvent[] = [];
  if (step === 'content_reject') {
    to = 'rejected';
    patch = { rejectReason: '内容未通过安全检查' };
    note = '内容安全检查未通过';
  } else if (step === 'hold') {
    note = input.blocked ? HOLD_NOTES.blocked : input.verdict === 'review' ? HOLD_NOTES.review : HOLD_NOTES.error;
    patch = { holdReason: note };
  } else {
    const routed = input.routed;
    if (!routed) throw new Error('routing is needed to route a new appeal');
    to = routed.deputy ? 'assigned' : 'triage';
    patch = { routing: routed.decision, ...(routed.deputy ? landingPatch({ pastAssigneeIds: [] }, routed.deputy, ctx) : {}) };
    note = routed.decision.reason;
    if (routed.deputy?.openid) events = [{ type: 'tell_deputy', openid: routed.deputy.openid, reason: 'new', categoryName: routed.categoryName }];
  }
  const plan = planTransition(step, 'new', 'system', to);
  if (!plan.ok) throw new Error(`intake cannot ${step} to ${to}`);
  return {
    ok: true,
    command: 'submit',
    from: 'new',
    to,
    patch: { ...fresh, ...patch, status: to },
    audit: [
      { action: 'submit', actorRole: 'resident', actorOpenid: input.submitter.openid, from: 'new', to: 'new' },
      { action: step, actorRole: 'system', from: 'new', to, note },
    ],
    events,
  };
}
