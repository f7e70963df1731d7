/** What a deputy does with the appeals they hold: their queue, accept, progress, 交办, reply. */
import { appealManifest } from '../../../../contracts/appeal.manifest';
import type { AppealChangeResult, DeputyQueueStatus } from '../../../../contracts/appeal';
import { decideAppeal, type AppealInput } from '../../../../domain/appeals/commands';
import { statusLabel } from '../../../../domain/appeals/labels';
import { contentPath } from '../../../../domain/contentCheck';
import { checkText } from '../../../_platform/contentCheck';
import { AppError } from '../../../_platform/errors';
import { useCase, type ActionContext } from '../../../_platform/handler';
import { deliverSoon } from '../../../_platform/outbox';
import { pageByTime } from '../../../_platform/paging';
import type { AppealDoc } from '../model';
import { handlingDeputy } from '../permissions';
import { toListItem } from '../views';
import { changeAppeal } from '../writer';

const spec = appealManifest.deputy;
const QUEUE_STATUSES: readonly DeputyQueueStatus[] = ['assigned', 'in_progress', 'replied', 'closed'];

/** One deputy command, decided in the writer's transaction on the appeal as it is. */
async function act(ctx: ActionContext, id: string, input: AppealInput): Promise<AppealChangeResult> {
  const at = ctx.now();
  const actor = { kind: 'person' as const, openid: ctx.user.openid, role: ctx.user.role, ...(ctx.user.deputyId ? { deputyId: ctx.user.deputyId } : {}) };
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
    return act(ctx, input.id, { command: 'reply', content: input.content, resolution: input.resolution });
  },
});
