/** What people see of suggestions and public cases. */
import type { PublicCase, SuggestionDetail, SuggestionItem, SuggestionStepView } from '../../../contracts/suggestion';
import { statusLabel } from '../../../domain/appeals/labels';
import { mayHandle, nextStep, STEP_FROM, SUGGESTION_STATUS_LABELS, type SuggestionActor, type SuggestionStep } from '../../../domain/suggestions/lifecycle';
import { auditTrail, TRAIL_MAX } from '../../_platform/audit';
import { findByIdWith, type Db, type Doc } from '../../_platform/db';
import type { AppealDoc } from '../appeals/model';
import { summaryOf } from '../appeals/views';

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

export const toSuggestionItem = (s: Doc): SuggestionItem => ({
  _id: s._id, code: s.code, title: s.title, department: s.department, status: s.status, statusLabel: SUGGESTION_STATUS_LABELS[s.status as keyof typeof SUGGESTION_STATUS_LABELS],
  appealCount: (s.appealIds ?? []).length, createdAt: iso(s.createdAt)!, answeredAt: iso(s.answeredAt),
});

const STEP_LABEL: Record<string, string> = { drafted: '提出建议', assigned: '交办', answered: '答复', implemented: '落实' };
const stepOf = (to: string): SuggestionStep | 'propose' => (Object.keys(STEP_FROM) as SuggestionStep[]).find((k) => STEP_FROM[k].to === to) ?? 'propose';

/** A suggestion's trail as a lookup sub-pipeline: the newest TRAIL_MAX entries (auditTrail's, in one request with the suggestion). */
export const trailPipeline = (db: Db, id: string) => db.command.aggregate.pipeline().match({ entityType: 'suggestion', entityId: id }).sort({ at: -1, _id: -1 }).limit(TRAIL_MAX).done();

/** A suggestion and its trail (oldest first) in one request; null when there is none. */
export async function loadSuggestion(db: Db, id: string): Promise<{ s: Doc; trail: Doc[] } | null> {
  const found = await findByIdWith(db, 'suggestions', id, { trail: { collection: 'audit', pipeline: trailPipeline(db, id) } });
  return found && { s: found.doc, trail: [...found.with.trail].reverse() };
}

/** The same, with its appeals in its order and their supports (by (appealId, _id)): one request. */
export async function loadSuggestionWithAppeals(db: Db, id: string): Promise<{ s: Doc; trail: Doc[]; appeals: AppealDoc[]; supports: { _id: string; appealId: string; supporterOpenid: string }[] } | null> {
  const found = await findByIdWith(db, 'suggestions', id, {
    trail: { collection: 'audit', pipeline: trailPipeline(db, id) },
    appeals: { collection: 'appeals', localField: 'appealIds', foreignField: '_id' },
    supports: { collection: 'supports', localField: 'appealIds', foreignField: 'appealId' },
  });
  if (!found) return null;
  const byId = new Map(found.with.appeals.map((a) => [a._id, a]));
  const appeals = ((found.doc.appealIds ?? []) as string[]).map((a) => byId.get(a)).filter((a): a is Doc => !!a) as unknown as AppealDoc[];
  const supports = found.with.supports.map((r) => ({ _id: r._id, appealId: r.appealId as string, supporterOpenid: r.supporterOpenid as string }));
  return { s: found.doc, trail: [...found.with.trail].reverse(), appeals, supports };
}

/** A suggestion's appeals in its order, in one request (a suggestion carries at most 50). */
export async function appealsOf(db: Db, ids: string[]): Promise<AppealDoc[]> {
  const byId = new Map((await db.collection('appeals').where({ _id: db.command.in(ids) }).limit(ids.length).get()).data.map((a) => [a._id, a]));
  return ids.map((id) => byId.get(id)).filter((a): a is Doc => !!a) as unknown as AppealDoc[];
}

/** `known`: what the caller already holds as it is now (the trail oldest first, the appeals); the rest is read. */
export async function toSuggestionDetail(db: Db, s: Doc, viewer: SuggestionActor, known: { trail?: Doc[]; appeals?: AppealDoc[] } = {}): Promise<SuggestionDetail> {
  const trail = known.trail ?? (await auditTrail(db, 'suggestion', s._id));
  const steps: SuggestionStepView[] = trail.map((e) => ({ step: stepOf(e.to ?? 'drafted'), label: STEP_LABEL[e.to ?? 'drafted'] ?? '更新', at: iso(e.at)!, note: e.note ?? '' }));
  const handles = mayHandle({ status: s.status, proposerOpenid: s.proposerOpenid }, viewer);
  const detail: SuggestionDetail = {
    ...toSuggestionItem(s), content: s.content, proposerName: s.proposerName ?? '', answer: s.answer ?? null, resolution: s.resolution ?? null,
    implementNote: s.implementNote ?? null, steps, nextStep: handles ? nextStep(s.status) : null,
  };
  if (handles) {
    const appeals = known.appeals ?? (await appealsOf(db, s.appealIds as string[]));
    detail.appeals = appeals.map((a) => ({ _id: a._id, trackingNo: a.trackingNo, summary: summaryOf(a.content), statusLabel: statusLabel(a.status, a as unknown as AppealDoc) }));
  }
  return detail;
}

/**
 * A case as another resident sees it: its place, category, status and support. The resident's own words and
 * the reply are shown only as the 回音壁 copy they published (redacted, domain/appeals/wall.ts); before that a
 * neighbour reads a line made of the category and community alone. Its own resident sees their text.
 */
export function toPublicCase(a: AppealDoc, o: { categoryName: string; communityName: string; supporters: number; supportedByMe: boolean; viewer: string; reason?: string }): PublicCase {
  const mine = a.submitterOpenid === o.viewer;
  const onWall = a.publish && a.wall ? a.wall : null;
  const summary = mine ? summaryOf(a.content, 80) : onWall ? onWall.summary : `${o.communityName || '附近'}居民反映的${o.categoryName}问题`;
  const reply = mine ? (a.reply?.content ?? null) : onWall?.reply || null;
  return {
    _id: a._id, summary, categoryName: o.categoryName, communityName: o.communityName,
    statusLabel: a.closedReason === 'merged' ? '已合并办理' : statusLabel(a.status, a).replace('待您评价', '待评价'), supporters: o.supporters, supportedByMe: o.supportedByMe,
    mine, reply, ...(o.reason ? { reason: o.reason } : {}),
  };
}
