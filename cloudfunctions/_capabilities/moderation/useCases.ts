/** Staff's review queue of held text and images: list, then release (apply as written) or refuse with a reason. */
import { moderationManifest } from '../../../contracts/moderation.manifest';
import type { HeldItem } from '../../../contracts/moderation';
import { decideImage } from '../../../domain/contentCheck';
import { decideHeld as decide, HELD_KIND_LABELS, type HeldKind } from '../../../domain/moderation/held';
import { findById } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { useCase } from '../../_platform/handler';
import { pageByTime, pageResult } from '../../_platform/paging';
import { staffMember } from '../../_platform/permissions';
import { releaseAppealText } from '../appeals/held';
import { releaseMilestone } from '../ballots/milestones';
import type { Releaser } from './held';
import { tellAuthor } from './notices';
import { findHeld, markHeldFailed, settleHeld, settleMedia, type HeldDoc, type MediaDoc } from './writer';

const spec = moderationManifest.staff;
const iso = (d: unknown) => new Date(d as string).toISOString();

const releaseImage: Releaser = async (entry, { db, now }) => {
  const m = (await findById(db, 'media', entry.entityId)) as unknown as MediaDoc | null;
  if (!m) throw new AppError('NOT_FOUND', '没有找到这张图片');
  const to = orRefuse(decideImage(m.check, 'release')).to;
  await settleMedia(db, m._id, to, now(), ['checking', 'review', 'error']);
};

const RELEASERS: Record<HeldKind, Releaser> = {
  'appeal.reply': releaseAppealText,
  'appeal.progress': releaseAppealText,
  'appeal.transfer': releaseAppealText,
  'appeal.rating_comment': releaseAppealText,
  'project.milestone': releaseMilestone,
  image: releaseImage,
};

const toItem = (h: HeldDoc): HeldItem => ({
  _id: h._id, kind: h.kind, kindLabel: HELD_KIND_LABELS[h.kind], entityType: h.entityType, entityId: h.entityId, label: h.label, text: h.text,
  ...(h.kind === 'image' ? { fileId: h.text } : {}), verdict: h.verdict, createdAt: iso(h.createdAt),
});

export const heldContent = useCase(spec.heldContent, {
  permission: staffMember,
  run: async (input, { db }) => {
    const page = await pageByTime(db, (extra) => db.collection('heldContent').where({ status: 'held', ...extra }), 'createdAt', input.cursor, 'asc');
    return pageResult(page.docs.map((d) => toItem(d as unknown as HeldDoc)), page.nextCursor);
  },
});

export const decideHeld = useCase(spec.decideHeld, {
  permission: staffMember,
  run: async (input, { db, cloud, user, now }) => {
    const entry = await findHeld(db, input.id);
    if (!entry) throw new AppError('NOT_FOUND', '没有找到这条待审内容');
    const decision = orRefuse(decide(entry, input.decision, input.reason));
    const at = now();
    // Settled first, so two staff members can never apply one entry twice.
    await settleHeld(db, entry, decision.to, user.openid, at, input.reason);
    if (decision.notice) {
      if (entry.kind === 'image') await settleMedia(db, entry.entityId, 'risky', at, ['checking', 'review', 'error']);
      await tellAuthor(db, entry, decision.notice.title, decision.notice.body, at);
      return { _id: entry._id, status: 'refused' as const };
    }
    try {
      await RELEASERS[entry.kind](entry, { db, cloud, now, staff: user });
      return { _id: entry._id, status: 'released' as const };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await markHeldFailed(db, entry._id, err.message);
      return { _id: entry._id, status: 'failed' as const, reason: err.message };
    }
  },
});
