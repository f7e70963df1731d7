/**
 * 代表活动 (视察、专题调研、代表接待、小组活动): staff invite deputies; each confirms or asks for leave with a
 * reason; attendance is a check-in on the spot (scanning the activity's code) or marked by staff; after the
 * end staff settle it — attended, on leave, or absent without leave — which earns points through the duty
 * ledger (pending staff review); then staff publish a short report (moderated) residents read.
 */
import { contentPath, type ContentVerdict } from '../contentCheck';
import { dutyPointsFor, type DutyPointEntry, type PointTable } from '../duty/points';
import { refuse, type AuditNote, type Refusal } from '../outcome';

export const ACTIVITY_KINDS = ['inspection', 'research', 'reception', 'group'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = { inspection: '视察', research: '专题调研', reception: '代表接待', group: '小组活动' };

/** invited → confirmed | leave; after the activity: attended | leave | absent. */
export type InviteeStatus = 'invited' | 'confirmed' | 'leave' | 'attended' | 'absent';
export const INVITEE_LABELS: Record<InviteeStatus, string> = { invited: '待确认', confirmed: '已确认参加', leave: '已请假', attended: '已出席', absent: '缺席' };

export type ActivityStatus = 'open' | 'settled';
export type ReportStatus = 'published' | 'held';

/** Check-in opens this long before the start and closes at the end. */
export const CHECK_IN_EARLY_MS = 60 * 60_000;

export interface Invitee {
  deputyId: string;
  name: string;
  status: InviteeStatus;
  leaveReason?: string;
  respondedAt?: Date;
  checkedInAt?: Date;
  /** 'scan': the deputy scanned the code on the spot; 'staff': marked by staff. */
  checkedInBy?: 'scan' | 'staff';
}

export interface ActivityState {
  _id: string;
  kind: ActivityKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  stationId?: string;
  capacity: number;
  status: ActivityStatus;
  invitees: Invitee[];
  report?: { text: string; photos: string[]; status: ReportStatus; at: Date };
  version: number;
}

export interface ActivityOutcome {
  ok: true;
  patch: Partial<Omit<ActivityState, '_id' | 'version'>>;
  audit: AuditNote[];
  points: DutyPointEntry[];
}

export type ActivityDecision = ActivityOutcome | Refusal;

export interface NewActivity {
  kind: ActivityKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  capacity: number;
  invitees: { _id: string; name: string; active: boolean }[];
}

/** Staff create an activity: it must lie ahead, end after it starts, and invite no more than it holds. */
export function planActivity(a: NewActivity, now: Date): { ok: true; invitees: Invitee[] } | Refusal {
  if (a.endsAt.getTime() <= a.startsAt.getTime()) return refuse('INVALID_ARGUMENT', '结束时间应晚于开始时间');
  if (a.startsAt.getTime() <= now.getTime()) return refuse('INVALID_ARGUMENT', '开始时间应晚于现在');
  if (a.invitees.length === 0) return refuse('INVALID_ARGUMENT', '请至少邀请一位代表');
  if (a.invitees.length > a.capacity) return refuse('INVALID_ARGUMENT', `邀请人数（${a.invitees.length}）超过了人数上限（${a.capacity}）`);
  const inactive = a.invitees.find((d) => !d.active);
  if (inactive) return refuse('FAILED_PRECONDITION', `${inactive.name}代表已不在职，不能邀请`);
  return { ok: true, invitees: a.invitees.map((d) => ({ deputyId: d._id, name: d.name, status: 'invited' })) };
}

const NOT_INVITED = refuse('NOT_FOUND', '您不在这次活动的邀请名单中');
const SETTLED = refuse('FAILED_PRECONDITION', '活动已结束并完成考勤，不能再更改');

function withInvitee(a: ActivityState, deputyId: string, change: (i: Invitee) => Invitee): Invitee[] {
  return a.invitees.map((i) => (i.deputyId === deputyId ? change(i) : i));
}

/** A deputy confirms or asks for leave (with a reason) before the activity starts; they may change their mind until then. */
export function respond(a: ActivityState, deputyId: string, answer: { response: 'confirm' | 'leave'; reason?: string }, now: Date, openid: string): ActivityDecision {
  const me = a.invitees.find((i) => i.deputyId === deputyId);
  if (!me) return NOT_INVITED;
  if (a.status === 'settled') return SETTLED;
  if (now.getTime() >= a.startsAt.getTime()) return refuse('FAILED_PRECONDITION', '活动已经开始，不能再确认或请假；如有变化请联系街道人大工委');
  const reason = answer.reason?.trim() ?? '';
  if (answer.response === 'leave' && reason.length < 2) return refuse('INVALID_ARGUMENT', '请假请填写事由');
  const to: InviteeStatus = answer.response === 'confirm' ? 'confirmed' : 'leave';
  const invitees = withInvitee(a, deputyId, (i) => ({ deputyId: i.deputyId, name: i.name, status: to, respondedAt: now, ...(to === 'leave' ? { leaveReason: reason } : {}) }));
  return { ok: true, patch: { invitees }, audit: [{ action: answer.response === 'confirm' ? 'confirm' : 'ask_leave', actorRole: 'deputy', actorOpenid: openid, from: me.status, to, ...(reason ? { note: reason } : {}) }], points: [] };
}

/**
 * Attendance. By scan: the deputy themselves, from an hour before the start until the end. By staff: any
 * time before settling. Never more present than the capacity.
 */
export function checkIn(a: ActivityState, deputyId: string, by: 'scan' | 'staff', now: Date, openid: string): ActivityDecision {
  const me = a.invitees.find((i) => i.deputyId === deputyId);
  if (!me) return NOT_INVITED;
  if (a.status === 'settled') return SETTLED;
  if (me.status === 'attended') return refuse('CONFLICT', '已签到');
  if (by === 'scan') {
    if (now.getTime() < a.startsAt.getTime() - CHECK_IN_EARLY_MS) return refuse('FAILED_PRECONDITION', '活动开始前 1 小时才能签到');
    if (now.getTime() > a.endsAt.getTime()) return refuse('FAILED_PRECONDITION', '活动已结束，不能再扫码签到；请联系工作人员补登');
  }
  const present = a.invitees.filter((i) => i.status === 'attended').length;
  if (present >= a.capacity) return refuse('FAILED_PRECONDITION', '签到人数已满');
  const invitees = withInvitee(a, deputyId, (i) => ({ ...i, status: 'attended', checkedInAt: now, checkedInBy: by }));
  return { ok: true, patch: { invitees }, audit: [{ action: by === 'scan' ? 'check_in' : 'mark_attended', actorRole: by === 'scan' ? 'deputy' : 'staff', actorOpenid: openid, from: me.status, to: 'attended', note: me.name }], points: [] };
}

/**
 * After the end, staff settle attendance: whoever checked in attended, whoever asked for leave is on leave,
 * everyone else is absent without leave. Points follow the table and wait for staff review.
 */
export function settle(a: ActivityState, now: Date, openid: string, table: PointTable = {}): ActivityDecision {
  if (a.status === 'settled') return SETTLED;
  if (now.getTime() < a.endsAt.getTime()) return refuse('FAILED_PRECONDITION', '活动结束后才能完成考勤');
  const invitees = a.invitees.map((i): Invitee => (i.status === 'attended' || i.status === 'leave' ? i : { ...i, status: 'absent' }));
  const points = invitees.flatMap((i) => dutyPointsFor('activity.settle', i.deputyId, { id: a._id }, { attendance: i.status }, now, table));
  const count = (s: InviteeStatus) => invitees.filter((i) => i.status === s).length;
  return {
    ok: true,
    patch: { invitees, status: 'settled' },
    audit: [{ action: 'settle', actorRole: 'staff', actorOpenid: openid, from: 'open', to: 'settled', note: `出席 ${count('attended')} 人，请假 ${count('leave')} 人，缺席 ${count('absent')} 人` }],
    points,
  };
}

/** The report residents read: only once settled; a held one waits for review, a risky one is refused. */
export function publishReport(a: ActivityState, report: { text: string; photos: string[] }, verdict: ContentVerdict, now: Date, openid: string): ActivityDecision {
  if (a.status !== 'settled') return refuse('FAILED_PRECONDITION', '活动完成考勤后才能发布活动简报');
  const path = contentPath(verdict);
  if (path === 'refuse') return refuse('CONTENT_REJECTED', '简报内容未通过安全检查，请修改后再发布');
  const status: ReportStatus = path === 'publish' ? 'published' : 'held';
  return { ok: true, patch: { report: { ...report, status, at: now } }, audit: [{ action: 'publish_report', actorRole: 'staff', actorOpenid: openid, from: a.report?.status ?? 'none', to: status }], points: [] };
}

/** What a deputy may do on an activity now: the page shows exactly these. */
export function allowedResponses(a: Pick<ActivityState, 'status' | 'startsAt' | 'endsAt' | 'invitees'>, deputyId: string, now: Date): ('confirm' | 'leave' | 'check_in')[] {
  const me = a.invitees.find((i) => i.deputyId === deputyId);
  if (!me || a.status === 'settled') return [];
  const t = now.getTime();
  const out: ('confirm' | 'leave' | 'check_in')[] = [];
  if (t < a.startsAt.getTime()) {
    if (me.status !== 'confirmed') out.push('confirm');
    if (me.status !== 'leave') out.push('leave');
  }
  if (me.status !== 'attended' && t >= a.startsAt.getTime() - CHECK_IN_EARLY_MS && t <= a.endsAt.getTime()) out.push('check_in');
  return out;
}
