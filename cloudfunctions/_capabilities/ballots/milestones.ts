/**
 * 政府买单: a delivery milestone staff record on a project, and the notice to every follower. Its text is
 * public, so it is moderated: a milestone held for review is applied here once staff release it.
 */
import { recordProgress } from '../../../domain/projects/commands';
import type { Db, Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import type { Notice } from '../../_platform/outbox';
import type { getCloud } from '../../_platform/cloud';
import type { Releaser } from '../moderation/held';
import { findById } from '../../_platform/db';
import { writeProgress, writeProjectEffects } from './projectWriter';

export interface MilestoneInput {
  percent: number;
  milestone: string;
  photos: string[];
  /** ISO date the work was done, if given. */
  date?: string;
}

/** Record the milestone and tell the followers (the progress use case, or a release from the held queue). */
/** Every follower of a project, keyset-paged on (projectId, openid): none is left without the notice. */
async function allFollowers(db: Db, projectId: string): Promise<Doc[]> {
  const out: Doc[] = [];
  for (;;) {
    const last = out[out.length - 1];
    const page = (await db.collection('follows').where({ projectId, ...(last ? { openid: db.command.gt(last.openid) } : {}) }).orderBy('openid', 'asc').limit(100).get()).data;
    out.push(...page);
    if (page.length < 100) return out;
  }
}

export async function applyProgress(db: Db, cloud: ReturnType<typeof getCloud>, projectId: string, input: MilestoneInput, staff: { openid: string }, at: Date) {
  const p = await findById(db, 'projects', projectId);
  if (!p) throw new AppError('NOT_FOUND', '没有找到这个项目');
  const outcome = orRefuse(recordProgress({ percent: p.percent }, input.percent, input.milestone, staff));
  // No staff openid on a public document: who recorded it is in the audit trail.
  const milestone = { percent: input.percent, milestone: input.milestone, photos: input.photos, date: input.date ? new Date(input.date) : at, at };
  await writeProgress(db, p._id, input.percent, outcome.status, milestone, at);
  const followers = await allFollowers(db, p._id);
  const notices: Notice[] = followers.map((f) => ({ toOpenid: f.openid, template: 'appealStatus', values: { trackingNo: p._id, status: outcome.phrase, summary: p.title, time: at }, title: `「${p.title}」进度 ${input.percent}%`, body: input.milestone, dedupeKey: `project-${p._id}-${input.percent}-${f._id}` }));
  await writeProjectEffects(db, p._id, [outcome.audit], notices, at);
  // The first pushes go out at once; the notify timer delivers the rest (all are queued).
  return { projectId: p._id, percent: input.percent, status: outcome.status, notified: followers.length };
}

export const releaseMilestone: Releaser = async (entry, { db, cloud, now }) => {
  await applyProgress(db, cloud, entry.entityId, entry.payload as unknown as MilestoneInput, { openid: entry.authorOpenid }, now());
};
