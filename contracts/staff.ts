import * as v from 'valibot';
import type { SlaSettings } from '../domain/appeals/supervision';
import type { CalendarStatus } from '../domain/calendar';
import type { Role } from '../domain/roles';
import type { AppealListItem } from './appeal';
import { cursorSchema, idSchema } from './validation';

const reasonText = v.pipe(v.string('应为文本'), v.trim(), v.minLength(2, '原因至少 2 个字'), v.maxLength(200, '原因不能超过 200 个字'));
const openidSchema = v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '不是有效的用户'));

export const staffPageInput = <A extends string>(action: A) => v.object({ action: v.literal(action), cursor: cursorSchema });
export const moderateInput = v.object({
  action: v.literal('moderate'),
  id: idSchema,
  decision: v.picklist(['approve', 'reject'], '请选择通过或不予受理'),
  reason: v.optional(reasonText),
});
export const assignInput = v.object({ action: v.literal('assign'), id: idSchema, deputyId: idSchema });
export const blockInput = v.object({ action: v.literal('block'), openid: openidSchema, reason: reasonText });
export const unblockInput = v.object({ action: v.literal('unblock'), openid: openidSchema });
export const updateSettingsInput = v.object({
  action: v.literal('updateSettings'),
  acceptWorkingDays: v.optional(v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能小于 0'), v.maxValue(30, '不能大于 30'))),
  replyWorkingDays: v.optional(v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '不能小于 1'), v.maxValue(90, '不能大于 90'))),
  dailySubmitLimit: v.optional(v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '不能小于 1'), v.maxValue(100, '不能大于 100'))),
  /** The street office's public phone: residents are offered it (tap to call) when they cannot submit. */
  streetPhone: v.optional(v.pipe(v.string('应为文本'), v.trim(), v.regex(/^[\d+][\d -]{5,19}$/, '请填写电话号码，如 0571-88000100'))),
});
/** Find the person staff are about to act on: by name (from the first character), phone tail, or a tracking number; none = who is restricted now. */
export const peopleInput = v.object({
  action: v.literal('people'),
  query: v.optional(v.pipe(v.string('应为文本'), v.trim(), v.maxLength(20, '查找内容过长'))),
});
/** What audit entries are about (staff.history reads one entity's trail). */
export const AUDIT_ENTITY_TYPES = ['appeal', 'ballot', 'setting', 'user', 'proposal', 'duty', 'draft', 'street', 'deputy', 'calendar', 'pulse', 'suggestion', 'support', 'station', 'activity', 'mediation', 'moderation'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
export const historyInput = v.object({ action: v.literal('history'), entityType: v.picklist(AUDIT_ENTITY_TYPES, '不是有效的类型'), entityId: idSchema, cursor: cursorSchema });
export const findInput = v.object({ action: v.literal('find'), trackingNo: v.pipe(v.string('应为文本'), v.regex(/^\d{8}-\d{5}$/, '请输入完整的受理编号，如 20261128-04217')) });

export interface OverdueGroup {
  key: string;
  name: string;
  count: number;
  oldestAt: string;
}

export interface StaffDashboard {
  counts: { pending_review: number; triage: number; overdue: number; supervised: number; flagged: number };
  overdueByDeputy: OverdueGroup[];
  overdueByStation: OverdueGroup[];
  /** Whether the working calendar knows this year (and next); a warning when staff must enter one. */
  calendar: CalendarStatus;
}

/** A person as staff find them (账号限制, 工作人员): never the full phone, never the openid as a name. */
export interface PersonHit {
  openid: string;
  /** The name on their account, else the one they gave on their latest appeal; '' when none. */
  name: string;
  role: Role;
  blocked: boolean;
  blockedReason?: string;
  /** Last 4 digits of the phone on their latest appeal. */
  phoneTail?: string;
  communityId?: string;
  lastTrackingNo?: string;
}

/** One row of the staff queues (reviewQueue / triageQueue / overdue / flagged / find). */
export interface StaffAppealItem extends AppealListItem {
  communityId: string;
  assignee: string | null;
  contentCheck: 'pass' | 'review' | 'risky' | 'error' | null;
  overdueAt: string | null;
  replyDeadline: string | null;
  /** The deadline crosses a year with no holiday data: it counts weekends only. */
  deadlineWeekendsOnly?: true;
  consoleError: { value: unknown; reason: string; at: string } | null;
  /** Review queue: why the appeal waits for a person (账号受限 / 内容需人工复核 / 检查不可用). */
  heldBecause?: string;
}

/** The service levels as staff see and edit them; problems are console edits that were not applied. */
export interface SlaView {
  sla: SlaSettings;
  problems: string[];
  /** The street office's public phone (settings/street), in staff.settings / updateSettings. */
  streetPhone?: string;
}

export type BlockResult = PersonHit;

/** One audit entry as staff.history returns it. */
export interface HistoryEntry {
  _id: string;
  action: string;
  actorRole: 'resident' | 'deputy' | 'staff' | 'system';
  source: 'app' | 'console' | 'timer' | 'deploy';
  from?: string;
  to?: string;
  at: string;
  note?: string;
}
