/** What staff do with appeals: queues, moderation (review, triage, reassignment), the dashboard, service levels. */
import { appealManifest } from '../../../../contracts/appeal.manifest';
import type { Page } from '../../../../contracts/appeal';
import type { OverdueGroup, StaffAppealItem, StaffDashboard } from '../../../../contracts/staff';
import { decideWall } from '../../../../domain/appeals/wall';
import { calendarStatus } from '../../../../domain/calendar';
import { loadCalendar } from '../../../_platform/calendar';
import { findById } from '../../../_platform/db';
import { directoryRows } from '../../../_platform/directory';
import { AppError } from '../../../_platform/errors';
import { useCase, type ActionContext } from '../../../_platform/handler';
import { pageByTime, pageResult } from '../../../_platform/paging';
import type { UserDoc } from '../../../_platform/users';
import type { AppealDoc } from '../model';
import { moderate } from '../moderation';
import { staffMember } from '../permissions';
import { loadSla, updateSla } from '../settings';
import { publicNames, staffItem, toListItem, toWallItem } from '../views';
import { changeAppeal } from '../writer';
import { setStreetPhone, streetPhone } from '../../../_platform/streetContact';

const spec = appealManifest.staff;
const actorOf = (user: UserDoc) => ({ kind: 'person' as const, openid: user.openid, role: user.role });

/** A paged staff queue over appeals: equality filter + keyset order on one time field. */
const queue = (filter: Record<string, unknown>, field: string, direction: 'asc' | 'desc') =>
  async (input: { cursor?: string }, { db, now }: ActionContext): Promise<Page<StaffAppealItem>> => {
    const page = await pageByTime(db, (extra) => db.collection('appeals').where({ ...filter, ...extra }), field, input.cursor, direction);
    const view = { now: now(), calendar: await loadCalendar(db) };
    return pageResult(page.docs.map((d) => staffItem(d, view)), page.nextCursor);
  };

export const reviewQueue = useCase(spec.reviewQueue, { permission: staffMember, run: queue({ status: 'pending_review' }, 'createdAt', 'asc') });
export const triageQueue = useCase(spec.triageQueue, { permission: staffMember, run: queue({ status: 'triage' }, 'createdAt', 'asc') });
export const overdue = useCase(spec.overdue, { permission: staffMember, run: queue({ overdue: true }, 'overdueAt', 'asc') });
export const flagged = useCase(spec.flagged, { permission: staffMember, run: queue({ consoleFlagged: true }, 'updatedAt', 'desc') });

export const moderateAppeal = useCase(spec.moderate, {
  permission: staffMember,
  run: async (input, { db, cloud, user, now }) => {
    if (input.decision === 'reject' && !input.reason) throw new AppError('INVALID_ARGUMENT', '不予受理时请填写原因，居民会看到它');
    const decision = input.decision === 'reject' ? { decision: 'reject' as const, reason: input.reason! } : { decision: 'approve' as const };
    return toListItem(await moderate(db, cloud, { id: input.id, decision, user, source: 'app', at: now() }), { audience: 'staff' });
  },
});

export const assign = useCase(spec.assign, {
  permission: staffMember,
  run: async (input, { db, cloud, user, now }) => toListItem(await moderate(db, cloud, { id: input.id, decision: { decision: 'assign', deputyId: input.deputyId }, user, source: 'app', at: now() }), { audience: 'staff' }),
});

export const find = useCase(spec.find, {
  permission: staffMember,
  run: async (input, { db, now }) => {
    const hit = (await db.collection('appeals').where({ trackingNo: input.trackingNo }).limit(1).get()).data[0];
    if (!hit) throw new AppError('NOT_FOUND', '没有这个受理编号');
    return staffItem(hit, { now: now(), calendar: await loadCalendar(db) });
  },
});

const SUPERVISED_OPEN = ['assigned', 'in_progress', 'replied'];

/**
 * The clerk's dashboard: every count and the overdue appeals by deputy in one aggregation (the appeals any
 * count looks at, grouped by deputy and lateness; the counts are the groups' sums).
 */
export const dashboard = useCase(spec.dashboard, {
  permission: staffMember,
  run: async (_input, { db, now }): Promise<StaffDashboard> => {
    const _ = db.command;
    const $ = db.command.aggregate;
    const calendar = calendarStatus(now(), await loadCalendar(db));
    const one = (cond: unknown) => $.sum($.cond([cond, 1, 0]));
    const rows: { _id: { late: boolean; deputy?: string | null }; pending: number; triage: number; overdue: number; supervised: number; flagged: number; oldestAt: Date | null }[] = (
      await db.collection('appeals').aggregate()
        .match(_.or([{ status: _.in(['pending_review', 'triage']) }, { overdue: true }, { supervised: true, status: _.in(SUPERVISED_OPEN) }, { consoleFlagged: true }]))
        .group({
          _id: { late: $.eq(['$overdue', true]), deputy: '$assigneeDeputyId' },
          pending: one($.eq(['$status', 'pending_review'])),
          triage: one($.eq(['$status', 'triage'])),
          overdue: one($.eq(['$overdue', true])),
          supervised: one($.and([$.eq(['$supervised', true]), $.in(['$status', SUPERVISED_OPEN])])),
          flagged: one($.eq(['$consoleFlagged', true])),
          oldestAt: $.min('$overdueAt'),
        })
        .limit(1000).end()
    ).list;
    const total = (k: 'pending' | 'triage' | 'overdue' | 'supervised' | 'flagged') => rows.reduce((n, r) => n + r[k], 0);
    const [deputies, stations] = await Promise.all([directoryRows(db, 'deputies'), directoryRows(db, 'stations')]);
    const byDeputy: OverdueGroup[] = rows.filter((r) => r._id.late).map((r) => {
      const key = r._id.deputy ?? '';
      return { key, name: deputies.get(key)?.name ?? key, count: r.overdue, oldestAt: new Date(r.oldestAt as Date).toISOString() };
    });
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
      counts: { pending_review: total('pending'), triage: total('triage'), overdue: total('overdue'), supervised: total('supervised'), flagged: total('flagged') },
      overdueByDeputy: byDeputy.sort(oldestFirst),
      overdueByStation: [...stationMap.values()].sort(oldestFirst),
      calendar,
    };
  },
});

export const settings = useCase(spec.settings, { permission: staffMember, run: async (_input, { db }) => ({ ...(await loadSla(db)), streetPhone: await streetPhone(db) }) });

export const updateSettings = useCase(spec.updateSettings, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const { action: _a, streetPhone: phone, ...changes } = input;
    const slaChanged = Object.values(changes).some((x) => x !== undefined);
    if (!slaChanged && phone === undefined) throw new AppError('INVALID_ARGUMENT', '请至少修改一项设置');
    const at = now();
    const view = slaChanged ? await updateSla(db, changes, user.openid, at) : await loadSla(db);
    if (phone !== undefined) await setStreetPhone(db, phone, user.openid, at);
    return { ...view, streetPhone: await streetPhone(db) };
  },
});

/** Staff correct a published case's public text: whatever they type is redacted again (domain/appeals/wall.ts). */
export const wallEdit = useCase(spec.wallEdit, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    if (input.summary === undefined && input.reply === undefined) throw new AppError('INVALID_ARGUMENT', '请填写要修改的摘要或答复');
    const found = (await findById(db, 'appeals', input.id)) as AppealDoc | null;
    if (!found) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    const names = await publicNames(db, found);
    const at = now();
    const { appeal } = await changeAppeal(db, input.id, (a) => decideWall(a, actorOf(user), { command: 'wall_edit', ...(input.summary !== undefined ? { summary: input.summary } : {}), ...(input.reply !== undefined ? { reply: input.reply } : {}), names }, at), { source: 'app', at });
    const community = await findById(db, 'communities', appeal.communityId);
    const item = toWallItem(appeal, (community?.name as string | undefined) ?? '');
    if (!item) throw new AppError('INTERNAL');
    return item;
  },
});

/** Staff take a case off the 回音壁, with a reason its resident is told. */
export const wallWithdraw = useCase(spec.wallWithdraw, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const at = now();
    const { appeal } = await changeAppeal(db, input.id, (a) => decideWall(a, actorOf(user), { command: 'wall_withdraw', reason: input.reason }, at), { source: 'app', at });
    return toListItem(appeal);
  },
});
