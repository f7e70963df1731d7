import type { DutyRefType, PointStatus } from '../../domain/duty/points';

/** 履职积分 with its sign: +2, -1, 0. */
export const signedPoints = (n: number): string => (n > 0 ? `+${n}` : String(n));

/** A point entry's review state: words and badge tone. */
export const POINT_STATUS: Record<PointStatus, { label: string; badge: string }> = {
  pending: { label: '待审核', badge: 'lxq-badge lxq-badge--warn' },
  approved: { label: '已计入', badge: 'lxq-badge lxq-badge--ok' },
  rejected: { label: '不计入', badge: 'lxq-badge' },
  reversed: { label: '已撤回', badge: 'lxq-badge' },
};

/** What a point entry is about (refType). */
export const POINT_REF_LABEL: Record<DutyRefType, string> = {
  appeal: '群众诉求',
  ballot: '项目票决',
  project: '民生实事项目',
  activity: '代表活动',
  mediation: '清茶议事',
};

export const RECORD_PAGE = '/packages/deputy/pages/record/index';
