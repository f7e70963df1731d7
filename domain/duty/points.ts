/**
 * 履职积分: points accrue from what the system saw a deputy do, and count only once staff review them
 * (an entry is pending until approved). One rule table, one place.
 */
export const DUTY_EVENTS = ['appeal_replied', 'appeal_implemented', 'rated_satisfied', 'rated_unsatisfied', 'overdue', 'binding_vote', 'delivery_scored'] as const;
export type DutyEvent = (typeof DUTY_EVENTS)[number];

export const POINT_RULES: Record<DutyEvent, { points: number; label: string }> = {
  appeal_replied: { points: 2, label: '答复群众诉求' },
  appeal_implemented: { points: 1, label: '诉求落实到位' },
  rated_satisfied: { points: 1, label: '群众评价满意' },
  rated_unsatisfied: { points: -1, label: '群众评价不满意，退回重办' },
  overdue: { points: -1, label: '诉求超期，被列入督办' },
  binding_vote: { points: 2, label: '参加民生实事项目票决' },
  delivery_scored: { points: 1, label: '民生实事项目验收评分' },
};

export type PointStatus = 'pending' | 'approved' | 'rejected';

export interface PointEntry {
  event: DutyEvent;
  points: number;
  status: PointStatus;
}

/** Which events an appeal transition earns its deputy. */
export function appealDutyEvents(command: string, detail: { resolution?: string; rating?: string }): DutyEvent[] {
  switch (command) {
    case 'reply':
      return detail.resolution === 'implemented' ? ['appeal_replied', 'appeal_implemented'] : ['appeal_replied'];
    case 'rate_close':
      return detail.rating === 'satisfied' ? ['rated_satisfied'] : [];
    case 'rate_redo':
      return ['rated_unsatisfied'];
    case 'mark_overdue':
      return ['overdue'];
    default:
      return [];
  }
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
