import { statusLabel, statusPhrase } from '../../domain/appeals/labels';
import { summaryOf, type AppealDoc } from './appeals';
import { findById, type Db, type Doc } from './db';
import type { Notice } from './notify';

/** categoryName: the category's display name (the `thing` field shows words, never an id like `housing`). */
export function assignedNotice(a: AppealDoc, deputy: Doc, reason: 'new' | 'redo' | 'reassigned', categoryName: string): Notice {
  const title = reason === 'redo' ? '诉求被退回重办' : '新诉求待受理';
  return {
    toOpenid: deputy.openid,
    template: 'appealAssigned',
    values: { trackingNo: a.trackingNo, category: categoryName, summary: summaryOf(a.content, 20), time: a.updatedAt },
    title,
    body: `${a.trackingNo}：${summaryOf(a.content)}`,
    link: `/packages/deputy/pages/appeal/index?id=${a._id}`,
    dedupeKey: `appeal-${a._id}-assigned-${a.version}`,
  };
}

export function statusNotice(a: AppealDoc, body: string): Notice {
  return {
    toOpenid: a.submitterOpenid,
    template: 'appealStatus',
    values: { trackingNo: a.trackingNo, status: statusPhrase(a.status, a), summary: summaryOf(a.content, 20), time: a.updatedAt },
    title: `诉求 ${a.trackingNo} ${statusLabel(a.status, a)}`,
    body,
    link: `/pages/appeal-detail/index?id=${a._id}`,
    dedupeKey: `appeal-${a._id}-status-${a.version}`,
  };
}


/** Display name of an appeal's category (falls back to 其他诉求 for an unknown id). */
export async function categoryName(db: Db, categoryId: string): Promise<string> {
  const c = await findById(db, 'categories', categoryId);
  return typeof c?.name === 'string' && c.name ? c.name : '其他诉求';
}
