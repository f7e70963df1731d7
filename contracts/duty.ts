import type { AppealListItem } from './appeal';
import * as v from 'valibot';
import type { DutyEvent, DutyRefType, PointStatus } from '../domain/duty/points';
import { cursorSchema, idSchema } from './validation';

export interface DutyPointItem {
  _id: string;
  deputyId: string;
  deputyName?: string;
  event: DutyEvent;
  label: string;
  points: number;
  refType: DutyRefType;
  refId: string;
  /** The appeal's 受理编号 when the entry is about an appeal. */
  trackingNo?: string;
  /** Why the entry exists, in words. */
  reason: string;
  status: PointStatus;
  at: string;
  /** Why it does not count (a clerk's refusal, or the redo that reversed it): the deputy reads it. */
  reviewNote?: string;
}

/** 一人一档: what a deputy's record shows them. */
export interface DutyRecord {
  deputy: { _id: string; name: string; stationId: string; stationName: string; level: string; specialties: string[] };
  appeals: { assigned: number; in_progress: number; replied: number; closed: number; overdueNow: number };
  points: { approved: number; pending: number; byEvent: Record<DutyEvent, number> };
  recent: DutyPointItem[];
  /** 代表常在: activities attended / absent without leave, reception half-days held, 清茶 cases handled / agreed. */
  presence?: { attended: number; absent: number; receptions: number; mediations: number; agreed: number };
}

export const pointsQueueInput = v.object({ action: v.literal('pointsQueue'), cursor: cursorSchema });
export const reviewPointsInput = v.object({
  action: v.literal('reviewPoints'),
  ids: v.pipe(v.array(v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{1,120}$/, '不是有效的积分记录')), '应为列表'), v.minLength(1, '至少选择一条'), v.maxLength(50, '一次最多 50 条')),
  decision: v.picklist(['approve', 'reject'], '请选择通过或不计入'),
  note: v.optional(v.pipe(v.string('应为文本'), v.maxLength(200, '说明不能超过 200 个字'))),
});
export const recordInput = v.object({ action: v.literal('record'), deputyId: v.optional(idSchema) });

/** A deputy's 首页 (deputy.home): queue counts, due today, overdue, and the most urgent appeals. */
export interface DeputyHome {
  counts: { assigned: number; in_progress: number; replied: number; closed: number };
  dueToday: number;
  overdue: number;
  urgent: AppealListItem[];
}
