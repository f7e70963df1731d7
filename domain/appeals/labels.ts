import type { AppealStatus } from './lifecycle';

export type Resolution = 'implemented' | 'in_plan' | 'explained';
export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** Honest words for a resident: "replied" is not "solved", and "closed" says how. */
export function statusLabel(status: AppealStatus, detail: { closedReason?: 'rated' | 'unrated' | 'merged'; reopenCount?: number } = {}): string {
  switch (status) {
    case 'pending_review':
      return '待审核';
    case 'triage':
      return '待分派代表';
    case 'assigned':
      return (detail.reopenCount ?? 0) > 0 ? '重办中，待代表受理' : '已转给代表，待受理';
    case 'in_progress':
      return '代表办理中';
    case 'replied':
      return '已答复，待您评价';
    case 'closed':
      if (detail.closedReason === 'merged') return '已合并办理';
      return detail.closedReason === 'unrated' ? '已办结（未评价）' : '已办结';
    case 'rejected':
      return '未受理';
  }
}

export type StatusAudience = 'resident' | 'deputy' | 'staff';

/**
 * The status worded for who is looking: the resident is spoken to (待您评价); a deputy and staff read the
 * same state from their side (待居民评价, 待受理).
 */
export function statusLabelFor(status: AppealStatus, detail: { closedReason?: 'rated' | 'unrated' | 'merged'; reopenCount?: number } = {}, audience: StatusAudience = 'resident'): string {
  if (audience === 'resident') return statusLabel(status, detail);
  const redo = (detail.reopenCount ?? 0) > 0;
  switch (status) {
    case 'assigned':
      if (audience === 'deputy') return redo ? '居民不满意，待重新受理' : '待受理';
      return redo ? '重办中，待代表受理' : '已分派，待代表受理';
    case 'in_progress':
      return audience === 'deputy' ? '办理中' : '代表办理中';
    case 'replied':
      return '已答复，待居民评价';
    case 'closed':
      if (detail.closedReason === 'merged') return '已合并办理';
      return detail.closedReason === 'unrated' ? '已办结（居民未评价）' : '已办结';
    default:
      return statusLabel(status, detail);
  }
}

/**
 * The status as a WeChat `phrase` (≤ 5 Chinese characters, nothing else) for subscribe messages; the
 * message title and body carry the full wording of statusLabel.
 */
export function statusPhrase(status: AppealStatus, detail: { closedReason?: 'rated' | 'unrated' | 'merged'; reopenCount?: number } = {}): string {
  switch (status) {
    case 'pending_review':
      return '待审核';
    case 'triage':
      return '待分派';
    case 'assigned':
      return (detail.reopenCount ?? 0) > 0 ? '重办中' : '待受理';
    case 'in_progress':
      return '办理中';
    case 'replied':
      return '已答复';
    case 'closed':
      if (detail.closedReason === 'merged') return '已合并';
      return detail.closedReason === 'unrated' ? '自动办结' : '已办结';
    case 'rejected':
      return '未受理';
  }
}

export const RESOLUTION_LABELS: Record<Resolution, string> = {
  implemented: '已落实',
  in_plan: '纳入计划',
  explained: '解释说明',
};

export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
