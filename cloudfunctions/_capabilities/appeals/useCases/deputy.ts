/** What a deputy does with the appeals they hold: their queue, accept, progress, 交办, reply. */
import { appealManifest } from '../../../../contracts/appeal.manifest';
import type { AppealChangeResult, DeputyQueueStatus } from '../../../../contracts/appeal';
import { decideAppeal, type AppealInput } from '../../../../domain/appeals/commands';
import { statusLabelFor } from '../../../../domain/appeals/labels';
import { byUrgency } from '../../../../domain/appeals/deadlines';
import { chinaDay } from '../../../../domain/time';
import type { DeputyHome } from '../../../../contracts/duty';
import { loadCalendar } from '../../../_platform/calendar';
import { contentPath } from '../../../../domain/contentCheck';
import { checkText } from '../../../_platform/contentCheck';
import { AppError } from '../../../_platform/errors';
import { useCase, type ActionContext } from '../../../_platform/handler';
import { deliverSoon } from '../../../_platform/outbox';
import { pageByTime } from '../../../_platform/paging';
import type { AppealDoc } from '../model';
import { handlingDeputy } from '../permissions';
import { toListItem, type ItemView } from '../views';
import { changeAppeal } from '../writer';
import { tellSupportersOfReply } from '../../suggestions/outcomes';

const spec = appealManifest.deputy;
const QUEUE_STATUSES: readonly DeputyQueueStatus[] = ['assigned', 'in_progress', 'replied', 'closed'];

/** One deputy command, decided in the writer's transaction on the appeal as it is. */
async function act(ctx: ActionContext, id: string, input: AppealInput): Promise<AppealChangeResult> {
  const at = ctx.now();
  const actor = { kind: 'person' as const, openid: ctx.user.openid, role: ctx.user.role, ...(ctx.user.deputyId ? { deputyId: ctx.user.deputyId } : {}) };
  const { appeal, noticeIds } = await changeAppeal(ctx.db, id, (a) => decideAppeal(a, actor, input, { now: at }), { source: 'app', at });
  await deliverSoon(ctx.db, ctx.cloud, noticeIds, at);
  return { _id: appeal._id, status: appeal.status, statusLabel: statusLabelFor(appeal.status, appeal, 'deputy') };
}

export const queue = useCase(spec.queue, {
  permission: handlingDeputy,
  run: async (input, { db, user, now }) => {
    const deputyId = user.deputyId!;
    const appeals = db.collection('appeals');
    // 待受理 and 办理中 are worked in order of urgency: the nearest deadline first (indexes
    // assignee_status_acceptDeadline / _replyDeadline). Without a status, or for the finished tabs: the latest
    // change first, on (assigneeDeputyId[, status], updatedAt, _id); an appeal only carries assigneeDeputyId
    // once it has landed with a deputy.
    const statusFilter = input.status ? { status: input.status } : {};
    const urgent = input.status === 'assigned' ? 'acceptDeadline' : input.status === 'in_progress' ? 'replyDeadline' : null;
    const page = await pageByTime(db, (extra) => appeals.where({ assigneeDeputyId: deputyId, ...statusFilter, ...extra }), urgent ?? 'updatedAt', input.cursor, urgent ? 'asc' : 'desc');
    const [counts, calendar] = await Promise.all([queueCounts(db, deputyId), loadCalendar(db)]);
    const view: ItemView = { audience: 'deputy', now: now(), calendar };
    return { items: page.docs.map((d) => toListItem(d as unknown as AppealDoc, view)), counts, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
});

/** The count of each tab in one request (a count per status would be a round trip each). */
async function queueCounts(db: ActionContext['db'], deputyId: string): Promise<Record<DeputyQueueStatus, number>> {
  const _ = db.command;
  const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, 0])) as Record<DeputyQueueStatus, number>;
  const groups: { _id: DeputyQueueStatus; n: number }[] = (
    await db.collection('appeals').aggregate().match({ assigneeDeputyId: deputyId, status: _.in([...QUEUE_STATUSES]) }).group({ _id: '$status', n: _.aggregate.sum(1) }).limit(10).end()
  ).list;
  for (const g of groups) counts[g._id] = g.n;
  return counts;
}

/** The deputy's 首页: counts, what is due today, what is overdue, and the most urgent few. */
export const home = useCase(spec.home, {
  permission: handlingDeputy,
  run: async (_input, { db, user, now }): Promise<DeputyHome> => {
    const deputyId = user.deputyId!;
    const at = now();
    const calendar = await loadCalendar(db);
    const counts = await queueCounts(db, deputyId);
    // A deputy holds few open appeals at a time: 100 are plenty to rank.
    const open = (await db.collection('appeals').where({ assigneeDeputyId: deputyId, status: db.command.in(['assigned', 'in_progress']) }).limit(100).get()).data as unknown as AppealDoc[];
    const view: ItemView = { audience: 'deputy', now: at, calendar };
    const ranked = open.map((a) => toListItem(a, view)).sort((a, b) => byUrgency(a.deadline, b.deadline));
    const today = chinaDay(at);
    const dueToday = ranked.filter((i) => i.deadline && i.deadline.daysLate === 0 && chinaDay(i.deadline.due) === today).length;
    const overdue = ranked.filter((i) => i.overdue || (i.deadline?.daysLate ?? 0) > 0).length;
    return { counts, dueToday, overdue, urgent: ranked.slice(0, 3) };
  },
});

export const accept = useCase(spec.accept, { permission: handlingDeputy, run: (input, ctx) => act(ctx, input.id, { command: 'accept' }) });

export const progress = useCase(spec.progress, { permission: handlingDeputy, run: (input, ctx) => act(ctx, input.id, { command: 'progress', note: input.note }) });

export const transfer = useCase(spec.transfer, {
  permission: handlingDeputy,
  run: (input, ctx) => act(ctx, input.id, { command: 'transfer', department: input.department, note: input.note }),
});

export const reply = useCase(spec.reply, {
  permission: handlingDeputy,
  run: async (input, ctx) => {
    // Replies are shown to the resident and may reach the public echo wall: checked like any text.
    if (contentPath((await checkText(ctx.cloud, ctx.openid, input.content, 2)).verdict) === 'refuse') throw new AppError('CONTENT_REJECTED', '答复内容未通过安全检查，请修改后再提交');
    const answered = await act(ctx, input.id, { command: 'reply', content: input.content, resolution: input.resolution });
    await tellSupportersOfReply(ctx, input.id);
    return answered;
  },
});
