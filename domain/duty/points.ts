/**
 * 履职积分: points accrue from what the system saw a deputy do, and count only once staff review them
 * (an entry is pending until approved). Every trigger and every rule is in the two tables below. One entry
 * per thing, event kind and deputy; 落实 counts only once the resident is satisfied; a redo reverses what
 * the disputed reply earned; every entry names its appeal (tracking number) and says why.
 */
export const DUTY_EVENTS = ['appeal_replied', 'appeal_implemented', 'rated_satisfied', 'rated_unsatisfied', 'overdue', 'binding_vote', 'delivery_scored', 'activity_attended', 'activity_absent', 'mediation_agreed'] as const;
export type DutyEvent = (typeof DUTY_EVENTS)[number];

export const POINT_RULES: Record<DutyEvent, { points: number; label: string }> = {
  appeal_replied: { points: 2, label: '答复群众诉求' },
  appeal_implemented: { points: 1, label: '诉求落实到位' },
  rated_satisfied: { points: 1, label: '群众评价满意' },
  rated_unsatisfied: { points: -1, label: '群众评价不满意，退回重办' },
  overdue: { points: -1, label: '诉求超期，被列入督办' },
  binding_vote: { points: 2, label: '参加民生实事项目票决' },
  delivery_scored: { points: 1, label: '民生实事项目验收评分' },
  activity_attended: { points: 2, label: '参加代表活动' },
  activity_absent: { points: -1, label: '无故缺席代表活动' },
  mediation_agreed: { points: 2, label: '清茶议事化解纠纷' },
};

/** Staff may change a rule's points (settings `points` in the console); labels and triggers stay here. */
export type PointTable = Partial<Record<DutyEvent, number>>;

/** reversed: what a reply earned, taken back when the resident disputed it (不满意 → redo). */
export type PointStatus = 'pending' | 'approved' | 'rejected' | 'reversed';
export type DutyRefType = 'appeal' | 'ballot' | 'project' | 'activity' | 'mediation';

/** What the thing that happened tells the trigger. */
export interface TriggerDetail {
  resolution?: string;
  rating?: string;
  electorate?: string;
  /** Activities: attended / absent (without leave) / leave (approved absence earns nothing). */
  attendance?: string;
}

const SATISFIED = ['satisfied', 'basically_satisfied'];

/** The system events that earn a deputy points: the only place a trigger is written. */
export const DUTY_TRIGGERS = {
  'appeal.reply': { ref: 'appeal', events: (): DutyEvent[] => ['appeal_replied'] },
  // 落实 on the resident's word, not on the deputy's claim: an implemented reply the resident accepts.
  'appeal.rate_close': {
    ref: 'appeal',
    events: (d: TriggerDetail): DutyEvent[] => [...(d.resolution === 'implemented' && SATISFIED.includes(d.rating ?? '') ? ['appeal_implemented' as const] : []), ...(d.rating === 'satisfied' ? ['rated_satisfied' as const] : [])],
  },
  'appeal.rate_redo': { ref: 'appeal', events: (): DutyEvent[] => ['rated_unsatisfied'] },
  'appeal.mark_overdue': { ref: 'appeal', events: (): DutyEvent[] => ['overdue'] },
  'ballot.cast': { ref: 'ballot', events: (d: TriggerDetail): DutyEvent[] => (d.electorate === 'deputy' ? ['binding_vote'] : []) },
  'project.score': { ref: 'project', events: (): DutyEvent[] => ['delivery_scored'] },
  'activity.settle': { ref: 'activity', events: (d: TriggerDetail): DutyEvent[] => (d.attendance === 'attended' ? ['activity_attended'] : d.attendance === 'absent' ? ['activity_absent'] : []) },
  'mediation.agree': { ref: 'mediation', events: (): DutyEvent[] => ['mediation_agreed'] },
} satisfies Record<string, { ref: DutyRefType; events: (d: TriggerDetail) => DutyEvent[] }>;
export type DutyTrigger = keyof typeof DUTY_TRIGGERS;

export const isDutyTrigger = (name: string): name is DutyTrigger => Object.prototype.hasOwnProperty.call(DUTY_TRIGGERS, name);

/** One ledger entry: keyed by (event, thing, deputy) so the same kind of event never earns twice. */
export interface DutyPointEntry {
  _id: string;
  deputyId: string;
  event: DutyEvent;
  points: number;
  label: string;
  refType: DutyRefType;
  refId: string;
  /** The appeal's tracking number (受理编号), so a clerk can open what the entry is for. */
  trackingNo?: string;
  /** Why, in words a clerk and the deputy read. */
  reason: string;
  status: 'pending';
  at: Date;
}

export function dutyEntryId(event: DutyEvent, refId: string, deputyId: string): string {
  return `${event}-${refId}-${deputyId}`.slice(0, 120);
}

const REF_NAMES: Record<DutyRefType, string> = { appeal: '诉求', ballot: '票决', project: '项目', activity: '活动', mediation: '调解' };

/** The pending entries a trigger earns a deputy; none without a deputy. */
export function dutyPointsFor(trigger: DutyTrigger, deputyId: string | undefined, ref: { id: string; trackingNo?: string }, detail: TriggerDetail, at: Date, table: PointTable = {}): DutyPointEntry[] {
  if (!deputyId) return [];
  const rule = DUTY_TRIGGERS[trigger];
  return rule.events(detail).map((event) => ({
    _id: dutyEntryId(event, ref.id, deputyId),
    deputyId,
    event,
    points: typeof table[event] === 'number' && Number.isFinite(table[event]) ? (table[event] as number) : POINT_RULES[event].points,
    label: POINT_RULES[event].label,
    refType: rule.ref,
    refId: ref.id,
    ...(ref.trackingNo ? { trackingNo: ref.trackingNo } : {}),
    reason: `${POINT_RULES[event].label}（${REF_NAMES[rule.ref]} ${ref.trackingNo ?? ref.id}）`,
    status: 'pending',
    at,
  }));
}

/** What a disputed reply earned (its 答复 entry), to be reversed when the resident sends it back. */
export function disputedReplyEntries(appealId: string, replyDeputyId: string | undefined): string[] {
  return replyDeputyId ? [dutyEntryId('appeal_replied', appealId, replyDeputyId)] : [];
}

export interface PointEntry {
  event: DutyEvent;
  points: number;
  status: PointStatus;
}

/** Approved points count; pending ones are shown apart; rejected ones not at all. */
export function summarisePoints(entries: PointEntry[]): { approved: number; pending: number; byEvent: Record<DutyEvent, number> } {
  const byEvent = Object.fromEntries(DUTY_EVENTS.map((e) => [e, 0])) as Record<DutyEvent, number>;
  let approved = 0;
  let pending = 0;
  for (const e of entries) {
    if (e.status === 'approved') {
      approved += e.points;
      byEvent[e.event] += e.points;
    } else if (e.status === 'pending') pending += e.points;
  }
  return { approved, pending, byEvent };
}
