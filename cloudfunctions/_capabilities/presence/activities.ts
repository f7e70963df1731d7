/** 代表活动: staff create and run them; deputies confirm, ask for leave, check in; staff settle and report. */
import { createHash } from 'node:crypto';
import { presenceManifest } from '../../../contracts/presence.manifest';
import type { PointTable } from '../../../domain/duty/points';
import { checkIn as decideCheckIn, planActivity, publishReport as decideReport, respond as decideRespond, settle as decideSettle } from '../../../domain/presence/activities';
import { checkText } from '../../_platform/contentCheck';
import { findById, type Db } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { useCase } from '../../_platform/handler';
import { pageByTime, pageResult } from '../../_platform/paging';
import { warm } from '../../_platform/warm';
import { boundDeputy, staffMember } from '../../_platform/permissions';
import { activityParty } from './permissions';
import { activityState, loadActivity, toActivityView } from './views';
import { changeActivity, createActivity as writeActivity } from './writer';

const spec = presenceManifest.presence;
const activityId = (openid: string, requestId: string) => createHash('sha256').update(`activity\n${openid}\n${requestId}`).digest('hex').slice(0, 24);

/** The points table staff may override in the console (settings `points`: { activity_attended: 3, … }); warm like the other settings. */
export function pointTable(db: Db): Promise<PointTable> {
  return warm('settings:points', async () => {
    const doc = await findById(db, 'settings', 'points');
    const table: PointTable = {};
    for (const [k, v] of Object.entries(doc ?? {})) if (k !== '_id' && typeof v === 'number' && Number.isFinite(v)) (table as Record<string, number>)[k] = v;
    return table;
  });
}

export const createActivity = useCase(spec.createActivity, {
  permission: staffMember,
  run: async (input, { db, now, user }) => {
    const id = activityId(user.openid, input.requestId);
    const at = now();
    const existing = await findById(db, 'activities', id);
    if (existing) return toActivityView(existing, { staff: true }, at);
    if (input.stationId && !(await findById(db, 'stations', input.stationId))) throw new AppError('INVALID_ARGUMENT', '没有这个站点');
    const deputies = (await db.collection('deputies').where({ _id: db.command.in(input.deputyIds) }).limit(100).get()).data;
    if (deputies.length !== new Set(input.deputyIds).size) throw new AppError('INVALID_ARGUMENT', '名册中没有其中的代表');
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const plan = orRefuse(planActivity({ kind: input.kind, title: input.title, startsAt, endsAt, place: input.place, capacity: input.capacity, invitees: deputies.map((d) => ({ _id: d._id, name: d.name, active: d.active === true })) }, at));
    const doc = {
      _id: id, requestId: input.requestId, kind: input.kind, title: input.title, startsAt, endsAt, place: input.place, stationId: input.stationId ?? null, capacity: input.capacity,
      status: 'open', invitees: plan.invitees, invitedIds: plan.invitees.map((i) => i.deputyId), reportStatus: 'none', remindedAt: null, version: 1, createdAt: at, createdBy: user.openid,
    };
    await writeActivity(db, doc, { openid: user.openid, role: 'staff' }, at);
    return toActivityView(doc, { staff: true }, at);
  },
});

export const activities = useCase(spec.activities, {
  permission: staffMember,
  run: async (input, { db, now }) => {
    const page = await pageByTime(db, (extra) => db.collection('activities').where({ ...extra }), 'startsAt', input.cursor);
    return pageResult(page.docs.map((d) => toActivityView(d, { staff: true }, now())), page.nextCursor);
  },
});

export const activity = useCase(spec.activity, {
  permission: activityParty,
  run: async (input, { db, now, user }) => {
    const d = await loadActivity(db, input.id);
    const staff = user.role === 'staff';
    if (!staff && !(d.invitedIds ?? []).includes(user.deputyId)) throw new AppError('NOT_FOUND', '您不在这次活动的邀请名单中');
    return toActivityView(d, { staff, ...(user.deputyId ? { deputyId: user.deputyId } : {}) }, now());
  },
});

export const respond = useCase(spec.respond, {
  permission: boundDeputy,
  run: async (input, { db, now, user }) => {
    const at = now();
    const next = await changeActivity(db, input.id, (a) => decideRespond(activityState(a), user.deputyId!, { response: input.response, ...(input.reason ? { reason: input.reason } : {}) }, at, user.openid), 'app', at);
    return toActivityView(next, { deputyId: user.deputyId!, staff: false }, at);
  },
});

/** Check-in by scanning the activity's code on the spot. */
export const checkIn = useCase(spec.checkIn, {
  permission: boundDeputy,
  run: async (input, { db, now, user }) => {
    const at = now();
    const next = await changeActivity(db, input.id, (a) => decideCheckIn(activityState(a), user.deputyId!, 'scan', at, user.openid), 'app', at);
    return toActivityView(next, { deputyId: user.deputyId!, staff: false }, at);
  },
});

export const markAttendance = useCase(spec.markAttendance, {
  permission: staffMember,
  run: async (input, { db, now, user }) => {
    const at = now();
    const next = await changeActivity(db, input.id, (a) => decideCheckIn(activityState(a), input.deputyId, 'staff', at, user.openid), 'app', at);
    return toActivityView(next, { staff: true }, at);
  },
});

/** After the end: attended / leave / absent, and the points they earn (pending staff review). */
export const settle = useCase(spec.settle, {
  permission: staffMember,
  run: async (input, { db, now, user }) => {
    const at = now();
    const table = await pointTable(db);
    const next = await changeActivity(db, input.id, (a) => decideSettle(activityState(a), at, user.openid, table), 'app', at);
    return toActivityView(next, { staff: true }, at);
  },
});

/** The short report with photos residents read on the station page; the content check decides publish or hold. */
export const publishReport = useCase(spec.publishReport, {
  permission: staffMember,
  run: async (input, { db, now, user, cloud }) => {
    const at = now();
    const current = await loadActivity(db, input.id);
    orRefuse(decideReport(activityState(current), { text: input.text, photos: [] }, 'pass', at, user.openid));
    const check = await checkText(cloud, user.openid, input.text, 1);
    const next = await changeActivity(db, input.id, (a) => decideReport(activityState(a), { text: input.text, photos: input.photos ?? [] }, check.verdict, at, user.openid), 'app', at);
    return toActivityView(next, { staff: true }, at);
  },
});
