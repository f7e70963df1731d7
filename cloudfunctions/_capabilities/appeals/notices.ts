import { statusLabel, statusPhrase } from '../../../domain/appeals/labels';
import type { AppealEvent } from '../../../domain/appeals/state';
import { findById, type Db } from '../../_platform/db';
import type { Notice } from '../../_platform/outbox';
import type { AppealDoc } from './model';
import { summaryOf } from './views';

/** What happened, as the inbox title says it (the tracking number goes in the body, with what the appeal was about). */
const HEADLINES: Partial<Record<AppealDoc['status'], string>> = {
  assigned: '您的诉求已转给代表',
  in_progress: '代表正在办理您的诉求',
  replied: '代表已答复，请您评价',
  closed: '您的诉求已办结',
  rejected: '您的诉求未被受理',
};

/** The messages of an appeal change, rendered from the new state; keys carry the version so none repeats. */
export function renderNotice(a: AppealDoc, event: Exclude<AppealEvent, { type: 'duty_points' } | { type: 'duty_reversal' }>): Notice {
  switch (event.type) {
    case 'tell_deputy':
      return {
        toOpenid: event.openid,
        template: 'appealAssigned',
        // categoryName: the `thing` field shows words, never an id like `housing`.
        values: { trackingNo: a.trackingNo, category: event.categoryName, summary: summaryOf(a.content, 20), time: a.updatedAt },
        title: event.reason === 'redo' ? '诉求被退回重办' : '新诉求待受理',
        body: `${a.trackingNo}：${summaryOf(a.content)}`,
        link: `/packages/deputy/pages/appeal/index?id=${a._id}`,
        dedupeKey: `appeal-${a._id}-assigned-${a.version}`,
      };
    case 'tell_submitter':
      return {
        toOpenid: a.submitterOpenid,
        template: 'appealStatus',
        values: { trackingNo: a.trackingNo, status: statusPhrase(a.status, a), summary: summaryOf(a.content, 20), time: a.updatedAt },
        title: event.headline ?? HEADLINES[a.status] ?? `您的诉求${statusLabel(a.status, a)}`,
        body: `${event.body}\n「${summaryOf(a.content, 24)}」· 编号 ${a.trackingNo}`,
        link: `/pages/appeal-detail/index?id=${a._id}`,
        dedupeKey: `appeal-${a._id}-status-${a.version}`,
      };
    case 'supervision_notice':
      return {
        toOpenid: event.openid,
        template: 'supervision',
        values: { trackingNo: a.trackingNo, summary: summaryOf(a.content, 20), deadline: new Date(a.replyDeadline ?? a.updatedAt) },
        title: event.title,
        body: event.body,
        link: `/packages/deputy/pages/appeal/index?id=${a._id}`,
        dedupeKey: `appeal-${a._id}-${event.key}-${a.version}`,
      };
  }
}

/** Display name of an appeal's category (falls back to 其他诉求 for an unknown id). */
export async function categoryName(db: Db, categoryId: string): Promise<string> {
  const c = await findById(db, 'categories', categoryId);
  return typeof c?.name === 'string' && c.name ? c.name : '其他诉求';
}
