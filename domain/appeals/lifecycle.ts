/**
 * Appeal statuses and the only moves between them. Every change of status in 连心桥 is a command of
 * `commands.ts`, each checked by `planTransition`: the table below is the whole truth about who may move an
 * appeal where.
 */
export const APPEAL_STATUSES = ['pending_review', 'triage', 'assigned', 'in_progress', 'replied', 'closed', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Who acts, relative to the appeal: its submitter, its assigned deputy, staff, or the system (routing, timers). */
export type ActorKind = 'submitter' | 'assignee' | 'staff' | 'system';

export const APPEAL_COMMANDS = [
  'hold', // submit: content needs review, the check failed, or the account is held
  'route', // submit or approve: routed to a deputy (assigned) or to staff triage
  'content_reject', // submit: content check says risky
  'approve', // staff: reviewed content is fine → routing decides assigned / triage
  'reject', // staff: not accepted, with a reason the resident sees
  'assign', // staff: triage → a named deputy
  'reassign', // staff: move to another deputy
  'accept', // deputy: takes it on
  'progress', // deputy: a progress note
  'transfer', // deputy: 交办 to a department; stays the deputy's
  'reply', // deputy: answer with the real outcome
  'rate_close', // submitter: 满意 / 基本满意
  'rate_redo', // submitter: 不满意 → 重办
  'auto_close', // timer: no rating within the window
  'mark_overdue', // timer: supervision flag, status unchanged
  'escalate', // timer: supervision moves up the ladder, status unchanged
  'suggestion_reply', // system: the department's answer to a 代表建议 becomes the reply of each appeal it carries
  'merge', // staff: a duplicate closes into another case, its resident follows that one
] as const;
export type AppealCommand = (typeof APPEAL_COMMANDS)[number];

type From = AppealStatus | 'new';

interface Rule {
  from: readonly From[];
  to: readonly AppealStatus[] | 'same';
  actors: readonly ActorKind[];
}

const OPEN: readonly AppealStatus[] = ['assigned', 'in_progress'];

export const TRANSITIONS: Record<AppealCommand, Rule> = {
  hold: { from: ['new'], to: ['pending_review'], actors: ['system'] },
  route: { from: ['new'], to: ['assigned', 'triage'], actors: ['system'] },
  content_reject: { from: ['new'], to: ['rejected'], actors: ['system'] },
  approve: { from: ['pending_review'], to: ['assigned', 'triage'], actors: ['staff'] },
  reject: { from: ['pending_review', 'triage'], to: ['rejected'], actors: ['staff'] },
  assign: { from: ['triage'], to: ['assigned'], actors: ['staff'] },
  reassign: { from: OPEN, to: ['assigned'], actors: ['staff'] },
  accept: { from: ['assigned'], to: ['in_progress'], actors: ['assignee'] },
  progress: { from: ['in_progress'], to: 'same', actors: ['assignee'] },
  transfer: { from: ['in_progress'], to: 'same', actors: ['assignee'] },
  reply: { from: OPEN, to: ['replied'], actors: ['assignee'] },
  rate_close: { from: ['replied'], to: ['closed'], actors: ['submitter'] },
  rate_redo: { from: ['replied'], to: ['assigned'], actors: ['submitter'] },
  auto_close: { from: ['replied'], to: ['closed'], actors: ['system'] },
  mark_overdue: { from: OPEN, to: 'same', actors: ['system'] },
  escalate: { from: OPEN, to: 'same', actors: ['system'] },
  suggestion_reply: { from: ['triage', ...OPEN], to: ['replied'], actors: ['system'] },
  merge: { from: ['pending_review', 'triage', ...OPEN], to: ['closed'], actors: ['staff'] },
};

export type TransitionCheck = { ok: true; to: AppealStatus } | { ok: false; code: 'PERMISSION_DENIED' | 'FAILED_PRECONDITION'; reason: string };

/** May `actor` apply `command` to an appeal in `from`, landing in `to` (defaults to the only possible target)? */
export function planTransition(command: AppealCommand, from: From, actor: ActorKind, to?: AppealStatus): TransitionCheck {
  const rule = TRANSITIONS[command];
  if (!rule.actors.includes(actor)) return { ok: false, code: 'PERMISSION_DENIED', reason: `${actor} may not ${command}` };
  if (!rule.from.includes(from)) return { ok: false, code: 'FAILED_PRECONDITION', reason: `cannot ${command} from ${from}` };
  if (rule.to === 'same') {
    if (from === 'new' || (to !== undefined && to !== from)) return { ok: false, code: 'FAILED_PRECONDITION', reason: `${command} keeps the status` };
    return { ok: true, to: from };
  }
  const target = to ?? (rule.to.length === 1 ? rule.to[0] : undefined);
  if (!target || !rule.to.includes(target)) return { ok: false, code: 'FAILED_PRECONDITION', reason: `${command} cannot lead to ${to}` };
  return { ok: true, to: target };
}

/** The commands `actor` may take on an appeal in this state, in table order (pages offer exactly these). */
export function allowedCommands(state: { status: AppealStatus }, actor: ActorKind | undefined): AppealCommand[] {
  if (!actor) return [];
  return APPEAL_COMMANDS.filter((c) => TRANSITIONS[c].actors.includes(actor) && TRANSITIONS[c].from.includes(state.status));
}

/** Statuses in which the appeal waits on its deputy (counts toward load and supervision). */
export const isOpenForDeputy = (status: AppealStatus): boolean => OPEN.includes(status);
