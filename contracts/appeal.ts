import * as v from 'valibot';
import type { AppealStatus } from '../domain/appeals/lifecycle';
import type { Rating, Resolution } from '../domain/appeals/labels';
import type { DeadlineSummary } from '../domain/appeals/deadlineWords';

export type { DeadlineSummary } from '../domain/appeals/deadlineWords';
import { cursorSchema, idSchema, nested } from './validation';

export const APPEAL_CONTENT_MIN = 5;
export const APPEAL_CONTENT_MAX = 1000;
export const APPEAL_MAX_IMAGES = 6;

const text = (min: number, max: number, what: string) =>
  v.pipe(v.string('应为文本'), v.trim(), v.minLength(min, `${what}至少 ${min} 个字`), v.maxLength(max, `${what}不能超过 ${max} 个字`));

export const fileIdSchema = v.pipe(v.string('应为文本'), v.regex(/^cloud:\/\/[^\s]{1,250}$/, '不是有效的图片'));
export const phoneSchema = v.pipe(v.string('应为文本'), v.trim(), v.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号'));

/**
 * Submit is idempotent per (resident, requestId): a retry returns the first answer. Content the check
 * calls risky is stored as rejected and answered CONTENT_REJECTED — for good: a corrected text needs a
 * new requestId.
 */
export const submitAppealInput = v.object({
  action: v.literal('submit'),
  requestId: v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '不是有效的请求编号')),
  communityId: idSchema,
  category: idSchema,
  content: text(APPEAL_CONTENT_MIN, APPEAL_CONTENT_MAX, '诉求内容'),
  images: v.optional(v.pipe(v.array(fileIdSchema, '应为图片列表'), v.maxLength(APPEAL_MAX_IMAGES, `最多 ${APPEAL_MAX_IMAGES} 张图片`))),
  anonymous: v.optional(v.boolean('应为是或否')),
  location: v.optional(
    nested({
      latitude: v.pipe(v.number('应为数字'), v.minValue(-90), v.maxValue(90)),
      longitude: v.pipe(v.number('应为数字'), v.minValue(-180), v.maxValue(180)),
      name: v.optional(text(0, 100, '位置')),
    }),
  ),
  contact: v.optional(
    nested({
      name: v.optional(text(1, 20, '联系人')),
      phone: v.optional(phoneSchema),
    }),
  ),
  /** weapp: the code from a getPhoneNumber button; exchanged on the server. */
  phoneCode: v.optional(v.pipe(v.string('应为文本'), v.maxLength(128, '过长'))),
  /** 码上见代表: the deputy or station chosen by scanning its code (routing honours it when it can). */
  prefer: v.optional(nested({ deputyId: v.optional(idSchema), stationId: v.optional(idSchema) })),
});
export type SubmitAppealInput = v.InferOutput<typeof submitAppealInput>;

export const appealIdInput = <A extends string>(action: A) => v.object({ action: v.literal(action), id: idSchema });

export const rateAppealInput = v.object({
  action: v.literal('rate'),
  id: idSchema,
  rating: v.picklist(['satisfied', 'basically_satisfied', 'unsatisfied'], '请选择满意度'),
  comment: v.optional(text(0, 300, '评价')),
});

/** 回音壁: the exact public text first (with its digest), then publishing exactly that. */
export const publishInput = v.object({ action: v.literal('publish'), id: idSchema, digest: v.pipe(v.string('应为文本'), v.regex(/^[0-9a-f]{1,64}$/, '请先预览公开内容')) });
export const wallEditInput = v.object({
  action: v.literal('wallEdit'),
  id: idSchema,
  summary: v.optional(text(2, 60, '公开摘要')),
  reply: v.optional(text(2, 1000, '公开答复')),
});
export const wallWithdrawInput = v.object({ action: v.literal('wallWithdraw'), id: idSchema, reason: text(2, 200, '撤下原因') });

export const pageInput = <A extends string>(action: A) => v.object({ action: v.literal(action), cursor: cursorSchema });

export const deputyQueueInput = v.object({
  action: v.literal('queue'),
  status: v.optional(v.picklist(['assigned', 'in_progress', 'replied', 'closed'], '不是有效的状态')),
  cursor: cursorSchema,
});

export const progressInput = v.object({ action: v.literal('progress'), id: idSchema, note: text(2, 500, '进展说明') });
export const transferInput = v.object({ action: v.literal('transfer'), id: idSchema, department: text(2, 50, '部门'), note: text(2, 500, '交办说明') });
export const replyInput = v.object({
  action: v.literal('reply'),
  id: idSchema,
  content: text(5, 1000, '答复内容'),
  resolution: v.picklist(['implemented', 'in_plan', 'explained'], '请选择办理结果'),
});

export interface SubmitResult {
  _id: string;
  trackingNo: string;
  status: AppealStatus;
  statusLabel: string;
  assignee?: { deputyId: string; name: string };
  /** Where it went and why, in words a resident understands. */
  routeReason: string;
  /** When to expect the answer (once it landed with a deputy). */
  deadline?: DeadlineSummary;
}

/** What a deputy's action on an appeal answers. */
export interface AppealChangeResult {
  _id: string;
  status: AppealStatus;
  statusLabel: string;
  /** The text waits for staff review (moderation): nothing was shown or sent yet. */
  held?: true;
  heldMessage?: string;
}

/** The exact text the 回音壁 would show, and its digest to publish it with. */
export interface WallPreview {
  _id: string;
  communityName: string;
  category: string;
  summary: string;
  reply: string;
  digest: string;
}

export interface RateResult extends AppealChangeResult {
  reopenCount: number;
}

export type DeputyQueueStatus = 'assigned' | 'in_progress' | 'replied' | 'closed';

export interface AppealListItem {
  _id: string;
  trackingNo: string;
  status: AppealStatus;
  statusLabel: string;
  category: string;
  summary: string;
  createdAt: string;
  overdue?: boolean;
  /** What is due next (accept / reply / rate), counted on the working-day calendar when the list was read. */
  deadline?: DeadlineSummary;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** deputy.queue: one page of what the deputy holds, with counts per status. */
export interface DeputyQueuePage extends Page<AppealListItem> {
  counts: Record<DeputyQueueStatus, number>;
}

export interface TimelineEntry {
  at: string;
  status: AppealStatus;
  actorRole: 'resident' | 'deputy' | 'staff' | 'system';
  action: string;
  note?: string;
}

export interface AppealDetail {
  _id: string;
  trackingNo: string;
  status: AppealStatus;
  statusLabel: string;
  category: string;
  content: string;
  communityId: string;
  images: string[];
  location?: { latitude: number; longitude: number; name?: string };
  anonymous: boolean;
  publish: boolean;
  createdAt: string;
  assignee?: { deputyId: string; name: string };
  routeReason?: string;
  resolution?: Resolution;
  reply?: { content: string; at: string; resolution: Resolution };
  rating?: { value: Rating; comment?: string; at: string };
  reopenCount: number;
  supervised: boolean;
  overdue: boolean;
  rejectReason?: string;
  transfers: { department: string; note: string; at: string }[];
  /** Whether the 督办 flag is still live: only while the appeal is open (a closed case is not 督办中). */
  /** Full contact only for the assignee and staff; masked for the submitter; absent when anonymous. */
  contact?: { name?: string; phone?: string };
  timeline: TimelineEntry[];
  /** What is due next, as in the lists. */
  deadline?: DeadlineSummary;
  viewerIs: 'submitter' | 'assignee' | 'staff' | 'past_assignee';
}

export interface WallItem {
  _id: string;
  communityId: string;
  communityName: string;
  category: string;
  summary: string;
  reply: string;
  resolution: Resolution;
  rating?: Rating;
  closedAt: string;
}
