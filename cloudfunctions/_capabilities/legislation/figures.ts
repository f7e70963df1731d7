/**
 * A year's legislative figures from the stored drafts and opinions (domain/legislation/submission.ts
 * legislativeYear): what the 晴雨表 reports — drafts consulted, opinions collected, submitted, fully and partly
 * adopted, by point. Bounded: drafts is a small collection; each draft's opinions are read 100 at a time.
 */
import { legislativeYear, type LegislativeYear, type OpinionForFigures } from '../../../domain/legislation/submission';
import { chinaYear } from '../../../domain/time';
import type { Db, Doc } from '../../_platform/db';

const PAGE = 100;

/** Every visible opinion of a draft, page by page on (draftId, _id). */
export async function forEachOpinion(db: Db, draftId: string, visit: (c: Doc) => void, fields?: Record<string, true>): Promise<void> {
  const _ = db.command;
  let after = '';
  for (;;) {
    let q = db.collection('draftComments').where({ draftId, visible: true, ...(after ? { _id: _.gt(after) } : {}) });
    if (fields) q = q.field({ ...fields, _id: true });
    const rows = (await q.orderBy('_id', 'asc').limit(PAGE).get()).data;
    rows.forEach(visit);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]._id;
  }
}

export async function legislativeYearFigures(db: Db, year: number): Promise<LegislativeYear> {
  const drafts = (await db.collection('drafts').field({ _id: true, opensAt: true }).limit(100).get()).data.filter((d) => chinaYear(d.opensAt) === year);
  const opinions: OpinionForFigures[] = [];
  for (const d of drafts) {
    await forEachOpinion(db, d._id, (c) => opinions.push({ draftId: c.draftId, visible: c.visible === true, submitted: c.submitted === true, adoption: c.adoption, pointId: c.pointId ?? null, pointName: c.pointName ?? null }), { draftId: true, visible: true, submitted: true, adoption: true, pointId: true, pointName: true });
  }
  return legislativeYear(year, drafts.map((d) => ({ _id: d._id, opensAt: d.opensAt })), opinions);
}
