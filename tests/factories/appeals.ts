/**
 * Appeals in every state a story starts from, made through the functions as residents, deputies and staff
 * make them: `routedAppeal` (with its deputy), `acceptedAppeal`, `repliedAppeal`, `reopenedAppeal`
 * (rated 不满意), `closedAppeal`, `publishedAppeal` (closed, on the 回音壁), `heldAppeal` (pending review), `triagedAppeal` (no deputy: staff triage),
 * `overdueAppeal` (past its accept deadline on the runtime's clock). Each takes overrides of the submit
 * event (resident, communityId, category, content, contact…) and returns what a test needs next.
 */
import type { RunningRuntime } from '../support/runtime';
import { dbGet } from '../support/console';
import { MINUTE, withClockAt } from './clock';
import { requestId } from './ids';
import { deputyAccount, resident as newResident, type DeputyAccount } from './people';
import { directory, newCommunity, specialistCase, type Community } from './street';

/** The content-check stand-in holds a text with this mark for review, and refuses one with RISKY_MARK. */
export const REVIEW_MARK = '【测试复核】';
export const RISKY_MARK = '【测试违规】';
export const APPEAL_TEXT = '小区3号楼楼道灯坏了一个月，晚上老人上下楼很危险';

export type Resolution = 'implemented' | 'in_plan' | 'explained';

export interface AppealOverrides {
  /** The submitter (default: a new resident). */
  resident?: string;
  communityId?: string;
  category?: string;
  content?: string;
  requestId?: string;
  [field: string]: unknown;
}

export interface Appeal {
  id: string;
  trackingNo: string;
  status: string;
  resident: string;
  communityId: string;
  category: string;
  content: string;
  /** The deputy it was routed or assigned to, with their account. */
  deputy?: DeputyAccount;
  /** The submit answer as the resident got it. */
  submitted: any;
}

/**
 * A complete submit event: the overrides, else a place where one deputy is the specialist (so routing is
 * certain) and a plain text. `resident` is who sends it.
 */
export async function appealEvent(rt: RunningRuntime, o: AppealOverrides = {}): Promise<{ event: Record<string, unknown>; resident: string }> {
  const { resident, ...fields } = o;
  let place: { communityId: string; category: string };
  if (fields.communityId === undefined && fields.category === undefined) {
    const c = await specialistCase(rt);
    place = { communityId: c.community._id, category: c.category._id };
  } else {
    const street = await directory(rt);
    place = { communityId: street.communities[0]._id, category: street.categories[0]._id };
  }
  return { event: { action: 'submit', requestId: requestId('appeal'), ...place, content: APPEAL_TEXT, ...fields }, resident: resident ?? (await newResident(rt)) };
}

/** The raw submit (for stories about refusals): the envelope as the resident got it. */
export async function submitAppeal(rt: RunningRuntime, o: AppealOverrides = {}): Promise<{ body: any; resident: string; event: Record<string, unknown> }> {
  const { event, resident } = await appealEvent(rt, o);
  return { body: (await rt.call('appeal', event, resident)).body, resident, event };
}

async function submitted(rt: RunningRuntime, o: AppealOverrides, expected: string): Promise<Appeal> {
  const { body, resident, event } = await submitAppeal(rt, o);
  if (!body.ok || body.data.status !== expected) throw new Error(`expected a ${expected} appeal, got ${JSON.stringify(body)}`);
  const data = body.data;
  return {
    id: data._id,
    trackingNo: data.trackingNo,
    status: data.status,
    resident,
    communityId: event.communityId as string,
    category: event.category as string,
    content: event.content as string,
    deputy: data.assignee ? await deputyAccount(rt, data.assignee.deputyId) : undefined,
    submitted: data,
  };
}

export const deputyOf = (a: Appeal): DeputyAccount => {
  if (!a.deputy) throw new Error(`appeal ${a.id} has no deputy`);
  return a.deputy;
};

/** Routed to a deputy, who has not accepted it yet (assigned). */
export const routedAppeal = (rt: RunningRuntime, o: AppealOverrides = {}): Promise<Appeal> => submitted(rt, o, 'assigned');

/** Held for a person to review (pending_review): the content check asked for it. */
export const heldAppeal = (rt: RunningRuntime, o: AppealOverrides = {}): Promise<Appeal> =>
  submitted(rt, { ...o, content: `${REVIEW_MARK}${o.content ?? APPEAL_TEXT}` }, 'pending_review');

/** In a community nobody's roster covers: staff triage. */
export async function triagedAppeal(rt: RunningRuntime, o: AppealOverrides = {}): Promise<Appeal & { community: Community }> {
  const community = o.communityId ? (await directory(rt)).community(o.communityId) : (await newCommunity(rt)).community;
  return { ...(await submitted(rt, { category: (await directory(rt)).categories[0]._id, ...o, communityId: community._id }, 'triage')), community };
}

/** Accepted by its deputy (in_progress), optionally with progress notes and a transfer (交办). */
export async function acceptedAppeal(rt: RunningRuntime, o: AppealOverrides & { progress?: string; transfer?: { department: string; note: string } } = {}): Promise<Appeal> {
  const { progress, transfer, ...rest } = o;
  const a = await routedAppeal(rt, rest);
  const deputy = deputyOf(a).openid;
  await rt.ok('deputy', { action: 'accept', id: a.id }, deputy);
  if (progress) await rt.ok('deputy', { action: 'progress', id: a.id, note: progress }, deputy);
  if (transfer) await rt.ok('deputy', { action: 'transfer', id: a.id, ...transfer }, deputy);
  return { ...a, status: 'in_progress' };
}

export const REPLY_TEXT = '物业已更换3号楼全部楼道灯，并承诺每月巡检。';

/** Answered by its deputy (replied), waiting for the resident's rating. */
export async function repliedAppeal(rt: RunningRuntime, o: Parameters<typeof acceptedAppeal>[1] & { reply?: string; resolution?: Resolution } = {}): Promise<Appeal> {
  const { reply, resolution, ...rest } = o;
  const a = await acceptedAppeal(rt, rest);
  await rt.ok('deputy', { action: 'reply', id: a.id, content: reply ?? REPLY_TEXT, resolution: resolution ?? 'implemented' }, deputyOf(a).openid);
  return { ...a, status: 'replied' };
}

/** Rated 不满意: back with the same deputy for a redo, under supervision. */
export async function reopenedAppeal(rt: RunningRuntime, o: Parameters<typeof repliedAppeal>[1] & { comment?: string } = {}): Promise<Appeal> {
  const { comment, ...rest } = o;
  const a = await repliedAppeal(rt, rest);
  await rt.ok('appeal', { action: 'rate', id: a.id, rating: 'unsatisfied', ...(comment ? { comment } : {}) }, a.resident);
  return { ...a, status: 'assigned' };
}

/** Rated by the resident and closed (满意 unless said). */
export async function closedAppeal(rt: RunningRuntime, o: Parameters<typeof repliedAppeal>[1] & { rating?: 'satisfied' | 'basically_satisfied' } = {}): Promise<Appeal> {
  const { rating, ...rest } = o;
  const a = await repliedAppeal(rt, rest);
  await rt.ok('appeal', { action: 'rate', id: a.id, rating: rating ?? 'satisfied' }, a.resident);
  return { ...a, status: 'closed' };
}

/** The resident previews the public text of a closed appeal and publishes exactly that to the 回音壁. */
export async function publishToWall(rt: RunningRuntime, a: Pick<Appeal, 'id' | 'resident'>): Promise<{ summary: string; reply: string }> {
  const preview = await rt.ok('appeal', { action: 'wallPreview', id: a.id }, a.resident);
  await rt.ok('appeal', { action: 'publish', id: a.id, digest: preview.digest }, a.resident);
  return { summary: preview.summary, reply: preview.reply };
}

/** Closed and published by its resident on the 回音壁 (closedAppeal, then preview → publish). */
export async function publishedAppeal(rt: RunningRuntime, o: Parameters<typeof closedAppeal>[1] = {}): Promise<Appeal & { wall: { summary: string; reply: string } }> {
  const a = await closedAppeal(rt, o);
  return { ...a, wall: await publishToWall(rt, a) };
}

/** When the appeal's accept deadline falls, as stored (the console shows it). */
export async function acceptDeadlineOf(rt: RunningRuntime, id: string): Promise<Date> {
  const doc = await dbGet(rt, 'appeals', id);
  return new Date(doc.acceptDeadline.$date);
}

/**
 * Routed, then left unaccepted past its accept deadline: the supervise timer has marked it overdue. The
 * runtime's clock is put back where it was; `acceptDeadline` lets a story go on from there.
 */
export async function overdueAppeal(rt: RunningRuntime, o: AppealOverrides = {}): Promise<Appeal & { acceptDeadline: Date }> {
  const a = await routedAppeal(rt, o);
  const acceptDeadline = await acceptDeadlineOf(rt, a.id);
  await withClockAt(rt, acceptDeadline.getTime() + MINUTE, () => rt.dev('trigger/supervise', {}));
  const detail = await rt.ok('appeal', { action: 'detail', id: a.id }, a.resident);
  if (!detail.overdue) throw new Error(`appeal ${a.id} did not become overdue`);
  return { ...a, acceptDeadline };
}

/** The appeal as someone sees it (default: its resident). */
export const appealDetail = (rt: RunningRuntime, a: Pick<Appeal, 'id' | 'resident'>, as?: string): Promise<any> => rt.ok('appeal', { action: 'detail', id: a.id }, as ?? a.resident);
