/** An appeal as the rules see it, and what a command answers about one. */
import type { DutyPointEntry } from '../duty/points';
import type { AuditNote, Refusal } from '../outcome';
import type { Role } from '../roles';
import type { HolidayData } from '../calendar';
import type { Rating, Resolution } from './labels';
import type { AppealCommand, AppealStatus } from './lifecycle';
import type { RoutingDecision } from './routing';
import type { SlaSettings, SupervisionFields } from './supervision';
import type { WallEntry, WallInput } from './wall';

export interface AppealState extends SupervisionFields {
  _id: string;
  trackingNo: string;
  submitterOpenid: string;
  communityId: string;
  category: string;
  content: string;
  status: AppealStatus;
  assigneeDeputyId?: string;
  assigneeName?: string;
  pastAssigneeIds: string[];
  routing?: RoutingDecision;
  reply?: { content: string; at: Date; resolution: Resolution; deputyId: string };
  resolution?: Resolution;
  /** via 'callback': recorded by the handler from a follow-up call (回访) before the resident claimed it. */
  rating?: { value: Rating; comment?: string; at: Date; via?: 'callback' };
  /** Filed for a resident by a deputy or staff (代客录入); claimed once the resident takes it over. */
  intake?: WalkInIntake;
  /** What the resident chose by scanning a code (码上见代表). */
  preferred?: { deputyId?: string; stationId?: string };
  closedReason?: 'rated' | 'unrated' | 'merged';
  /** The case a merged duplicate now follows. */
  mergedInto?: string;
  /** The 代表建议 whose answer became this appeal's reply. */
  suggestionId?: string;
  rejectReason?: string;
  /** Why it waits for staff review (账号受限 / 内容需人工复核 / 检查不可用), set when it is held. */
  holdReason?: string;
  transfers: { department: string; note: string; at: Date }[];
  reopenCount: number;
  acceptedAt?: Date;
  repliedAt?: Date;
  closedAt?: Date;
  /** On the 回音壁: only once the resident published it; `wall` is the public copy made then. */
  publish?: boolean;
  wall?: WallEntry | null;
  version: number;
  updatedAt: Date;
}

export type IntakeChannel = 'station' | 'phone' | 'visit';

export interface WalkInIntake {
  channel: IntakeChannel;
  byOpenid: string;
  byRole: 'deputy' | 'staff';
  byDeputyId?: string;
  residentName: string;
  /** Last four digits of the resident's phone: what the claim checks (the full number is in contact). */
  phoneTail: string;
  claimedBy?: string;
  claimedAt?: Date;
}

/** The submitter of a walk-in appeal until it is claimed: never a WeChat OPENID. */
export const unclaimedSubmitter = (appealId: string): string => `walkin:${appealId}`;
export const isUnclaimed = (a: { intake?: WalkInIntake; submitterOpenid: string }): boolean => !!a.intake && !a.intake.claimedBy;

/** The fields a command changes (status included); the writer adds version and updatedAt. */
export type AppealPatch = Partial<Omit<AppealState, '_id' | 'version' | 'updatedAt'>>;

/** Who acts: a signed-in person (their relation to the appeal decides), a timer, or staff through the console. */
export type AppealActor = ({ kind: 'person' } & { openid: string; role: Role; deputyId?: string }) | { kind: 'timer' } | { kind: 'console' };

/** A deputy an appeal can land with. */
export interface DeputyRef {
  _id: string;
  name: string;
  active?: boolean;
  /** The deputy's bound WeChat account; none = cannot receive appeals. */
  openid?: string;
}

/** Where routing sent it: the decision and, when it chose one, the deputy. */
export interface Routed {
  decision: RoutingDecision;
  deputy?: DeputyRef;
  categoryName: string;
}

export interface AppealContext {
  now: Date;
  /** Needed by commands that land an appeal with a deputy (route, approve, assign, redo). */
  sla?: SlaSettings;
  calendar?: HolidayData;
}

/** Something a change causes beside the patch. */
export type AppealEvent =
  | { type: 'tell_submitter'; body: string; /** The inbox title, when the status alone does not say what happened. */ headline?: string }
  | { type: 'tell_deputy'; openid: string; reason: 'new' | 'redo' | 'reassigned'; categoryName: string }
  | { type: 'supervision_notice'; openid: string; title: string; body: string; key: string }
  | { type: 'duty_points'; entries: DutyPointEntry[] }
  | { type: 'duty_reversal'; ids: string[]; reason: string };

export interface AppealOutcome {
  ok: true;
  command: AppealCommand | 'submit' | 'claim' | WallInput['command'] | 'attach_comment';
  from: AppealStatus | 'new';
  to: AppealStatus;
  patch: AppealPatch;
  audit: AuditNote[];
  events: AppealEvent[];
}

export type AppealDecision = AppealOutcome | Refusal;
