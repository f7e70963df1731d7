import { routeAppeal, type RoutingDeputy, type RoutingPreference } from '../../../domain/appeals/routing';
import type { Routed } from '../../../domain/appeals/state';
import { findById, type Db, type Doc } from '../../_platform/db';
import { peekWarm, warm } from '../../_platform/warm';
import { OPEN_STATUSES } from './model';

/** A community or category by id, from the warm instance when it read it lately (the directory seldom changes). */
export const directoryDoc = (db: Db, collection: 'communities' | 'categories', id: string): Promise<Doc | null> => warm(`directory:${collection}:${id}`, () => findById(db, collection, id));

const rosterKey = (communityId: string) => `directory:roster:${communityId}`;

/** A deputy's roster entry, warm like the directory: from the community's roster when routing read it lately, else by id. */
export async function deputyDoc(db: Db, id: string, communityId: string): Promise<Doc | null> {
  const roster = await peekWarm<Doc[]>(rosterKey(communityId));
  return roster?.find((d) => d._id === id) ?? warm(`directory:deputy:${id}`, () => findById(db, 'deputies', id));
}

/**
 * Gather what routing needs — the community's roster with each deputy's open load, the names a resident
 * reads — and let the domain decide. `known` passes documents the caller already read.
 */
export async function gatherRoute(db: Db, appeal: { communityId: string; category: string; submitterOpenid?: string }, known: { community?: Doc | null; category?: Doc | null } = {}, preferred?: RoutingPreference): Promise<Routed> {
  const _ = db.command;
  const [community, category] = await Promise.all([
    known.community !== undefined ? known.community : directoryDoc(db, 'communities', appeal.communityId),
    known.category !== undefined ? known.category : directoryDoc(db, 'categories', appeal.category),
  ]);
  // A deputy never handles their own appeal; a roster entry no WeChat account is bound to yet cannot receive one.
  const everyone = await warm(rosterKey(appeal.communityId), async () => (await db.collection('deputies').where({ communityIds: appeal.communityId, active: true }).limit(100).get()).data);
  const roster = everyone.filter((d) => !!d.openid && d.openid !== appeal.submitterOpenid);
  // Every deputy's open load in one request (a count per deputy would be one round trip each).
  const openCounts = new Map<string, number>(roster.map((d) => [d._id, 0]));
  if (roster.length > 0) {
    const loads: { _id: string; open: number }[] = (
      await db.collection('appeals').aggregate().match({ assigneeDeputyId: _.in(roster.map((d) => d._id)), status: _.in([...OPEN_STATUSES]) }).group({ _id: '$assigneeDeputyId', open: _.aggregate.sum(1) }).limit(100).end()
    ).list;
    for (const l of loads) openCounts.set(l._id, l.open);
  }
  const byId = new Map(roster.map((d) => [d._id, d]));
  const names = { community: community?.name ?? appeal.communityId, category: category?.name ?? appeal.category };
  const decision = routeAppeal(appeal, roster as unknown as RoutingDeputy[], openCounts, { ...names, deputy: (id) => byId.get(id)?.name }, preferred);
  const chosen = decision.chosen ? byId.get(decision.chosen) : undefined;
  const categoryName = typeof category?.name === 'string' && category.name ? category.name : '其他诉求';
  return { decision, categoryName, ...(chosen ? { deputy: { _id: chosen._id, name: chosen.name, active: chosen.active === true, openid: chosen.openid } } : {}) };
}

/** The resident's choice (码上见代表) with the names its explanation needs; unknown ids are simply not honoured. */
export async function loadPreference(db: Db, prefer: { deputyId?: string; stationId?: string } | undefined): Promise<RoutingPreference | undefined> {
  if (!prefer?.deputyId && !prefer?.stationId) return undefined;
  if (prefer.deputyId) {
    const d = await findById(db, 'deputies', prefer.deputyId);
    return { deputyId: prefer.deputyId, ...(d?.name ? { deputyName: d.name as string } : {}) };
  }
  const s = await findById(db, 'stations', prefer.stationId!);
  return { stationId: prefer.stationId, ...(s?.name ? { stationName: s.name as string } : {}) };
}
