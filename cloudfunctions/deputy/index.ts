import * as v from 'valibot';
import { deputyQueueInput, progressInput, replyInput, transferInput, appealIdInput } from '../../contracts/appeal';
import { recordInput, type DutyPointItem, type DutyRecord } from '../../contracts/duty';
import { RESOLUTION_LABELS, statusLabelFor } from '../../domain/appeals/labels';
import { byUrgency } from '../../domain/appeals/deadlines';
import { chinaDay } from '../../domain/time';
import type { DeputyHome } from '../../contracts/duty';
import { summarisePoints, type DutyEvent, type PointStatus } from '../../domain/duty/points';
import { applyAppealCommand, toListItem, type AppealDoc, type ItemView } from '../_lib/appeals';
import { loadCalendar } from '../_lib/holidays';
import { findById, type Db, type Doc } from '../_lib/db';
import { checkText } from '../_lib/contentCheck';
import { AppError } from '../_lib/errors';
import { action, defineFunction, type ActionContext } from '../_lib/handler';
import { deliverSoon } from '../_lib/notify';
import { pageByTime } from '../_lib/paging';
import { statusNotice } from '../_lib/appealNotices';

const QUEUE_STATUSES = ['assigned', 'in_progress', 'replied', 'closed'] as const;

function deputyIdOf(ctx: ActionContext): string {
  if (!ctx.user.deputyId) throw new AppError('PERMISSION_DENIED', '您的代表档案尚未建立，请联系街道人大工委');
  return ctx.user.deputyId;
}

async function act(ctx: ActionContext, id: string, command: 'accept' | 'progress' | 'transfer' | 'reply', note: string, patch: (a: AppealDoc) => Partial<AppealDoc>, notifyBody?: (a: AppealDoc) => string, headline?: string) {
  deputyIdOf(ctx);
  const at = ctx.now();
  const { appeal, noticeIds } = await applyAppealCommand(ctx.db, {
    id, command, user: ctx.user, source: 'app', at, note, patch,
    notices: (a) => (notifyBody ? [statusNotice(a, notifyBody(a), headline)] : []),
  });
  await deliverSoon(ctx.db, ctx.cloud, noticeIds, at);
  return { _id: appeal._id, status: appeal.status, statusLabel: statusLabelFor(appeal.status, appeal, 'deputy') };
}

const iso = (d: unknown) => new Date(d as string).toISOString();

export const toPointItem = (d: Doc): DutyPointItem => ({ _id: d._id, deputyId: d.deputyId, event: d.event, label: d.label, points: d.points, refType: d.refType, refId: d.refId, status: d.status, at: iso(d.at) });

/** 一人一档 for one deputy: appeal counts, points (approved apart from pending) and the latest entries. */
async function dutyRecord(db: Db, deputyId: string): Promise<DutyRecord> {
  const deputy = await findById(db, 'deputies', deputyId);
  if (!deputy) throw new AppError('NOT_FOUND', '没有这位代表的档案');
  const station = await findById(db, 'stations', deputy.stationId);
  const appeals = db.collection('appeals');
  const count = async (status: string) => (await appeals.where({ assigneeDeputyId: deputyId, status }).count()).total;
  const [assigned, inProgress, replied, closed, overdueNow] = await Promise.all([
    count('assigned'), count('in_progress'), count('replied'), count('closed'),
    appeals.where({ assigneeDeputyId: deputyId, overdue: true }).count().then((r) => r.total),
  ]);
  const grouped = (await db.collection('dutyPoints').aggregate().match({ deputyId }).group({ _id: { event: '$event', status: '$status' }, points: db.command.aggregate.sum('$points') }).limit(100).end()).list as { _id: { event: DutyEvent; status: PointStatus }; points: number }[];
  const points = summarisePoints(grouped.map((g) => ({ event: g._id.event, status: g._id.status, points: g.points })));
  const recent = (await db.collection('dutyPoints').where({ deputyId }).orderBy('at', 'desc').orderBy('_id', 'desc').limit(30).get()).data.map(toPointItem);
  return {
    deputy: { _id: deputy._id, name: deputy.name, stationId: deputy.stationId, stationName: station?.name ?? '', level: deputy.level ?? '', specialties: deputy.specialties ?? [] },
    appeals: { assigned, in_progress: inProgress, replied, closed, overdueNow },
    points,
    recent,
  };
}

export const main = defineFunction('deputy', {
  record: action({
    input: recordInput,
    roles: ['deputy', 'staff'],
    run: async (input, ctx) => {
      // A deputy sees their own record; staff may open anyone's.
      const deputyId = ctx.user.role === 'staff' ? input.deputyId : deputyIdOf(ctx);
      if (!deputyId) throw new AppError('INVALID_ARGUMENT', '请选择代表');
      return dutyRecord(ctx.db, deputyId);
    },
  }),
  queue: action({
    input: deputyQueueInput,
    roles: ['deputy'],
    run: async (input, ctx) => {
      const deputyId = deputyIdOf(ctx);
      const appeals = ctx.db.collection('appeals');
      // 待受理 and 办理中 are worked in order of urgency: the nearest deadline first (indexes
      // assignee_status_acceptDeadline / _replyDeadline). Without a status, or for the finished tabs: the latest
      // change first, on (assigneeDeputyId[, status], updatedAt, _id); an appeal only carries assigneeDeputyId
      // once it has landed with a deputy.
      const statusFilter = input.status ? { status: input.status } : {};
      const urgent = input.status === 'assigned' ? 'acceptDeadline' : input.status === 'in_progress' ? 'replyDeadline' : null;
      const page = await pageByTime(ctx.db, (extra) => appeals.where({ assigneeDeputyId: deputyId, ...statusFilter, ...extra }), urgent ?? 'updatedAt', input.cursor, urgent ? 'asc' : 'desc');
      const counts: Record<string, number> = {};
      await Promise.all(QUEUE_STATUSES.map(async (s) => { counts[s] = (await appeals.where({ assigneeDeputyId: deputyId, status: s }).count()).total; }));
      const view: ItemView = { audience: 'deputy', now: ctx.now(), calendar: await loadCalendar(ctx.db) };
      return { items: page.docs.map((d) => toListItem(d as unknown as AppealDoc, view)), counts, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  }),
  /** The deputy's 首页: counts, what is due today, what is overdue, and the most urgent few. */
  home: action({
    input: v.object({ action: v.literal('home') }),
    roles: ['deputy'],
    run: async (_input, ctx): Promise<DeputyHome> => {
      const deputyId = deputyIdOf(ctx);
      const appeals = ctx.db.collection('appeals');
      const now = ctx.now();
      const calendar = await loadCalendar(ctx.db);
      const counts: Record<string, number> = {};
      await Promise.all(QUEUE_STATUSES.map(async (s) => { counts[s] = (await appeals.where({ assigneeDeputyId: deputyId, status: s }).count()).total; }));
      // A deputy holds few open appeals at a time: 100 are plenty to rank.
      const open = (await appeals.where({ assigneeDeputyId: deputyId, status: ctx.db.command.in(['assigned', 'in_progress']) }).limit(100).get()).data as unknown as AppealDoc[];
      const view: ItemView = { audience: 'deputy', now, calendar };
      const ranked = open.map((a) => toListItem(a, view)).sort((a, b) => byUrgency(a.deadline, b.deadline));
      const today = chinaDay(now);
      const dueToday = ranked.filter((i) => i.deadline && i.deadline.daysLate === 0 && chinaDay(i.deadline.due) === today).length;
      const overdue = ranked.filter((i) => i.overdue || (i.deadline?.daysLate ?? 0) > 0).length;
      return { counts: counts as DeputyHome['counts'], dueToday, overdue, urgent: ranked.slice(0, 3) };
    },
  }),
  accept: action({
    input: appealIdInput('accept'),
    roles: ['deputy'],
    run: (input, ctx) =>
      act(ctx, input.id, 'accept', '代表已受理', (a) => {
        const at = ctx.now();
        // Accepting settles the acceptance stage; the reply deadline still stands.
        const replyLate = !!a.replyDeadline && at > new Date(a.replyDeadline);
        return { acceptedAt: at, overdue: replyLate, nextSupervisionAt: replyLate ? at : (a.replyDeadline ?? null) } as Partial<AppealDoc>;
      }, () => '代表已受理您的诉求，正在办理。', '代表已受理您的诉求'),
  }),
  progress: action({
    input: progressInput,
    roles: ['deputy'],
    run: (input, ctx) => act(ctx, input.id, 'progress', input.note, () => ({}), () => `办理进展：${input.note}`, '代表更新了办理进展'),
  }),
  transfer: action({
    input: transferInput,
    roles: ['deputy'],
    run: (input, ctx) =>
      act(ctx, input.id, 'transfer', `交办${input.department}：${input.note}`, (a) => ({ transfers: [...a.transfers, { department: input.department, note: input.note, at: ctx.now() }] }), () => `代表已将您的诉求交办给${input.department}，将持续跟进。`, `代表已交办${input.department}`),
  }),
  reply: action({
    input: replyInput,
    roles: ['deputy'],
    run: async (input, ctx) => {
      // Replies are shown to the resident and may reach the public echo wall: checked like any text.
      if ((await checkText(ctx.cloud, ctx.openid, input.content, 2)).verdict === 'risky') throw new AppError('CONTENT_REJECTED', '答复内容未通过安全检查，请修改后再提交');
      return act(
        ctx, input.id, 'reply', `【${RESOLUTION_LABELS[input.resolution]}】${input.content}`,
        () => ({ reply: { content: input.content, at: ctx.now(), resolution: input.resolution, deputyId: deputyIdOf(ctx) }, resolution: input.resolution, repliedAt: ctx.now(), overdue: false, nextSupervisionAt: null }) as Partial<AppealDoc>,
        () => `代表已答复（${RESOLUTION_LABELS[input.resolution]}），请查看并评价。`,
      );
    },
  }),
});

export type DeputyQueueStatus = v.InferOutput<typeof deputyQueueInput>['status'];
