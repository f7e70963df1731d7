import type { AppealDetail, AppealListItem, TimelineEntry, WallItem } from '../../contracts/appeal';
import { statusLabel, statusLabelFor, type Rating, type Resolution, type StatusAudience } from '../../domain/appeals/labels';
import { deadlineOf } from '../../domain/appeals/deadlines';
import type { HolidayData } from '../../domain/calendar';
import { redactForPublic } from '../../domain/appeals/redact';
import { planTransition, type ActorKind, type AppealCommand, type AppealStatus } from '../../domain/appeals/lifecycle';
import type { RoutingDecision } from '../../domain/appeals/routing';
import { appealDutyEvents } from '../../domain/duty/points';
import { appendAudit, auditTrail, type ActorRole, type AuditSource } from './audit';
import { addDutyPoints } from './duty';
import { findById, type Db } from './db';
import { loadCalendar } from './holidays';
import { AppError } from './errors';
import { enqueueNotice, type Notice } from './notify';
import { retryOnConflict } from './retry';
import type { UserDoc } from './users';

/** An appeal as stored: flat, readable fields a clerk can follow in the cloud console. */
export interface AppealDoc {
  _id: string;
  trackingNo: string;
  requestId: string;
  submitterOpenid: string;
  communityId: string;
  category: string;
  content: string;
  images: string[];
  location?: { latitude: number; longitude: number; name?: string };
  anonymous: boolean;
  publish: boolean;
  contact?: { name?: string; phone?: string };
  status: AppealStatus;
  assigneeDeputyId?: string;
  assigneeName?: string;
  pastAssigneeIds: string[];
  routing?: RoutingDecision;
  contentCheck: { verdict: string; traceId?: string; error?: string };
  reply?: { content: string; at: Date; resolution: Resolution; deputyId: string };
  resolution?: Resolution;
  rating?: { value: Rating; comment?: string; at: Date };
  closedReason?: 'rated' | 'unrated';
  rejectReason?: string;
  /** Why it waits for staff review (账号受限 / 内容需人工复核 / 检查不可用), set when it is held. */
  holdReason?: string;
  transfers: { department: string; note: string; at: Date }[];
  reopenCount: number;
  supervised: boolean;
  overdue: boolean;
  acceptDeadline?: Date;
  replyDeadline?: Date;
  /** When the deadlines were counted from, with how many working days (recounted if a year is entered later). */
  landedAt?: Date;
  deadlineDays?: { accept: number; reply: number };
  /** The deadlines cross a year with no holiday data: only weekends were skipped. */
  deadlineWeekendsOnly?: boolean;
  nextSupervisionAt?: Date | null;
  escalationLevel?: number;
  overdueAt?: Date;
  /** Console moderation: a clerk sets these in the database panel; the reconciler applies them. */
  staffDecision?: string | null;
  staffReason?: string;
  staffAssignDeputyId?: string;
  consoleError?: { value: unknown; reason: string; at: Date } | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  repliedAt?: Date;
  closedAt?: Date;
}

export type Viewer = AppealDetail['viewerIs'];

/** How the caller relates to the appeal; undefined = may not even know it exists. */
export function viewerOf(appeal: AppealDoc, user: UserDoc): Viewer | undefined {
  if (user.role === 'staff') return 'staff';
  if (user.role === 'deputy' && user.deputyId) {
    if (appeal.assigneeDeputyId === user.deputyId && appeal.status !== 'pending_review' && appeal.status !== 'triage') return 'assignee';
    if (appeal.pastAssigneeIds.includes(user.deputyId)) return 'past_assignee';
  }
  if (appeal.submitterOpenid === user.openid) return 'submitter';
  return undefined;
}

export function actorKindOf(viewer: Viewer | undefined): ActorKind | undefined {
  if (viewer === 'staff') return 'staff';
  if (viewer === 'assignee') return 'assignee';
  if (viewer === 'submitter') return 'submitter';
  return undefined;
}

export const roleOfActor = (kind: ActorKind, user?: UserDoc): ActorRole =>
  kind === 'system' ? 'system' : kind === 'staff' ? 'staff' : kind === 'assignee' ? 'deputy' : (user?.role ?? 'resident');

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
    images: a.images,
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

export function toWallItem(a: AppealDoc, communityName: string): WallItem {
  const names = [a.contact?.name ?? ''];
  const item: WallItem = {
    _id: a._id,
    communityId: a.communityId,
    communityName,
    category: a.category,
    summary: summaryOf(redactForPublic(a.content, names), 60),
    reply: redactForPublic(a.reply?.content ?? '', names),
    resolution: a.resolution ?? 'explained',
    closedAt: iso(a.closedAt),
  };
  if (a.rating) item.rating = a.rating.value;
  return item;
}

export interface CommandRequest {
  id: string;
  command: AppealCommand;
  /** Caller; omitted for system (timer) actions. */
  user?: UserDoc;
  source: AuditSource;
  to?: AppealStatus;
  /** Extra fields to set, computed from the current document. */
  patch?: (a: AppealDoc) => Partial<AppealDoc> & Record<string, unknown>;
  note?: string;
  notices?: (next: AppealDoc) => Notice[];
  at: Date;
  /** Only apply when the stored version still matches (console reconciler). */
  expectVersion?: number;
  /** Without a user: act as the system (timers) or as staff through the console. */
  systemAs?: 'staff';
}

/**
 * The one way an appeal changes: in a transaction, check the caller's relation and the transition table,
 * write the new state, append the audit entry and queue the notices — all or nothing.
 */
export async function applyAppealCommand(db: Db, req: CommandRequest): Promise<{ appeal: AppealDoc; noticeIds: string[] }> {
  // A write lock held by a concurrent change fails inside the transaction: run the whole unit again.
  return retryOnConflict(() => db.runTransaction(async (tx) => {
    const current = (await findById(tx, 'appeals', req.id)) as AppealDoc | null;
    if (!current) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    if (req.expectVersion !== undefined && current.version !== req.expectVersion) throw new AppError('CONFLICT', '诉求已被其他操作修改，请刷新后再试');
    let kind: ActorKind;
    if (req.user) {
      const viewer = viewerOf(current, req.user);
      if (!viewer) throw new AppError('NOT_FOUND', '没有找到这条诉求');
      const k = actorKindOf(viewer);
      if (!k) throw new AppError('PERMISSION_DENIED', '这条诉求已不由您办理');
      kind = k;
    } else kind = req.systemAs ?? 'system';
    const plan = planTransition(req.command, current.status, kind, req.to);
    if (!plan.ok) throw new AppError(plan.code, plan.code === 'PERMISSION_DENIED' ? '您没有权限进行此操作' : `诉求当前为「${statusLabel(current.status, current)}」，不能进行此操作`);
    const patch = req.patch ? req.patch(current) : {};
    const next: AppealDoc = { ...current, ...patch, status: plan.to, version: current.version + 1, updatedAt: req.at };
    const { _id: _ignored, ...data } = { ...patch, status: plan.to, version: current.version + 1, updatedAt: req.at } as Record<string, unknown>;
    // The SDK merges nested objects field by field on update; objects we mean to replace go through set().
    const replaced = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined).map(([k, v]) => [k, isPlainObject(v) ? db.command.set(v) : v]));
    await tx.collection('appeals').doc(req.id).update({ data: replaced });
    await appendAudit(tx, {
      entityType: 'appeal',
      entityId: req.id,
      action: req.command,
      actorOpenid: req.user?.openid,
      actorRole: roleOfActor(kind, req.user),
      source: req.source,
      from: current.status,
      to: plan.to,
      at: req.at,
      note: req.note,
    });
    const duty = appealDutyEvents(req.command, { resolution: next.resolution, rating: next.rating?.value });
    if (duty.length > 0 && current.assigneeDeputyId) await addDutyPoints(tx, current.assigneeDeputyId, duty, { type: 'appeal', id: req.id, version: next.version }, req.at);
    const noticeIds: string[] = [];
    for (const n of req.notices ? req.notices(next) : []) noticeIds.push(await enqueueNotice(tx, n, req.at));
    return { appeal: next, noticeIds };
  }));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.getPrototypeOf(v) === Object.prototype;
}

export async function loadVisibleAppeal(db: Db, id: string, user: UserDoc): Promise<{ appeal: AppealDoc; viewer: Viewer }> {
  const appeal = (await findById(db, 'appeals', id)) as AppealDoc | null;
  const viewer = appeal ? viewerOf(appeal, user) : undefined;
  if (!appeal || !viewer) throw new AppError('NOT_FOUND', '没有找到这条诉求');
  return { appeal, viewer };
}
