/**
 * Domain factories with named variants: an appeal in each status, the people around it, deputies, routing.
 * Fixed instants only (no test depends on today, the time zone or the year).
 */
import type { AppealActor, AppealContext, AppealState, DeputyRef, Routed } from '../../domain/appeals/state';
import type { AppealStatus } from '../../domain/appeals/lifecycle';
import { DEFAULT_SLA } from '../../domain/appeals/supervision';
import type { HolidayData } from '../../domain/calendar';
import { addDays } from '../../domain/time';

/** Monday 30 Nov 2026, 10:00 China time. */
export const NOW = new Date('2026-11-30T02:00:00.000Z');
export const daysFrom = (at: Date, n: number) => addDays(at, n);

/** Weekends only, for the years the tests use (no holiday list needed to read the rules). */
export const WEEKENDS_ONLY: HolidayData = { holidays: new Set(), workdays: new Set(), years: new Set([2026, 2027]) };

export const ctx = (over: Partial<AppealContext> = {}): AppealContext => ({ now: NOW, sla: DEFAULT_SLA, calendar: WEEKENDS_ONLY, ...over });

export const people = {
  submitter: { kind: 'person', openid: 'r1', role: 'resident' },
  assignee: { kind: 'person', openid: 'dep-d01', role: 'deputy', deputyId: 'd01' },
  pastAssignee: { kind: 'person', openid: 'dep-d00', role: 'deputy', deputyId: 'd00' },
  staff: { kind: 'person', openid: 's1', role: 'staff' },
  stranger: { kind: 'person', openid: 'r2', role: 'resident' },
  otherDeputy: { kind: 'person', openid: 'dep-d09', role: 'deputy', deputyId: 'd09' },
  timer: { kind: 'timer' },
  console: { kind: 'console' },
} satisfies Record<string, AppealActor>;
export type Who = keyof typeof people;

export const deputy = (over: Partial<DeputyRef> = {}): DeputyRef => ({ _id: 'd02', name: '李明', active: true, openid: 'dep-d02', ...over });

export const routedTo = (d: DeputyRef | undefined, reason = d ? `青石社区的值班代表中，${d.name}代表当前待办最少，已转给${d.name}代表` : '青石社区暂无值班代表，已交街道人大工委分派'): Routed => ({
  decision: { rule: d ? 'roster' : 'none', candidates: d ? [{ deputyId: d._id, specialtyMatch: false, openCount: 0 }] : [], ...(d ? { chosen: d._id } : {}), reason },
  ...(d ? { deputy: d } : {}),
  categoryName: '住房物业',
});

const base = (): AppealState => ({
  _id: 'a1',
  trackingNo: '20261128-04217',
  submitterOpenid: 'r1',
  communityId: 'c01',
  category: 'housing',
  content: '青石路 88 号门口的路灯坏了两个星期。',
  status: 'pending_review',
  pastAssigneeIds: ['d00'],
  transfers: [],
  reopenCount: 0,
  supervised: false,
  overdue: false,
  version: 3,
  updatedAt: daysFrom(NOW, -1),
});

const landed = { assigneeDeputyId: 'd01', assigneeName: '王建国', acceptDeadline: daysFrom(NOW, 1), replyDeadline: daysFrom(NOW, 7), escalationLevel: 0 };

/** An appeal in each status, as it would be after the usual path there. */
export const VARIANTS: Record<AppealStatus, () => AppealState> = {
  pending_review: () => base(),
  triage: () => ({ ...base(), status: 'triage' }),
  assigned: () => ({ ...base(), ...landed, status: 'assigned' }),
  in_progress: () => ({ ...base(), ...landed, status: 'in_progress', acceptedAt: daysFrom(NOW, -1) }),
  replied: () => ({ ...base(), ...landed, status: 'replied', resolution: 'implemented', reply: { content: '已修复。', at: daysFrom(NOW, -1), resolution: 'implemented', deputyId: 'd01' }, repliedAt: daysFrom(NOW, -1), nextSupervisionAt: null }),
  closed: () => ({ ...base(), ...landed, status: 'closed', closedReason: 'rated', closedAt: daysFrom(NOW, -1) }),
  rejected: () => ({ ...base(), status: 'rejected', rejectReason: '重复诉求' }),
};

export const appeal = (status: AppealStatus, over: Partial<AppealState> = {}): AppealState => ({ ...VARIANTS[status](), ...over });

/** An open appeal whose acceptance deadline passed yesterday (what the supervisor marks overdue). */
export const lateToAccept = (over: Partial<AppealState> = {}) => appeal('assigned', { acceptDeadline: daysFrom(NOW, -1), replyDeadline: daysFrom(NOW, 5), ...over });
