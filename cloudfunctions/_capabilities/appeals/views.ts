import type { AppealDetail, AppealListItem, TimelineEntry, WallItem } from '../../../contracts/appeal';
import type { StaffAppealItem } from '../../../contracts/staff';
import { viewerOf, type AppealViewer } from '../../../domain/appeals/access';
import { statusLabelFor, type StatusAudience } from '../../../domain/appeals/labels';
import { deadlineOf } from '../../../domain/appeals/deadlines';
import type { HolidayData } from '../../../domain/calendar';
import type { AppealStatus } from '../../../domain/appeals/lifecycle';
import { auditTrail } from '../../_platform/audit';
import { loadCalendar } from '../../_platform/calendar';
import { findById, type Db, type Doc } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import type { UserDoc } from '../../_platform/users';
import { visibleImages } from '../moderation/media';
import type { AppealDoc } from './model';

/** What each party sees of an appeal: list rows, the detail with its timeline, the echo wall, staff queues. */
export type Viewer = AppealViewer;

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}

export function summaryOf(content: string, max = 40): string {
  const chars = Array.from(content.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

const iso = (d: Date | string | undefined) => (d ? new Date(d).toISOString() : '');

/** How a list or detail is worded and counted: for whom, and (for deadlines) when and on which calendar. */
export interface ItemView {
  audience?: StatusAudience;
  now?: Date;
  calendar?: HolidayData;
}

export const audienceOf = (viewer: Viewer): StatusAudience => (viewer === 'submitter' ? 'resident' : viewer === 'staff' ? 'staff' : 'deputy');

/** The 督办 flag only means something while the appeal is still open. */
const OPEN_FOR_SUPERVISION: AppealStatus[] = ['assigned', 'in_progress', 'replied'];

export function toListItem(a: AppealDoc, view: ItemView = {}): AppealListItem {
  const item: AppealListItem = {
    _id: a._id,
    trackingNo: a.trackingNo,
    status: a.status,
    statusLabel: statusLabelFor(a.status, a, view.audience),
    category: a.category,
    summary: summaryOf(a.content),
    createdAt: iso(a.createdAt),
  };
  if (a.overdue) item.overdue = true;
  if (view.now && view.calendar) {
    const deadline = deadlineOf(a, view.now, view.calendar);
    if (deadline) item.deadline = deadline;
  }
  return item;
}

/** Words in old timeline notes that were never meant for people (a code once written into a note). */
const cleanNote = (note: string) => note.replace(/（overdue）|\(overdue\)/g, '');

/** Where the appeal is now and why, as the viewer should read it (a reassignment names the new deputy). */
function routeReasonOf(a: AppealDoc): string | undefined {
  if (!a.assigneeDeputyId || !a.assigneeName) return a.routing?.reason || undefined;
  if (a.routing?.chosen === a.assigneeDeputyId) return a.routing.reason || undefined;
  return a.routing?.chosen ? `街道人大工作人员已改派给${a.assigneeName}代表办理` : `街道人大工作人员已分派给${a.assigneeName}代表办理`;
}

export async function toDetail(db: Db, a: AppealDoc, viewer: Viewer, now: Date = new Date()): Promise<AppealDetail> {
  const [trail, calendar] = await Promise.all([auditTrail(db, 'appeal', a._id), loadCalendar(db)]);
  const timeline: TimelineEntry[] = trail.map((e) => {
    const entry: TimelineEntry = { at: iso(e.at), status: (e.to ?? a.status) as AppealStatus, actorRole: e.actorRole, action: e.action };
    if (e.note) entry.note = cleanNote(e.note);
    return entry;
  });
  const audience = audienceOf(viewer);
  const detail: AppealDetail = {
    _id: a._id,
    trackingNo: a.trackingNo,
    status: a.status,
    statusLabel: statusLabelFor(a.status, a, audience),
    category: a.category,
    content: a.content,
    communityId: a.communityId,
    // Photos others see only once the media check passed; the submitter and staff see theirs meanwhile.
    images: await visibleImages(db, a.images, viewer === 'submitter' ? 'uploader' : viewer === 'staff' ? 'staff' : 'other'),
    anonymous: a.anonymous,
    publish: a.publish,
    createdAt: iso(a.createdAt),
    reopenCount: a.reopenCount,
    supervised: a.supervised && OPEN_FOR_SUPERVISION.includes(a.status),
    overdue: a.overdue,
    transfers: a.transfers.map((t) => ({ department: t.department, note: t.note, at: iso(t.at) })),
    timeline,
    viewerIs: viewer,
  };
  const deadline = deadlineOf(a, now, calendar);
  if (deadline) detail.deadline = deadline;
  if (a.assigneeDeputyId && a.assigneeName) detail.assignee = { deputyId: a.assigneeDeputyId, name: a.assigneeName };
  const reason = routeReasonOf(a);
  if (reason) detail.routeReason = reason;
  if (a.location) detail.location = a.location;
  if (a.resolution) detail.resolution = a.resolution;
  if (a.reply) detail.reply = { content: a.reply.content, at: iso(a.reply.at), resolution: a.reply.resolution };
  if (a.rating) detail.rating = { value: a.rating.value, at: iso(a.rating.at), ...(a.rating.comment ? { comment: a.rating.comment } : {}) };
  if (a.rejectReason) detail.rejectReason = a.rejectReason;
  if (!a.anonymous && a.contact) {
    const full = viewer === 'assignee' || viewer === 'staff';
    if (full || viewer === 'submitter') {
      detail.contact = {};
      if (a.contact.name) detail.contact.name = a.contact.name;
      if (a.contact.phone) detail.contact.phone = full ? a.contact.phone : maskPhone(a.contact.phone);
    }
  }
  return detail;
}

/** Names a public copy hides besides the ones its text introduces: the contact name and the submitter's nickname. */
export async function publicNames(db: Db, a: AppealDoc, caller?: { openid: string; name?: unknown }): Promise<string[]> {
  // The submitter's own call has their user record already.
  const submitter = caller?.openid === a.submitterOpenid ? caller : (await db.collection('users').where({ openid: a.submitterOpenid }).limit(1).get()).data[0];
  return [a.contact?.name ?? '', typeof submitter?.name === 'string' ? submitter.name : ''].filter(Boolean);
}

/** The public card: only the copy made when its resident published it (domain/appeals/wall.ts), never the live text. */
export function toWallItem(a: AppealDoc, communityName: string): WallItem | null {
  if (!a.publish || !a.wall) return null;
  const item: WallItem = {
    _id: a._id,
    communityId: a.communityId,
    communityName,
    category: a.category,
    summary: a.wall.summary,
    reply: a.wall.reply,
    resolution: a.resolution ?? 'explained',
    closedAt: iso(a.closedAt),
  };
  if (a.rating) item.rating = a.rating.value;
  return item;
}

const isoOrNull = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

/** Why an appeal waits in 待审核: the reason stored when it was held, else what its content check said. */
function heldBecause(d: Doc): string | undefined {
  if (d.status !== 'pending_review') return undefined;
  if (typeof d.holdReason === 'string' && d.holdReason) return d.holdReason;
  const verdict = d.contentCheck?.verdict;
  if (verdict === 'review') return '内容需人工复核';
  if (verdict === 'error') return '内容检查暂不可用，待人工审核';
  return '账号受限，待人工审核';
}

/** One row of the staff queues. */
export const staffItem = (d: Doc, view: ItemView = {}): StaffAppealItem => ({
  ...toListItem(d as unknown as AppealDoc, { ...view, audience: 'staff' }),
  communityId: d.communityId,
  assignee: d.assigneeName ?? null,
  contentCheck: d.contentCheck?.verdict ?? null,
  overdueAt: isoOrNull(d.overdueAt),
  replyDeadline: isoOrNull(d.replyDeadline),
  ...(d.deadlineWeekendsOnly ? { deadlineWeekendsOnly: true as const } : {}),
  consoleError: d.consoleError ? { value: d.consoleError.value ?? null, reason: d.consoleError.reason, at: isoOrNull(d.consoleError.at)! } : null,
  ...(heldBecause(d) ? { heldBecause: heldBecause(d) } : {}),
});

/** The appeal if the caller may know it exists (domain/appeals/access.ts decides), else NOT_FOUND. */
export async function loadVisibleAppeal(db: Db, id: string, user: UserDoc): Promise<{ appeal: AppealDoc; viewer: Viewer }> {
  const appeal = (await findById(db, 'appeals', id)) as AppealDoc | null;
  const viewer = appeal ? viewerOf(appeal, user) : undefined;
  if (!appeal || !viewer) throw new AppError('NOT_FOUND', '没有找到这条诉求');
  return { appeal, viewer };
}
