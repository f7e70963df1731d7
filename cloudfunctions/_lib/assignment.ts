import { createHash } from 'node:crypto';
import type { HolidayData } from '../../domain/calendar';
import { DEFAULT_SLA, nextLookAt, normaliseSla, type SlaSettings } from '../../domain/appeals/supervision';
import type { AppealDoc } from './appeals';
import { findById, type Db, type Doc } from './db';
import { deadlineFields, loadCalendar } from './holidays';
import { decideRoute } from './routing';

export async function loadSla(db: Db): Promise<{ sla: SlaSettings; problems: string[] }> {
  return normaliseSla(await findById(db, 'settings', 'sla'));
}

/**
 * Fields an appeal gets when it lands with a deputy: assignee, fresh deadlines on the working calendar
 * (package + years staff entered; flagged when a year is missing), supervision reset.
 */
export function landingPatch(a: Pick<AppealDoc, 'assigneeDeputyId' | 'pastAssigneeIds'>, deputy: Doc, at: Date, sla: SlaSettings, calendar: HolidayData): Partial<AppealDoc> {
  const deadlines = deadlineFields(at, { accept: sla.acceptWorkingDays, reply: sla.replyWorkingDays }, calendar);
  const past = a.assigneeDeputyId && a.assigneeDeputyId !== deputy._id && !a.pastAssigneeIds.includes(a.assigneeDeputyId) ? [...a.pastAssigneeIds, a.assigneeDeputyId] : a.pastAssigneeIds;
  return {
    assigneeDeputyId: deputy._id,
    assigneeName: deputy.name,
    pastAssigneeIds: past,
    ...deadlines,
    nextSupervisionAt: nextLookAt({ status: 'assigned', ...deadlines }),
    overdue: false,
    escalationLevel: 0,
  } as Partial<AppealDoc>;
}

/** Route by the domain rule; the patch lands it with the chosen deputy, or sends it to triage. */
export async function routePatch(db: Db, a: AppealDoc, at: Date, sla: SlaSettings): Promise<{ status: 'assigned' | 'triage'; patch: Partial<AppealDoc>; deputy?: Doc; reason: string }> {
  const [community, category] = await Promise.all([findById(db, 'communities', a.communityId), findById(db, 'categories', a.category)]);
  const { decision, deputies } = await decideRoute(db, a, { community: community?.name ?? a.communityId, category: category?.name ?? a.category });
  if (!decision.chosen) return { status: 'triage', patch: { routing: decision }, reason: decision.reason };
  const deputy = deputies.get(decision.chosen)!;
  return { status: 'assigned', patch: { routing: decision, ...landingPatch(a, deputy, at, sla, await loadCalendar(db)) }, deputy, reason: decision.reason };
}

/** Fingerprint of the SLA values in a settings document: tells app writes from console edits. */
export function slaHash(doc: Record<string, unknown>): string {
  const values = Object.fromEntries(Object.keys(DEFAULT_SLA).map((k) => [k, doc[k] ?? null]));
  return createHash('sha1').update(JSON.stringify(values)).digest('hex').slice(0, 16);
}
