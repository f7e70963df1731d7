/**
 * A year's legislative figures from the stored drafts and opinions (domain/legislation/submission.ts
 * yearFromTallies): what the 晴雨表 reports — drafts consulted, opinions collected, submitted, fully and partly
 * adopted, by point. Bounded: drafts is a small collection; the opinions are counted by one aggregate.
 */
import type { Adoption } from '../../../domain/legislation/adoption';
import { yearFromTallies, type LegislativeYear, type OpinionTally } from '../../../domain/legislation/submission';
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

/** The year's drafts (a small collection) and their visible opinions counted alike in one aggregate: two requests. */
export async function legislativeYearFigures(db: Db, year: number): Promise<LegislativeYear> {
  const _ = db.command;
  const drafts = (await db.collection('drafts').field({ _id: true, opensAt: true }).limit(100).get()).data.filter((d) => chinaYear(d.opensAt) === year);
  if (drafts.length === 0) return yearFromTallies(year, 0, []);
  const groups = (
    await db.collection('draftComments').aggregate()
      .match({ draftId: _.in(drafts.map((d) => d._id)), visible: true })
      // At most five rows a point (pending unsent; sent and each answer): the 1+17+N points stay far below the limit.
      .group({ _id: { submitted: '$submitted', adoption: '$adoption', pointId: '$pointId' }, pointName: _.aggregate.first('$pointName'), n: _.aggregate.sum(1) })
      .limit(1000)
      .end()
  ).list as { _id: { submitted?: unknown; adoption: Adoption; pointId?: string | null }; pointName?: string | null; n: number }[];
  const tallies: OpinionTally[] = groups.map((g) => ({ submitted: g._id.submitted === true, adoption: g._id.adoption, pointId: g._id.pointId ?? null, pointName: g.pointName ?? null, count: g.n }));
  return yearFromTallies(year, drafts.length, tallies);
}
