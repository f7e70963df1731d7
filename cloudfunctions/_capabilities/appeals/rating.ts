import type { AppealContext, AppealDecision, DeputyRef } from '../../../domain/appeals/state';
import { loadCalendar } from '../../_platform/calendar';
import type { Db } from '../../_platform/db';
import type { AppealDoc } from './model';
import { deputyDoc, directoryDoc } from './routing';
import { loadSla } from './settings';

/**
 * A rating decided in the writer's transaction on the appeal as it is (the resident's own, or a handler's
 * 回访): asked once; a 不满意 is asked again with the same deputy (their warm roster entry), the category's
 * name and the SLA and calendar of a new round.
 */
export async function decideRating<A extends { deputy: DeputyRef | null; categoryName: string }>(db: Db, a: AppealDoc, ask: A, at: Date, decide: (input: A, ctx: AppealContext) => AppealDecision): Promise<AppealDecision> {
  const first = decide(ask, { now: at });
  if (!first.ok || first.command !== 'rate_redo') return first;
  const deputy = a.assigneeDeputyId ? await deputyDoc(db, a.assigneeDeputyId, a.communityId) : null;
  if (!deputy) return first;
  const category = await directoryDoc(db, 'categories', a.category);
  const redo = { ...ask, deputy: { _id: deputy._id, name: deputy.name, active: deputy.active === true, openid: deputy.openid }, categoryName: typeof category?.name === 'string' && category.name ? category.name : '其他诉求' };
  return decide(redo, { now: at, sla: (await loadSla(db)).sla, calendar: await loadCalendar(db) });
}
