/** What a case's supporters hear when its deputy answers it (the appeal's own reply, not a suggestion's). */
import { RESOLUTION_LABELS } from '../../../domain/appeals/labels';
import { redactForPublic } from '../../../domain/appeals/redact';
import type { Db } from '../../_platform/db';
import type { AppealDoc } from '../appeals/model';
import { tellSupporters } from './supporters';

/** `a` as the reply's transaction wrote it (no second read). */
export async function tellSupportersOfReply(db: Db, a: AppealDoc, at: Date): Promise<void> {
  if (!a.reply || a.status !== 'replied') return;
  const label = RESOLUTION_LABELS[a.reply.resolution];
  await tellSupporters(db, a, { key: `reply-${a.version}`, phrase: '已答复', headline: '您附议的问题有了答复', body: `代表的答复（${label}）：${redactForPublic(a.reply.content, [a.contact?.name ?? ''])}` }, at);
}
