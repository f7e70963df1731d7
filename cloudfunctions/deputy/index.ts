import * as v from 'valibot';
import { deputyQueueInput, progressInput, replyInput, transferInput, appealIdInput } from '../../contracts/appeal';
import { RESOLUTION_LABELS, statusLabel } from '../../domain/appeals/labels';
import { applyAppealCommand, toListItem, type AppealDoc } from '../_lib/appeals';
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

async function act(ctx: ActionContext, id: string, command: 'accept' | 'progress' | 'transfer' | 'reply', note: string, patch: (a: AppealDoc) => Partial<AppealDoc>, notifyBody?: (a: AppealDoc) => string) {
  deputyIdOf(ctx);
  const at = ctx.now();
  const { appeal, noticeIds } = await applyAppealCommand(ctx.db, {
    id, command, user: ctx.user, source: 'app', at, note, patch,
    notices: (a) => (notifyBody ? [statusNotice(a, notifyBody(a))] : []),
  });
  await deliverSoon(ctx.db, ctx.cloud, noticeIds, at);
  return { _id: appeal._id, status: appeal.status, statusLabel: statusLabel(appeal.status, appeal) };
}

export const main = defineFunction('deputy', {
  queue: action({
    input: deputyQueueInput,
    roles: ['deputy'],
    run: async (input, ctx) => {
      const deputyId = deputyIdOf(ctx);
      const _ = ctx.db.command;
      const appeals = ctx.db.collection('appeals');
      // Without a status: everything the deputy holds, on index (assigneeDeputyId, updatedAt, _id);
      // an appeal only carries assigneeDeputyId once it has landed with a deputy.
      const statusFilter = input.status ? { status: input.status } : {};
      const page = await pageByTime(ctx.db, (extra) => appeals.where({ assigneeDeputyId: deputyId, ...statusFilter, ...extra }), 'updatedAt', input.cursor);
      const counts: Record<string, number> = {};
      await Promise.all(QUEUE_STATUSES.map(async (s) => { counts[s] = (await appeals.where({ assigneeDeputyId: deputyId, status: s }).count()).total; }));
      return { items: page.docs.map((d) => toListItem(d as unknown as AppealDoc)), counts, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
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
      }, () => '代表已受理您的诉求，正在办理。'),
  }),
  progress: action({
    input: progressInput,
    roles: ['deputy'],
    run: (input, ctx) => act(ctx, input.id, 'progress', input.note, () => ({}), () => `办理进展：${input.note}`),
  }),
  transfer: action({
    input: transferInput,
    roles: ['deputy'],
    run: (input, ctx) =>
      act(ctx, input.id, 'transfer', `交办${input.department}：${input.note}`, (a) => ({ transfers: [...a.transfers, { department: input.department, note: input.note, at: ctx.now() }] }), () => `代表已将您的诉求交办给${input.department}，将持续跟进。`),
  }),
  reply: action({
    input: replyInput,
    roles: ['deputy'],
    run: (input, ctx) =>
      act(
        ctx, input.id, 'reply', `【${RESOLUTION_LABELS[input.resolution]}】${input.content}`,
        () => ({ reply: { content: input.content, at: ctx.now(), resolution: input.resolution, deputyId: deputyIdOf(ctx) }, resolution: input.resolution, repliedAt: ctx.now(), overdue: false, nextSupervisionAt: null }) as Partial<AppealDoc>,
        () => `代表已答复（${RESOLUTION_LABELS[input.resolution]}），请查看并评价。`,
      ),
  }),
});

export type DeputyQueueStatus = v.InferOutput<typeof deputyQueueInput>['status'];
