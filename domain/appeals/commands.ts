/**
 * The appeal commands. Given the current state, who acts and what they ask (plus the clock, the SLA and the
 * working calendar), a command answers the whole outcome — new status, patch, audit entries, notices, duty
 * points — or the reason it is refused. The functions only gather state and apply outcomes (one writer).
 */
import { disputedReplyEntries, dutyPointsFor } from '../duty/points';
import { refuse, type ActorRole, type AuditNote, type Refusal } from '../outcome';
import { formatChinaDateTime } from '../time';
import { actorKindOf, viewerOf } from './access';
import { supervisionStep, rungName, type LadderStation } from './escalation';
import { RATING_LABELS, RESOLUTION_LABELS, statusLabel, type Rating, type Resolution } from './labels';
import { planTransition, type ActorKind, type AppealCommand, type AppealStatus } from './lifecycle';
import { applyRating } from './rating';
import * as supervision from './supervision';
import type { AppealActor, AppealContext, AppealDecision, AppealEvent, AppealPatch, AppealState, DeputyRef, Routed } from './state';

export { allowedCommands } from './lifecycle';
export type { AppealActor, AppealContext, AppealDecision, AppealEvent, AppealOutcome, AppealPatch, AppealState, DeputyRef, Routed } from './state';

export type AppealInput =
  | { command: 'approve'; routed: Routed }
  | { command: 'reject'; reason: string }
  | { command: 'assign'; deputy: DeputyRef | null; categoryName: string }
  | { command: 'accept' }
  | { command: 'progress'; note: string }
  | { command: 'transfer'; department: string; note: string }
  | { command: 'reply'; content: string; resolution: Resolution }
  | { command: 'rate'; rating: Rating; comment?: string; deputy: DeputyRef | null; categoryName: string }
  | { command: 'auto_close' }
  | { command: 'suggestion_reply'; suggestion: { _id: string; title: string; department: string }; answer: string; resolution: Resolution }
  | { command: 'merge'; into: { _id: string; trackingNo: string } }
  | { command: 'supervise'; ladder: readonly string[]; stations: readonly LadderStation[]; assigneeOpenid?: string; recipients: readonly string[] };

const NOT_FOUND = refuse('NOT_FOUND', '没有找到这条诉求');

/** The actor kind the transition table knows, from who acts and how they relate to the appeal. */
export function actingAs(state: AppealState, actor: AppealActor): ActorKind | Refusal {
  if (actor.kind === 'timer') return 'system';
  if (actor.kind === 'console') return 'staff';
  const viewer = viewerOf(state, actor);
  if (!viewer) return NOT_FOUND;
  return actorKindOf(viewer) ?? refuse('PERMISSION_DENIED', '这条诉求已不由您办理');
}

export function actorRoleOf(kind: ActorKind, actor: AppealActor): ActorRole {
  if (kind === 'system') return 'system';
  if (kind === 'staff') return 'staff';
  if (kind === 'assignee') return 'deputy';
  return actor.kind === 'person' ? actor.role : 'resident';
}

/** Assignee fields of landing with `deputy` (the one before is remembered), plus fresh supervision. */
export function landingPatch(state: Pick<AppealState, 'assigneeDeputyId' | 'pastAssigneeIds'>, deputy: DeputyRef, ctx: AppealContext): AppealPatch {
  if (!ctx.sla || !ctx.calendar) throw new Error('landing an appeal needs the SLA and the working calendar');
  const before = state.assigneeDeputyId;
  const past = before && before !== deputy._id && !state.pastAssigneeIds.includes(before) ? [...state.pastAssigneeIds, before] : state.pastAssigneeIds;
  return { assigneeDeputyId: deputy._id, assigneeName: deputy.name, pastAssigneeIds: past, ...supervision.landed(ctx.now, ctx.sla, ctx.calendar) };
}

interface Change {
  to?: AppealStatus;
  patch?: AppealPatch;
  note?: string;
  events?: AppealEvent[];
}

/** Check the table, then build the outcome with its audit entry. */
function change(state: AppealState, actor: AppealActor, kind: ActorKind, command: AppealCommand, c: Change): AppealDecision {
  const plan = planTransition(command, state.status, kind, c.to);
  if (!plan.ok) return plan.code === 'PERMISSION_DENIED' ? refuse('PERMISSION_DENIED', '您没有权限进行此操作') : refuse('FAILED_PRECONDITION', `诉求当前为「${statusLabel(state.status, state)}」，不能进行此操作`);
  const audit: AuditNote = { action: command, actorRole: actorRoleOf(kind, actor), from: state.status, to: plan.to, ...(actor.kind === 'person' ? { actorOpenid: actor.openid } : {}), ...(c.note ? { note: c.note } : {}) };
  return { ok: true, command, from: state.status, to: plan.to, patch: { ...c.patch, status: plan.to }, audit: [audit], events: c.events ?? [] };
}

const duty = (trigger: Parameters<typeof dutyPointsFor>[0], state: AppealState, detail: { resolution?: string; rating?: string }, ctx: AppealContext): AppealEvent[] => {
  const entries = dutyPointsFor(trigger, state.assigneeDeputyId, { id: state._id, trackingNo: state.trackingNo }, detail, ctx.now);
  return entries.length ? [{ type: 'duty_points', entries }] : [];
};

/** 不满意: what the disputed reply earned is taken back; the redo's reply earns it again (the same entry). */
const reverseDisputedReply = (state: AppealState): AppealEvent[] => {
  const ids = disputedReplyEntries(state._id, state.reply?.deputyId || state.assigneeDeputyId);
  return ids.length ? [{ type: 'duty_reversal', ids, reason: `群众评价不满意，答复退回重办（诉求 ${state.trackingNo}）` }] : [];
};

const tellDeputy = (deputy: DeputyRef | undefined | null, reason: 'new' | 'redo' | 'reassigned', categoryName: string): AppealEvent[] =>
  deputy?.openid ? [{ type: 'tell_deputy', openid: deputy.openid, reason, categoryName }] : [];

/** Decide one command on an existing appeal. */
export function decideAppeal(state: AppealState, actor: AppealActor, input: AppealInput, ctx: AppealContext): AppealDecision {
  const kind = actingAs(state, actor);
  if (typeof kind !== 'string') return kind;
  const at = ctx.now;
  switch (input.command) {
    case 'approve': {
      const { routed } = input;
      const landing = routed.deputy ? landingPatch(state, routed.deputy, ctx) : {};
      return change(state, actor, kind, 'approve', {
        to: routed.deputy ? 'assigned' : 'triage',
        patch: { routing: routed.decision, ...landing },
        note: `审核通过。${routed.decision.reason}`,
        events: tellDeputy(routed.deputy, 'new', routed.categoryName),
      });
    }
    case 'reject':
      return change(state, actor, kind, 'reject', {
        patch: { rejectReason: input.reason, ...supervision.stopped() },
        note: `不予受理：${input.reason}`,
        events: [{ type: 'tell_submitter', body: `您的诉求未被受理。原因：${input.reason}` }],
      });
    case 'assign': {
      const { deputy } = input;
      if (!deputy || deputy.active !== true) return refuse('INVALID_ARGUMENT', '请选择在职的代表');
      if (!deputy.openid) return refuse('FAILED_PRECONDITION', `${deputy.name}代表还没有绑定微信账号，收不到诉求；请先在「邀请代表」中邀请绑定`);
      // Nobody handles (and earns points for) their own appeal.
      if (deputy.openid === state.submitterOpenid) return refuse('FAILED_PRECONDITION', `这条诉求是${deputy.name}代表本人提交的，请分派给其他代表`);
      const command = state.status === 'triage' ? 'assign' : 'reassign';
      return change(state, actor, kind, command, {
        to: 'assigned',
        patch: landingPatch(state, deputy, ctx),
        note: `${command === 'assign' ? '人工分派' : '改派'}给${deputy.name}代表`,
        events: tellDeputy(deputy, 'reassigned', input.categoryName),
      });
    }
    case 'accept':
      return change(state, actor, kind, 'accept', {
        patch: { acceptedAt: at, ...supervision.accepted(state, at) },
        note: '代表已受理',
        events: [{ type: 'tell_submitter', body: '代表已受理您的诉求，正在办理。', headline: '代表已受理您的诉求' }],
      });
    case 'progress':
      return change(state, actor, kind, 'progress', { note: input.note, events: [{ type: 'tell_submitter', body: `办理进展：${input.note}`, headline: '代表更新了办理进展' }] });
    case 'transfer':
      return change(state, actor, kind, 'transfer', {
        patch: { transfers: [...state.transfers, { department: input.department, note: input.note, at }] },
        note: `交办${input.department}：${input.note}`,
        events: [{ type: 'tell_submitter', body: `代表已将您的诉求交办给${input.department}，将持续跟进。`, headline: `代表已交办${input.department}` }],
      });
    case 'reply': {
      const deputyId = actor.kind === 'person' ? (actor.deputyId ?? '') : '';
      const label = RESOLUTION_LABELS[input.resolution];
      return change(state, actor, kind, 'reply', {
        patch: { reply: { content: input.content, at, resolution: input.resolution, deputyId }, resolution: input.resolution, repliedAt: at, ...supervision.replied() },
        note: `【${label}】${input.content}`,
        events: [{ type: 'tell_submitter', body: `代表已答复（${label}），请查看并评价。` }, ...duty('appeal.reply', state, { resolution: input.resolution }, ctx)],
      });
    }
    case 'rate':
      return rate(state, actor, kind, input, ctx);
    case 'auto_close':
      return change(state, actor, kind, 'auto_close', {
        patch: { closedReason: 'unrated', closedAt: at },
        note: '超过 7 天未评价，系统自动办结',
        events: [{ type: 'tell_submitter', body: '您的诉求超过 7 天未评价，已自动办结。如仍有问题可重新提交。', headline: '诉求已自动办结（未评价）' }],
      });
    case 'supervise':
      return supervise(state, actor, kind, input, ctx);
    case 'suggestion_reply': {
      const label = RESOLUTION_LABELS[input.resolution];
      const content = `代表建议「${input.suggestion.title}」经${input.suggestion.department}答复：${input.answer}`;
      return change(state, actor, kind, 'suggestion_reply', {
        patch: { reply: { content, at, resolution: input.resolution, deputyId: state.assigneeDeputyId ?? '' }, resolution: input.resolution, repliedAt: at, suggestionId: input.suggestion._id, ...supervision.replied() },
        note: `【${label}】${content}`,
        events: [{ type: 'tell_submitter', body: `您的诉求已纳入代表建议，${input.suggestion.department}已答复（${label}），请查看并评价。`, headline: '代表建议已答复，请您评价' }],
      });
    }
    case 'merge':
      return change(state, actor, kind, 'merge', {
        patch: { closedReason: 'merged', mergedInto: input.into._id, closedAt: at, ...supervision.stopped() },
        note: `与诉求 ${input.into.trackingNo} 反映同一问题，合并办理`,
        events: [{ type: 'tell_submitter', body: `您反映的问题与诉求 ${input.into.trackingNo} 相同，已合并办理；办理结果会同时告诉您。`, headline: '您的诉求已合并办理' }],
      });
  }
}

function rate(state: AppealState, actor: AppealActor, kind: ActorKind, input: Extract<AppealInput, { command: 'rate' }>, ctx: AppealContext): AppealDecision {
  const outcome = applyRating(state, actor.kind === 'person' ? actor.openid : '', input.rating);
  if (!outcome.ok) return refuse(outcome.code, outcome.code === 'FAILED_PRECONDITION' ? '代表答复后才能评价' : undefined);
  const rating = { value: input.rating, at: ctx.now, ...(input.comment ? { comment: input.comment } : {}) };
  const note = `${RATING_LABELS[input.rating]}${input.comment ? `：${input.comment}` : ''}`;
  if (outcome.command === 'rate_close') {
    return change(state, actor, kind, 'rate_close', { to: outcome.to, patch: { rating, closedReason: 'rated', closedAt: ctx.now }, note, events: duty('appeal.rate_close', state, { rating: input.rating, ...(state.resolution ? { resolution: state.resolution } : {}) }, ctx) });
  }
  const landing = input.deputy ? landingPatch(state, input.deputy, ctx) : {};
  return change(state, actor, kind, 'rate_redo', {
    to: outcome.to,
    patch: { rating, reopenCount: state.reopenCount + outcome.reopenIncrement, ...(outcome.supervised ? supervision.redoSupervised() : {}), ...landing },
    note,
    events: [...(input.deputy ? tellDeputy(input.deputy, 'redo', input.categoryName) : []), ...duty('appeal.rate_redo', state, {}, ctx), ...reverseDisputedReply(state)],
  });
}

function supervise(state: AppealState, actor: AppealActor, kind: ActorKind, input: Extract<AppealInput, { command: 'supervise' }>, ctx: AppealContext): AppealDecision {
  if (!ctx.calendar) throw new Error('supervision needs the working calendar');
  const step = supervisionStep(state, ctx.now, input.ladder, ctx.calendar);
  if (step.kind === 'none') {
    // Nothing due: the table's refusal if the actor or status could not supervise anyway.
    const could = change(state, actor, kind, 'mark_overdue', {});
    return could.ok ? refuse('FAILED_PRECONDITION', '暂无需督办') : could;
  }
  const notice = (openid: string, title: string, body: string, key: string): AppealEvent => ({ type: 'supervision_notice', openid, title, body, key });
  if (step.kind === 'mark_overdue') {
    const what = step.stage === 'accept' ? '受理' : '答复';
    const deadline = step.stage === 'accept' ? state.acceptDeadline : state.replyDeadline;
    return change(state, actor, kind, 'mark_overdue', {
      patch: supervision.markedOverdue(step, ctx.now),
      note: `超过${what}期限未${what}，已列入督办`,
      events: [
        ...(input.assigneeOpenid ? [notice(input.assigneeOpenid, '诉求已超期，请尽快办理', `${state.trackingNo} 已超过${what}期限（${formatChinaDateTime(deadline ?? ctx.now)}），已列入督办。`, 'overdue')] : []),
        ...duty('appeal.mark_overdue', state, {}, ctx),
      ],
    });
  }
  const rung = rungName(step.target, input.stations);
  return change(state, actor, kind, 'escalate', {
    patch: supervision.escalated(step),
    note: `超期未办，督办升级至${rung}`,
    events: [
      ...(input.assigneeOpenid ? [notice(input.assigneeOpenid, '诉求督办升级', `${state.trackingNo} 仍未办结，已升级至${rung}督办。`, 'escalate-self')] : []),
      ...input.recipients.map((openid, i) => notice(openid, '请协助督办超期诉求', `${state.trackingNo}（${state.assigneeName ?? '未分派'}代表）超期未办，请协助督办。`, `escalate-${i}`)),
    ],
  });
}

