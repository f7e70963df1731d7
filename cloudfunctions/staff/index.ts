import * as v from 'valibot';
import { assignInput, blockInput, findInput, historyInput, moderateInput, peopleInput, staffPageInput, unblockInput, updateSettingsInput, type OverdueGroup, type PersonHit, type StaffAppealItem, type StaffDashboard } from '../../contracts/staff';
import { pointsQueueInput, reviewPointsInput } from '../../contracts/duty';
import { addStaffInput, inviteDeputyInput, removeStaffInput, revokeInviteInput } from '../../contracts/account';
import { calendarInput, calendarYearInput, setCalendarYearInput } from '../../contracts/calendar';
import { calendarStatus } from '../../domain/calendar';
import { addStaff, deputyAccounts, inviteDeputy, removeStaff, revokeInvite, staffMembers } from '../_lib/staffAccounts';
import { calendarOverview, calendarYearDetail, setCalendarYear } from '../_lib/calendarYears';
import { loadCalendar } from '../_lib/holidays';
import { normaliseSla } from '../../domain/appeals/supervision';
import { toListItem, type AppealDoc, type ItemView } from '../_lib/appeals';
import { streetPhone } from '../_lib/streetContact';
import { loadSla, slaHash } from '../_lib/assignment';
import { appendAudit, auditTrail } from '../_lib/audit';
import { findById, type Db, type Doc } from '../_lib/db';
import { AppError } from '../_lib/errors';
import { action, defineFunction } from '../_lib/handler';
import { moderate } from '../_lib/moderation';
import { pageByTime, pageResult } from '../_lib/paging';

const STAFF = ['staff'] as const;

const isoOrNull = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

/** Why an appeal waits in 待审核: the reason stored when it was held, else what its content check said. */
function heldBecause(d: Doc): string | undefined {
  if (d.status !== 'pending_review') return undefined;
  if (typeof d.holdReason === 'string' && d.holdReason) return d.holdReason;
  const verdict = d.contentCheck?.verdict;
  if (verdict === 'review') return '内容需人工复核';
  if (verdict === 'error') return '内容检查暂不可用，待人工审核';
  return '账号受限，待人工审核';
}

const staffItem = (d: Doc, view: ItemView = { audience: 'staff' }): StaffAppealItem => {
  const held = heldBecause(d);
  return {
    ...toListItem(d as unknown as AppealDoc, { audience: 'staff', ...view }),
    communityId: d.communityId,
    assignee: d.assigneeName ?? null,
    contentCheck: d.contentCheck?.verdict ?? null,
    overdueAt: isoOrNull(d.overdueAt),
    replyDeadline: isoOrNull(d.replyDeadline),
    ...(d.deadlineWeekendsOnly ? { deadlineWeekendsOnly: true } : {}),
    consoleError: d.consoleError ? { value: d.consoleError.value ?? null, reason: d.consoleError.reason, at: isoOrNull(d.consoleError.at)! } : null,
    ...(held ? { heldBecause: held } : {}),
  };
};

/** A paged staff queue over appeals: equality filter + keyset order on one time field. */
const queue = <A extends string>(name: A, filter: Record<string, unknown>, field: string, direction: 'asc' | 'desc') =>
  action({
    input: staffPageInput(name),
    roles: STAFF,
    run: async (input, { db, now }) => {
      const page = await pageByTime(db, (extra) => db.collection('appeals').where({ ...filter, ...extra }), field, input.cursor, direction);
      const view: ItemView = { audience: 'staff', now: now(), calendar: await loadCalendar(db) };
      return pageResult(page.docs.map((d) => staffItem(d, view)), page.nextCursor);
    },
  });

const personOf = (u: Doc): PersonHit => ({
  openid: u.openid,
  name: (typeof u.name === 'string' && u.name) || (typeof u.contactName === 'string' && u.contactName) || '',
  role: u.role,
  blocked: u.blocked === true,
  ...(u.blocked && u.blockedReason ? { blockedReason: u.blockedReason } : {}),
  ...(u.phoneTail ? { phoneTail: u.phoneTail } : {}),
  ...(u.communityId ? { communityId: u.communityId } : {}),
  ...(u.lastTrackingNo ? { lastTrackingNo: u.lastTrackingNo } : {}),
});

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Who staff mean: by tracking number, phone tail (4 digits; a full number uses its tail), 用户编号, or name from its first character. */
async function findPeople(db: Db, query: string): Promise<PersonHit[]> {
  const users = db.collection('users');
  const _ = db.command;
  const q = query.replace(/\s+/g, '');
  if (!q) return (await users.where({ blocked: true }).limit(50).get()).data.map(personOf);
  const tracking = /^(\d{8})-?(\d{5})$/.exec(q);
  if (tracking) {
    const appeal = (await db.collection('appeals').where({ trackingNo: `${tracking[1]}-${tracking[2]}` }).limit(1).get()).data[0];
    if (!appeal) return [];
    const owner = (await users.where({ openid: appeal.submitterOpenid }).limit(1).get()).data[0];
    return owner ? [{ ...personOf(owner), lastTrackingNo: appeal.trackingNo, ...(!appeal.anonymous && appeal.contact?.name && !personOf(owner).name ? { name: appeal.contact.name } : {}) }] : [];
  }
  if (/^\d{4}$|^1\d{10}$/.test(q)) return (await users.where({ phoneTail: q.slice(-4) }).limit(20).get()).data.map(personOf);
  // A 用户编号 (openid) a colleague read out from their 账号与身份 page.
  if (/^[A-Za-z0-9_-]{6,64}$/.test(q)) {
    const exact = (await users.where({ openid: q }).limit(1).get()).data;
    if (exact.length > 0) return exact.map(personOf);
  }
  const prefix = db.RegExp({ regexp: `^${escapeRegex(q)}` });
  return (await users.where(_.or([{ name: prefix }, { contactName: prefix }])).limit(20).get()).data.map(personOf);
}

/** The user a block / unblock is about, with the name the confirmation used. */
async function targetUser(db: Db, openid: string): Promise<Doc> {
  const target = (await db.collection('users').where({ openid }).limit(1).get()).data[0];
  if (!target) throw new AppError('NOT_FOUND', '没有这个用户');
  return target;
}

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
      return toListItem(a, { audience: 'staff' });
    },
  }),
  assign: action({
    input: assignInput,
    roles: STAFF,
    run: async (input, { db, cloud, user, now }) => toListItem(await moderate(db, cloud, { id: input.id, decision: { decision: 'assign', deputyId: input.deputyId }, user, source: 'app', at: now() }), { audience: 'staff' }),
  }),
  find: action({
    input: findInput,
    roles: STAFF,
    run: async (input, { db, now }) => {
      const hit = (await db.collection('appeals').where({ trackingNo: input.trackingNo }).limit(1).get()).data[0];
      if (!hit) throw new AppError('NOT_FOUND', '没有这个受理编号');
      return staffItem(hit, { audience: 'staff', now: now(), calendar: await loadCalendar(db) });
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
      const target = await targetUser(db, input.openid);
      if (target.role !== 'resident') throw new AppError('FAILED_PRECONDITION', '只能限制居民账号');
      const at = now();
      await db.collection('users').doc(target._id).update({ data: { blocked: true, blockedReason: input.reason, blockedAt: at } });
      await appendAudit(db, { entityType: 'user', entityId: target._id, action: 'block', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: target.blocked ? 'blocked' : 'active', to: 'blocked', at, note: input.reason });
      return { ...personOf({ ...target, blocked: true, blockedReason: input.reason }), openid: input.openid, blocked: true };
    },
  }),
  unblock: action({
    input: unblockInput,
    roles: STAFF,
    run: async (input, { db, user, now }) => {
      const target = await targetUser(db, input.openid);
      const at = now();
      await db.collection('users').doc(target._id).update({ data: { blocked: false } });
      await appendAudit(db, { entityType: 'user', entityId: target._id, action: 'unblock', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: target.blocked ? 'blocked' : 'active', to: 'active', at });
      return { ...personOf({ ...target, blocked: false }), openid: input.openid, blocked: false };
    },
  }),
  people: action({ input: peopleInput, roles: STAFF, run: async (input, { db }) => findPeople(db, input.query ?? '') }),
  settings: action({
    input: v.object({}),
    roles: STAFF,
    run: async (_input, { db }) => ({ ...(await loadSla(db)), streetPhone: await streetPhone(db) }),
  }),
  updateSettings: action({
    input: updateSettingsInput,
    roles: STAFF,
    run: async (input, { db, user, now }) => {
      const { action: _a, streetPhone: phone, ...changes } = input;
      const slaChanged = Object.values(changes).some((x) => x !== undefined);
      if (!slaChanged && phone === undefined) throw new AppError('INVALID_ARGUMENT', '请至少修改一项设置');
      const at = now();
      const before = (await findById(db, 'settings', 'sla')) ?? {};
      let { sla } = normaliseSla(before);
      if (slaChanged) {
        sla = normaliseSla({ ...before, ...changes }).sla;
        const doc = { ...sla, applied: sla, appliedHash: slaHash(sla as unknown as Record<string, unknown>), problems: [], updatedAt: at, updatedBy: user.openid };
        await db.collection('settings').doc('sla').set({ data: doc });
        await appendAudit(db, { entityType: 'setting', entityId: 'sla', action: 'update', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: JSON.stringify(normaliseSla(before).sla), to: JSON.stringify(sla), at });
      }
      if (phone !== undefined) {
        const old = await streetPhone(db);
        await db.collection('settings').doc('street').set({ data: { phone, updatedAt: at, updatedBy: user.openid } });
        await appendAudit(db, { entityType: 'setting', entityId: 'street', action: 'update', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: old, to: phone, at, note: '街道联系电话' });
      }
      return { sla, problems: [], streetPhone: await streetPhone(db) };
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
