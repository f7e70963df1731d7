import * as v from 'valibot';
import { assignInput, blockInput, findInput, historyInput, moderateInput, staffPageInput, unblockInput, updateSettingsInput, type OverdueGroup, type StaffAppealItem, type StaffDashboard } from '../../contracts/staff';
import { pointsQueueInput, reviewPointsInput } from '../../contracts/duty';
import { addStaffInput, inviteDeputyInput, removeStaffInput, revokeInviteInput } from '../../contracts/account';
import { calendarInput, calendarYearInput, setCalendarYearInput } from '../../contracts/calendar';
import { calendarStatus } from '../../domain/calendar';
import { addStaff, deputyAccounts, inviteDeputy, removeStaff, revokeInvite, staffMembers } from '../_lib/staffAccounts';
import { calendarOverview, calendarYearDetail, setCalendarYear } from '../_lib/calendarYears';
import { loadCalendar } from '../_lib/holidays';
import { normaliseSla } from '../../domain/appeals/supervision';
import { toListItem, type AppealDoc } from '../_lib/appeals';
import { loadSla, slaHash } from '../_lib/assignment';
import { appendAudit, auditTrail } from '../_lib/audit';
import { findById, type Doc } from '../_lib/db';
import { AppError } from '../_lib/errors';
import { action, defineFunction } from '../_lib/handler';
import { moderate } from '../_lib/moderation';
import { pageByTime, pageResult } from '../_lib/paging';

const STAFF = ['staff'] as const;

const isoOrNull = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
const staffItem = (d: Doc): StaffAppealItem => ({
  ...toListItem(d as unknown as AppealDoc),
  communityId: d.communityId,
  assignee: d.assigneeName ?? null,
  contentCheck: d.contentCheck?.verdict ?? null,
  overdueAt: isoOrNull(d.overdueAt),
  replyDeadline: isoOrNull(d.replyDeadline),
  ...(d.deadlineWeekendsOnly ? { deadlineWeekendsOnly: true } : {}),
  consoleError: d.consoleError ? { value: d.consoleError.value ?? null, reason: d.consoleError.reason, at: isoOrNull(d.consoleError.at)! } : null,
});

/** A paged staff queue over appeals: equality filter + keyset order on one time field. */
const queue = <A extends string>(name: A, filter: Record<string, unknown>, field: string, direction: 'asc' | 'desc') =>
  action({
    input: staffPageInput(name),
    roles: STAFF,
    run: async (input, { db }) => {
      const page = await pageByTime(db, (extra) => db.collection('appeals').where({ ...filter, ...extra }), field, input.cursor, direction);
      return pageResult(page.docs.map(staffItem), page.nextCursor);
    },
  });

export const main = defineFunction('staff', {
  reviewQueue: queue('reviewQueue', { status: 'pending_review' }, 'createdAt', 'asc'),
  triageQueue: queue('triageQueue', { status: 'triage' }, 'createdAt', 'asc'),
  overdue: queue('overdue', { overdue: true }, 'overdueAt', 'asc'),
  flagged: queue('flagged', { consoleFlagged: true }, 'updatedAt', 'desc'),
  moderate: action({
    input: moderateInput,
    roles: STAFF,
    run: async (input, { db, cloud, user, now }) => {
      if (input.decision === 'reject' && !input.reason) throw new AppError('INVALID_ARGUMENT', '不予受理时请填写原因，居民会看到它');
      const decision = input.decision === 'reject' ? { decision: 'reject' as const, reason: input.reason! } : { decision: 'approve' as const };
      const a = await moderate(db, cloud, { id: input.id, decision, user, source: 'app', at: now() });
      return toListItem(a);
    },
  }),
  assign: action({
    input: assignInput,
    roles: STAFF,
    run: async (input, { db, cloud, user, now }) => toListItem(await moderate(db, cloud, { id: input.id, decision: { decision: 'assign', deputyId: input.deputyId }, user, source: 'app', at: now() })),
  }),
  find: action({
    input: findInput,
    roles: STAFF,
    run: async (input, { db }) => {
      const hit = (await db.collection('appeals').where({ trackingNo: input.trackingNo }).limit(1).get()).data[0];
      if (!hit) throw new AppError('NOT_FOUND', '没有这个受理编号');
      return staffItem(hit);
    },
  }),
  dashboard: action({
    input: v.object({}),
    roles: STAFF,
    run: async (_input, { db, now }): Promise<StaffDashboard> => {
      const appeals = db.collection('appeals');
      const calendar = calendarStatus(now(), await loadCalendar(db));
      const [pending, triage, overdue, supervised, flagged] = await Promise.all([
        appeals.where({ status: 'pending_review' }).count(),
        appeals.where({ status: 'triage' }).count(),
        appeals.where({ overdue: true }).count(),
        appeals.where({ supervised: true, status: db.command.in(['assigned', 'in_progress', 'replied']) }).count(),
        appeals.where({ consoleFlagged: true }).count(),
      ]);
      const grouped: { _id: string; count: number; oldestAt: Date }[] = (
        await appeals.aggregate().match({ overdue: true }).group({ _id: '$assigneeDeputyId', count: db.command.aggregate.sum(1), oldestAt: db.command.aggregate.min('$overdueAt') }).limit(1000).end()
      ).list;
      const deputies = new Map((await db.collection('deputies').limit(100).get()).data.map((d) => [d._id, d]));
      const stations = new Map((await db.collection('stations').limit(100).get()).data.map((s) => [s._id, s]));
      const byDeputy: OverdueGroup[] = grouped.map((g) => ({ key: g._id, name: deputies.get(g._id)?.name ?? g._id, count: g.count, oldestAt: new Date(g.oldestAt).toISOString() }));
      const stationMap = new Map<string, OverdueGroup>();
      for (const g of byDeputy) {
        const stationId = deputies.get(g.key)?.stationId ?? 'unknown';
        const cur = stationMap.get(stationId) ?? { key: stationId, name: stations.get(stationId)?.name ?? '未知站点', count: 0, oldestAt: g.oldestAt };
        cur.count += g.count;
        if (g.oldestAt < cur.oldestAt) cur.oldestAt = g.oldestAt;
        stationMap.set(stationId, cur);
      }
      const oldestFirst = (a: OverdueGroup, b: OverdueGroup) => a.oldestAt.localeCompare(b.oldestAt);
      return {
        counts: { pending_review: pending.total, triage: triage.total, overdue: overdue.total, supervised: supervised.total, flagged: flagged.total },
        overdueByDeputy: byDeputy.sort(oldestFirst),
        overdueByStation: [...stationMap.values()].sort(oldestFirst),
        calendar,
      };
    },
  }),
  block: action({
    input: blockInput,
    roles: STAFF,
    run: async (input, { db, user, now }) => {
      const target = (await db.collection('users').where({ openid: input.openid }).limit(1).get()).data[0];
      if (!target) throw new AppError('NOT_FOUND', '没有这个用户');
      if (target.role !== 'resident') throw new AppError('FAILED_PRECONDITION', '只能限制居民账号');
      const at = now();
      await db.collection('users').doc(target._id).update({ data: { blocked: true, blockedReason: input.reason, blockedAt: at } });
      await appendAudit(db, { entityType: 'user', entityId: target._id, action: 'block', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: target.blocked ? 'blocked' : 'active', to: 'blocked', at, note: input.reason });
      return { openid: input.openid, blocked: true };
    },
  }),
  unblock: action({
    input: unblockInput,
    roles: STAFF,
    run: async (input, { db, user, now }) => {
      const target = (await db.collection('users').where({ openid: input.openid }).limit(1).get()).data[0];
      if (!target) throw new AppError('NOT_FOUND', '没有这个用户');
      const at = now();
      await db.collection('users').doc(target._id).update({ data: { blocked: false } });
      await appendAudit(db, { entityType: 'user', entityId: target._id, action: 'unblock', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: target.blocked ? 'blocked' : 'active', to: 'active', at });
      return { openid: input.openid, blocked: false };
    },
  }),
  settings: action({
    input: v.object({}),
    roles: STAFF,
    run: async (_input, { db }) => loadSla(db),
  }),
  updateSettings: action({
    input: updateSettingsInput,
    roles: STAFF,
    run: async (input, { db, user, now }) => {
      const { action: _a, ...changes } = input;
      if (Object.values(changes).every((x) => x === undefined)) throw new AppError('INVALID_ARGUMENT', '请至少修改一项设置');
      const before = (await findById(db, 'settings', 'sla')) ?? {};
      const { sla } = normaliseSla({ ...before, ...changes });
      const at = now();
      const doc = { ...sla, applied: sla, appliedHash: slaHash(sla as unknown as Record<string, unknown>), problems: [], updatedAt: at, updatedBy: user.openid };
      await db.collection('settings').doc('sla').set({ data: doc });
      await appendAudit(db, { entityType: 'setting', entityId: 'sla', action: 'update', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: JSON.stringify(normaliseSla(before).sla), to: JSON.stringify(sla), at });
      return { sla, problems: [] };
    },
  }),
  pointsQueue: action({
    input: pointsQueueInput,
    roles: STAFF,
    run: async (input, { db }) => {
      const page = await pageByTime(db, (extra) => db.collection('dutyPoints').where({ status: 'pending', ...extra }), 'at', input.cursor, 'asc');
      const names = new Map((await db.collection('deputies').limit(100).get()).data.map((d) => [d._id, d.name as string]));
      return pageResult(page.docs.map((d) => ({ _id: d._id, deputyId: d.deputyId, deputyName: names.get(d.deputyId) ?? d.deputyId, event: d.event, label: d.label, points: d.points, refType: d.refType, refId: d.refId, status: d.status, at: new Date(d.at).toISOString() })), page.nextCursor);
    },
  }),
  /** Points count only once reviewed: approve or reject pending entries (never touches reviewed ones). */
  reviewPoints: action({
    input: reviewPointsInput,
    roles: STAFF,
    run: async (input, { db, user, now }) => {
      const at = now();
      const status = input.decision === 'approve' ? 'approved' : 'rejected';
      const res = await db.collection('dutyPoints').where({ _id: db.command.in(input.ids), status: 'pending' }).update({ data: { status, reviewedBy: user.openid, reviewedAt: at, reviewNote: input.note ?? null } });
      await appendAudit(db, { entityType: 'duty', entityId: input.ids.length === 1 ? input.ids[0] : `batch-${at.getTime()}`, action: `points_${input.decision}`, actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: 'pending', to: status, at, note: `${res.stats.updated} 条：${input.ids.join(', ').slice(0, 180)}${input.note ? `；${input.note}` : ''}` });
      return { updated: res.stats.updated };
    },
  }),
  /** Staff add staff: the person opens the app once, then tells staff their 用户编号 (openid). */
  addStaff: action({ input: addStaffInput, roles: STAFF, run: async (input, { db, user, now }) => addStaff(db, user, input.openid, now()) }),
  removeStaff: action({ input: removeStaffInput, roles: STAFF, run: async (input, { db, user, now }) => removeStaff(db, user, input.openid, now()) }),
  staffMembers: action({ input: v.object({ action: v.literal('staffMembers') }), roles: STAFF, run: async (_input, { db, user }) => staffMembers(db, user) }),
  /** The roster with binding status and open invites (邀请代表). */
  deputyAccounts: action({ input: v.object({ action: v.literal('deputyAccounts') }), roles: STAFF, run: async (_input, { db, cloud, now }) => deputyAccounts(db, cloud, now()) }),
  /** A one-time, 7-day invite code and its 小程序码 for a deputy to bind their own WeChat account. */
  inviteDeputy: action({ input: inviteDeputyInput, roles: STAFF, run: async (input, { db, cloud, user, now }) => inviteDeputy(db, cloud, user, input.deputyId, now()) }),
  revokeInvite: action({ input: revokeInviteInput, roles: STAFF, run: async (input, { db, user, now }) => revokeInvite(db, user, input.code, now()) }),
  /** 节假日安排: which years the working calendar knows, and the warning when one is missing. */
  calendar: action({ input: calendarInput, roles: STAFF, run: async (_input, { db, now }) => calendarOverview(db, now()) }),
  calendarYear: action({ input: calendarYearInput, roles: STAFF, run: async (input, { db }) => calendarYearDetail(db, input.year) }),
  setCalendarYear: action({ input: setCalendarYearInput, roles: STAFF, run: async (input, { db, user, now }) => setCalendarYear(db, user, input, now()) }),
  history: action({
    input: historyInput,
    roles: STAFF,
    run: async (input, { db }) => (await auditTrail(db, input.entityType, input.entityId)).map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  }),
});
