import { routeAppeal, type RoutingDecision, type RoutingDeputy } from '../../domain/appeals/routing';
import type { Db, Doc } from './db';

/** Gather the roster and its load, then let the domain decide. */
export async function decideRoute(db: Db, appeal: { communityId: string; category: string; submitterOpenid?: string }, names: { community: string; category: string }): Promise<{ decision: RoutingDecision; deputies: Map<string, Doc> }> {
  const _ = db.command;
  // A deputy never handles their own appeal; a roster entry no WeChat account is bound to yet cannot receive one.
  const roster = (await db.collection('deputies').where({ communityIds: appeal.communityId, active: true }).limit(100).get()).data.filter((d) => !!d.openid && d.openid !== appeal.submitterOpenid);
  const openCounts = new Map<string, number>();
  await Promise.all(
    roster.map(async (d) => {
      const { total } = await db.collection('appeals').where({ assigneeDeputyId: d._id, status: _.in(['assigned', 'in_progress']) }).count();
      openCounts.set(d._id, total);
    }),
  );
  const byId = new Map(roster.map((d) => [d._id, d]));
  const decision = routeAppeal(appeal, roster as unknown as RoutingDeputy[], openCounts, { ...names, deputy: (id) => byId.get(id)?.name });
  return { decision, deputies: byId };
}
