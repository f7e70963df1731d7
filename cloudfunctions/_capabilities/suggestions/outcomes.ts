/** What a case's supporters hear when its deputy answers it (the appeal's own reply, not a suggestion's). */
import { RESOLUTION_LABELS } from '../../../domain/appeals/labels';
import { redactForPublic } from '../../../domain/appeals/redact';
import { findById } from '../../_platform/db';
import type { ActionContext } from '../../_platform/handler';
import { deliverSoon } from '../../_platform/outbox';
import type { AppealDoc } from '../appeals/model';
import { tellSupporters } from './supporters';

export async function tellSupportersOfReply(ctx: ActionContext, appealId: string): Promise<void> {
  const a = (await findById(ctx.db, 'appeals', appealId)) as AppealDoc | null;
  if (!a?.reply || a.status !== 'replied') return;
  const at = ctx.now();
  const label = RESOLUTION_LABELS[a.reply.resolution];
  const ids = await tellSupporters(ctx.db, a, { key: `reply-${a.version}`, phrase: '已答复', headline: '您附议的问题有了答复', body: `代表的答复（${label}）：${redactForPublic(a.reply.content, [a.contact?.name ?? ''])}` }, at);
  await deliverSoon(ctx.db, ctx.cloud, ids, at);
}
