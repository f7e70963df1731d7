/** 代表常在: stations, the reception roster, 码上见代表 codes, activities, walk-in intake, 清茶 mediation. */
import * as v from 'valibot';
import type { IntakeChannel } from '../domain/appeals/state';
import type { ActivityKind, ActivityStatus, InviteeStatus, ReportStatus } from '../domain/presence/activities';
import type { MediationStatus, MediationStep, Referral } from '../domain/presence/mediation';
import type { HalfDay } from '../domain/presence/roster';
import { fileIdSchema, phoneSchema } from './appeal';
import type { SubmitResult } from './appeal';
import type { StationKind } from './directory';
import { cursorSchema, idSchema, nested } from './validation';

const text = (min: number, max: number, what: string) =>
  v.pipe(v.string('应为文本'), v.trim(), v.minLength(min, `${what}至少 ${min} 个字`), v.maxLength(max, `${what}不能超过 ${max} 个字`));
const daySchema = v.pipe(v.string('应为文本'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日'));
const instantSchema = v.pipe(v.string('应为文本'), v.isoTimestamp('时间格式不正确'));
const requestIdSchema = v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '不是有效的请求编号'));
const halfSchema = v.picklist(['am', 'pm'], '请选择上午或下午');
const deputyIdsSchema = v.pipe(v.array(idSchema, '应为代表列表'), v.maxLength(30, '最多 30 位代表'));

// ——— stations and the roster ———
export const stationInput = v.object({ action: v.literal('station'), stationId: idSchema });
export const todayInput = v.object({ action: v.literal('today'), communityId: v.optional(idSchema) });
export const saveStationInput = v.object({
  action: v.literal('saveStation'),
  stationId: idSchema,
  hours: text(2, 100, '开放时间'),
  intro: v.optional(text(0, 300, '简介')),
  location: v.optional(nested({ latitude: v.pipe(v.number('应为数字'), v.minValue(-90), v.maxValue(90)), longitude: v.pipe(v.number('应为数字'), v.minValue(-180), v.maxValue(180)) })),
});
export const setRosterInput = v.object({ action: v.literal('setRoster'), stationId: idSchema, day: daySchema, half: halfSchema, deputyIds: v.pipe(v.array(idSchema, '应为代表列表'), v.maxLength(6, '每个半天最多 6 位代表')) });
export const codeInput = v.object({ action: v.literal('code'), kind: v.picklist(['station', 'deputy', 'activity'], '请选择生成哪种码'), id: idSchema });

// ——— activities ———
export const createActivityInput = v.object({
  action: v.literal('createActivity'),
  requestId: requestIdSchema,
  kind: v.picklist(['inspection', 'research', 'reception', 'group'], '请选择活动类型'),
  title: text(2, 40, '活动名称'),
  startsAt: instantSchema,
  endsAt: instantSchema,
  place: text(2, 60, '活动地点'),
  stationId: v.optional(idSchema),
  capacity: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '人数上限至少 1 人'), v.maxValue(200, '人数上限最多 200 人')),
  deputyIds: v.pipe(deputyIdsSchema, v.minLength(1, '请至少邀请一位代表')),
});
export const activitiesInput = v.object({ action: v.literal('activities'), cursor: cursorSchema });
export const activityInput = v.object({ action: v.literal('activity'), id: idSchema });
export const respondInput = v.object({ action: v.literal('respond'), id: idSchema, response: v.picklist(['confirm', 'leave'], '请选择参加或请假'), reason: v.optional(text(0, 100, '请假事由')) });
export const checkInInput = v.object({ action: v.literal('checkIn'), id: idSchema });
export const markAttendanceInput = v.object({ action: v.literal('markAttendance'), id: idSchema, deputyId: idSchema });
export const settleInput = v.object({ action: v.literal('settle'), id: idSchema });
export const publishReportInput = v.object({
  action: v.literal('publishReport'),
  id: idSchema,
  text: text(10, 800, '活动简报'),
  photos: v.optional(v.pipe(v.array(fileIdSchema, '应为图片列表'), v.maxLength(9, '最多 9 张图片'))),
});

// ——— walk-in intake ———
export const intakeInput = v.object({
  action: v.literal('intake'),
  requestId: requestIdSchema,
  channel: v.picklist(['station', 'phone', 'visit'], '请选择来访方式'),
  residentName: text(1, 20, '群众姓名'),
  residentPhone: phoneSchema,
  communityId: idSchema,
  category: idSchema,
  content: text(5, 1000, '诉求内容'),
});
export const claimInput = v.object({
  action: v.literal('claim'),
  trackingNo: v.pipe(v.string('应为文本'), v.trim(), v.regex(/^\d{8}-\d{5}$/, '请填写完整的诉求编号，如 20261128-04217')),
  phoneTail: v.pipe(v.string('应为文本'), v.trim(), v.regex(/^\d{4}$/, '请填写手机号后四位')),
});
export const callbackInput = v.object({
  action: v.literal('callback'),
  id: idSchema,
  rating: v.picklist(['satisfied', 'basically_satisfied', 'unsatisfied'], '请选择满意度'),
  comment: v.optional(text(0, 300, '回访记录')),
});

// ——— 清茶 mediation ———
export const mediationsInput = v.object({ action: v.literal('mediations'), cursor: cursorSchema });
export const mediationInput = v.object({ action: v.literal('mediation'), id: idSchema });
export const openMediationInput = v.object({
  action: v.literal('openMediation'),
  requestId: requestIdSchema,
  communityId: idSchema,
  parties: v.pipe(v.array(text(1, 20, '当事人'), '应为当事人列表'), v.minLength(2, '至少两方当事人'), v.maxLength(10, '最多 10 方当事人')),
  summary: text(5, 500, '纠纷概况'),
  /** Staff name the handling deputies; a deputy who opens a case handles it. */
  deputyIds: v.optional(deputyIdsSchema),
});
export const mediationStepInput = v.object({
  action: v.literal('mediationStep'),
  id: idSchema,
  step: v.picklist(['hear', 'dispute', 'common', 'face', 'ladder', 'agree'], '不是有效的步骤'),
  note: text(2, 500, '记录'),
  day: daySchema,
});
export const closeMediationInput = v.object({
  action: v.literal('closeMediation'),
  id: idSchema,
  outcome: v.picklist(['agreement', 'referral'], '请选择达成协议或转交'),
  day: daySchema,
  text: v.optional(text(0, 1000, '协议内容')),
  partiesConfirmed: v.optional(v.boolean('应为是或否')),
  referTo: v.optional(v.picklist(['mediation_committee', 'court', 'petition_office'], '请选择转交去向')),
  note: v.optional(text(0, 300, '转交说明')),
});

// ——— answers ———
export interface RosterEntryView {
  _id: string;
  stationId: string;
  stationName: string;
  deputyId: string;
  deputyName: string;
  day: string;
  half: HalfDay;
  /** "12月3日（周四）上午" */
  when: string;
}

export interface ReportView {
  activityId: string;
  title: string;
  kind: ActivityKind;
  kindLabel: string;
  day: string;
  text: string;
  photos: string[];
}

export interface StationPage {
  _id: string;
  name: string;
  kind: StationKind;
  address: string;
  phone: string;
  hours: string;
  intro: string;
  location?: { latitude: number; longitude: number };
  deputies: { _id: string; name: string }[];
  today: RosterEntryView[];
  upcoming: RosterEntryView[];
  reports: ReportView[];
  /** Staff only: the whole roster window, for editing. */
  editable?: boolean;
}

export interface TodayAtStations {
  communityId: string | null;
  entries: RosterEntryView[];
}

export interface CodeResult {
  kind: 'station' | 'deputy' | 'activity';
  id: string;
  scene: string;
  page: string;
  fileId: string | null;
  url: string | null;
  error?: string;
}

export interface InviteeView {
  deputyId: string;
  name: string;
  status: InviteeStatus;
  statusLabel: string;
  leaveReason?: string;
  checkedInBy?: 'scan' | 'staff';
}

export interface ActivityView {
  _id: string;
  kind: ActivityKind;
  kindLabel: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  stationId: string | null;
  capacity: number;
  status: ActivityStatus;
  invitees: InviteeView[];
  /** The caller's own invitation, when they are invited. */
  mine?: InviteeView;
  /** What the calling deputy may do now (domain/presence/activities.ts allowedResponses). */
  allowed: ('confirm' | 'leave' | 'check_in')[];
  report?: { text: string; photos: string[]; status: ReportStatus };
}

export interface MyDuties {
  receptions: RosterEntryView[];
  activities: ActivityView[];
}

export interface IntakeResult extends SubmitResult {
  channel: IntakeChannel;
}

export interface ClaimResult {
  _id: string;
  trackingNo: string;
}

export interface MediationView {
  _id: string;
  communityId: string;
  communityName: string;
  parties: string[];
  summary: string;
  status: MediationStatus;
  statusLabel: string;
  handlerDeputyIds: string[];
  steps: { step: MediationStep; label: string; note: string; day: string }[];
  nextStep: MediationStep | null;
  agreement?: { text: string; partiesConfirmed: boolean; day: string };
  referral?: { to: Referral; label: string; note: string; day: string };
  createdAt: string;
}
