/** What a deputy does with the appeals they hold: their queue, accept, progress, 交办, reply. */
import { appealManifest } from '../../../../contracts/appeal.manifest';
import type { AppealChangeResult, DeputyQueueStatus } from '../../../../contracts/appeal';
import { decideAppeal, type AppealInput } from '../../../../domain/appeals/commands';
import { statusLabelFor } from '../../../../domain/appeals/labels';
import { byUrgency } from '../../../../domain/appeals/deadlines';
import { chinaDay } from '../../../../domain/time';
import type { DeputyHome } from '../../../../contracts/duty';
import { loadCalendar } from '../../../_platform/calendar';
import { screen } from '../../../../domain/contentCheck';
import { checkTexts } from '../../../_platform/contentCheck';
import { findById } from '../../../_platform/db';
import { AppError, orRefuse } from '../../../_platform/errors';
import { useCase, type ActionContext } from '../../../_platform/handler';
import { pageByTime } from '../../../_platform/paging';
import { forget, warm } from '../../../_platform/warm';
import type { AppealDoc } from '../model';
import { holdText } from '../../moderation/held';
import { handlingDeputy } from '../permissions';
import { toListItem, type ItemView } from '../views';
import { changeAppeal } from '../writer';
import { tellSupportersOfReply } from '../../suggestions/outcomes';

const spec = appealManifest.deputy;
const QUEUE_STATUSES: readonly DeputyQueueStatus[] = ['assigned', 'in_progress', 'replied', 'closed'];

/** One deputy command, decided in the writer's transaction on the appeal as it is. */
const actorOf = (ctx: ActionContext) => ({ kind: 'person' as const, openid: ctx.user.openid, role: ctx.user.role, ...(ctx.user.deputyId ? { deputyId: ctx.user.deputyId } : {}) });

async function act(ctx: ActionContext, id: string, input: AppealInput): Promise<{ result: AppealChangeResult; written: AppealDoc }> {
  const at = ctx.now();
  const actor = actorOf(ctx);
  const { appeal } = await changeAppeal(ctx.db, id, (a) => decideAppeal(a, actor, input, { now: at }), { source: 'app', at });
  if (ctx.user.deputyId) forget(countsKey(ctx.user.deputyId));
  return { result: { _id: appeal._id, status: appeal.status, statusLabel: statusLabelFor(appeal.status, appeal, 'deputy') }, written: appeal };
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

/**
 * The count of each tab, in one aggregation of the open ones and an index count of 已办结, kept in the warm
 * instance for a short while (LXQ_WARM_CACHE_MS): the counts of a deputy who holds thousands of appeals are
 * not recounted on every page. A change this instance makes to the deputy's appeals forgets them at once
 * (act below); one made elsewhere (a new assignment, a resident's rating) shows within the expiry.
 */
const countsKey = (deputyId: string) => `queue:counts:${deputyId}`;

function queueCounts(db: ActionContext['db'], deputyId: string): Promise<Record<DeputyQueueStatus, number>> {
  return warm(countsKey(deputyId), async () => {
    const _ = db.command;
    const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, 0])) as Record<DeputyQueueStatus, number>;
    const open = QUEUE_STATUSES.filter((s) => s !== 'closed');
    const [groups, closed] = await Promise.all([
      db.collection('appeals').aggregate().match({ assigneeDeputyId: deputyId, status: _.in([...open]) }).group({ _id: '$status', n: _.aggregate.sum(1) }).limit(10).end(),
      db.collection('appeals').where({ assigneeDeputyId: deputyId, status: 'closed' }).count(),
    ]);
    for (const g of groups.list as { _id: DeputyQueueStatus; n: number }[]) counts[g._id] = g.n;
    counts.closed = closed.total;
    return counts;
  });
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

export const accept = useCase(spec.accept, { permission: handlingDeputy, run: async (input, ctx) => (await act(ctx, input.id, { command: 'accept' })).result });

type TextCommand = Extract<AppealInput, { command: 'progress' | 'transfer' | 'reply' }>;

/**
 * A command carrying text the resident reads (and, for a reply, maybe the public): checked first. Risky is
 * refused; review or an unavailable check holds it for staff — nothing is written or sent until released.
 * Passed text goes straight to the writer's transaction, which decides on the appeal as it is; text to hold
 * is held only for a command the deputy may give (the appeal is read for that, on this rarer path only).
 */
async function actWithText(ctx: ActionContext, id: string, kind: 'appeal.reply' | 'appeal.progress' | 'appeal.transfer', parts: [string, string][], input: TextCommand): Promise<{ result: AppealChangeResult; written?: AppealDoc }> {
  const { verdict } = await checkTexts(ctx.cloud, ctx.openid, parts);
  if (orRefuse(screen(kind, verdict)).path === 'publish') return act(ctx, id, input);
  const current = (await findById(ctx.db, 'appeals', id)) as AppealDoc | null;
  if (!current) throw new AppError('NOT_FOUND', '没有找到这条诉求');
  orRefuse(decideAppeal(current, actorOf(ctx), input, { now: ctx.now() }));
  const held = await holdText(ctx.db, { kind, entityType: 'appeal', entityId: id, label: current.trackingNo, authorOpenid: ctx.openid, text: parts.map(([label, t]) => (label ? `${label}：${t}` : t)).join('\n'), payload: input, verdict, at: ctx.now() });
  return { result: { _id: current._id, status: current.status, statusLabel: statusLabelFor(current.status, current, 'deputy'), ...held } };
}

export const progress = useCase(spec.progress, {
  permission: handlingDeputy,
  run: async (input, ctx) => (await actWithText(ctx, input.id, 'appeal.progress', [['', input.note]], { command: 'progress', note: input.note })).result,
});

export const transfer = useCase(spec.transfer, {
  permission: handlingDeputy,
  run: async (input, ctx) => (await actWithText(ctx, input.id, 'appeal.transfer', [['交办部门', input.department], ['交办说明', input.note]], { command: 'transfer', department: input.department, note: input.note })).result,
});

/** Replies are shown to the resident and may reach the public echo wall: checked like any text. */
export const reply = useCase(spec.reply, {
  permission: handlingDeputy,
  run: async (input, ctx) => {
    const { result, written } = await actWithText(ctx, input.id, 'appeal.reply', [['', input.content]], { command: 'reply', content: input.content, resolution: input.resolution });
    // A reply held for review has reached nobody yet: its supporters hear when staff release it (held.ts).
    if (written) await tellSupportersOfReply(ctx.db, written, ctx.now());
    return result;
  },
});
