/**
 * Appeal text held for staff (moderation): a deputy's reply, progress or transfer note, a resident's rating
 * comment. Released, it is applied through the same domain command and writer, as its author asked — and
 * refused like any command if the appeal has moved on (another reply, a reassignment).
 */
import { decideAppeal, type AppealInput } from '../../../domain/appeals/commands';
import { attachRatingComment } from '../../../domain/appeals/rating';
import { AppError } from '../../_platform/errors';
import type { Releaser } from '../moderation/held';
import { tellSupportersOfReply } from '../suggestions/outcomes';
import { changeAppeal } from './writer';

export const releaseAppealText: Releaser = async (entry, { db, now, staff }) => {
  const at = now();
  if (entry.kind === 'appeal.rating_comment') {
    const comment = String(entry.payload.comment ?? '');
    await changeAppeal(db, entry.entityId, (a) => attachRatingComment(a, comment, staff.openid), { source: 'app', at });
    return;
  }
  // The author as they are now: a deputy who lost the roster entry since may no longer act on it.
  const author = (await db.collection('users').where({ openid: entry.authorOpenid }).limit(1).get()).data[0];
  if (!author) throw new AppError('FAILED_PRECONDITION', '提交人的账号已不存在');
  const actor = { kind: 'person' as const, openid: entry.authorOpenid, role: author.role, ...(author.deputyId ? { deputyId: author.deputyId as string } : {}) };
  const input = entry.payload as unknown as AppealInput;
  const { appeal } = await changeAppeal(db, entry.entityId, (a) => decideAppeal(a, actor, input, { now: at }), { source: 'app', at });
  if (input.command === 'reply') await tellSupportersOfReply(db, appeal, at);
};
