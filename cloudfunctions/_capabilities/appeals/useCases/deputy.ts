/** What a deputy does with the appeals they hold: their queue, accept, progress, 交办, reply. */
import { appealManifest } from '../../../../contracts/appeal.manifest';
import type { AppealChangeResult, DeputyQueueStatus } from '../../../../contracts/appeal';
import { decideAppeal, type AppealInput } from '../../../../domain/appeals/commands';
import { statusLabel } from '../../../../domain/appeals/labels';
import { screen } from '../../../../domain/contentCheck';
import { checkTexts } from '../../../_platform/contentCheck';
import { findById } from '../../../_platform/db';
import { AppError, orRefuse } from '../../../_platform/errors';
import { useCase, type ActionContext } from '../../../_platform/handler';
import { deliverSoon } from '../../../_platform/outbox';
import { pageByTime } from '../../../_platform/paging';
import type { AppealDoc } from '../model';
import { holdText } from '../../moderation/held';
import { handlingDeputy } from '../permissions';
import { toListItem } from '../views';
import { changeAppeal } from '../writer';

const spec = appealManifest.deputy;
const QUEUE_STATUSES: readonly DeputyQueueStatus[] = ['assigned', 'in_progress', 'replied', 'closed'];

/** One deputy command, decided in the writer's transaction on the appeal as it is. */
const actorOf = (ctx: ActionContext) => ({ kind: 'person' as const, openid: ctx.user.openid, role: ctx.user.role, ...(ctx.user.deputyId ? { deputyId: ctx.user.deputyId } : {}) });

async function act(ctx: ActionContext, id: string, input: AppealInput): Promise<AppealChangeResult> {
  const at = ctx.now();
  const actor = actorOf(ctx);
  const { appeal, noticeIds } = await changeAppeal(ctx.db, id, (a) => decideAppeal(a, actor, input, { now: at }), { source: 'app', at });
  await deliverSoon(ctx.db, ctx.cloud, noticeIds, at);
  return { _id: appeal._id, status: appeal.status, statusLabel: statusLabel(appeal.status, appeal) };
}

export const queue = useCase(spec.queue, {
  permission: handlingDeputy,
  run: async (input, { db, user }) => {
    const deputyId = user.deputyId!;
    const appeals = db.collection('appeals');
    // Without a status: everything the deputy holds, on index (assigneeDeputyId, updatedAt, _id);
    // an appeal only carries assigneeDeputyId once it has landed with a deputy.
    const statusFilter = input.status ? { status: input.status } : {};
    const page = await pageByTime(db, (extra) => appeals.where({ assigneeDeputyId: deputyId, ...statusFilter, ...extra }), 'updatedAt', input.cursor);
    const counts = {} as Record<DeputyQueueStatus, number>;
    await Promise.all(QUEUE_STATUSES.map(async (s) => { counts[s] = (await appeals.where({ assigneeDeputyId: deputyId, status: s }).count()).total; }));
    return { items: page.docs.map((d) => toListItem(d as unknown as AppealDoc)), counts, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
});

export const accept = useCase(spec.accept, { permission: handlingDeputy, run: (input, ctx) => act(ctx, input.id, { command: 'accept' }) });

type TextCommand = Extract<AppealInput, { command: 'progress' | 'transfer' | 'reply' }>;

/**
 * A command carrying text the resident reads (and, for a reply, maybe the public): checked first. Risky is
 * refused; review or an unavailable check holds it for staff — nothing is written or sent until released.
 * A command that would be refused anyway (not theirs, wrong status) is refused before any check.
 */
async function actWithText(ctx: ActionContext, id: string, kind: 'appeal.reply' | 'appeal.progress' | 'appeal.transfer', parts: [string, string][], input: TextCommand): Promise<AppealChangeResult> {
  const current = (await findById(ctx.db, 'appeals', id)) as AppealDoc | null;
  if (!current) throw new AppError('NOT_FOUND', '没有找到这条诉求');
  orRefuse(decideAppeal(current, actorOf(ctx), input, { now: ctx.now() }));
  const { verdict } = await checkTexts(ctx.cloud, ctx.openid, parts);
  if (orRefuse(screen(kind, verdict)).path === 'publish') return act(ctx, id, input);
  const held = await holdText(ctx.db, { kind, entityType: 'appeal', entityId: id, label: current.trackingNo, authorOpenid: ctx.openid, text: parts.map(([label, t]) => (label ? `${label}：${t}` : t)).join('\n'), payload: input, verdict, at: ctx.now() });
  return { _id: current._id, status: current.status, statusLabel: statusLabel(current.status, current), ...held };
}

export const progress = useCase(spec.progress, {
  permission: handlingDeputy,
  run: (input, ctx) => actWithText(ctx, input.id, 'appeal.progress', [['', input.note]], { command: 'progress', note: input.note }),
});

export const transfer = useCase(spec.transfer, {
  permission: handlingDeputy,
  run: (input, ctx) => actWithText(ctx, input.id, 'appeal.transfer', [['交办部门', input.department], ['交办说明', input.note]], { command: 'transfer', department: input.department, note: input.note }),
});

/** Replies are shown to the resident and may reach the public echo wall: checked like any text. */
export const reply = useCase(spec.reply, {
  permission: handlingDeputy,
  run: (input, ctx) => actWithText(ctx, input.id, 'appeal.reply', [['', input.content]], { command: 'reply', content: input.content, resolution: input.resolution }),
});
