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

/** What happened, as the inbox title says it (the tracking number goes in the body, with what the appeal was about). */
const HEADLINES: Partial<Record<AppealDoc['status'], string>> = {
  assigned: '您的诉求已转给代表',
  in_progress: '代表正在办理您的诉求',
  replied: '代表已答复，请您评价',
  closed: '您的诉求已办结',
  rejected: '您的诉求未被受理',
};

export function statusNotice(a: AppealDoc, body: string, headline?: string): Notice {
  return {
    toOpenid: a.submitterOpenid,
    template: 'appealStatus',
    values: { trackingNo: a.trackingNo, status: statusPhrase(a.status, a), summary: summaryOf(a.content, 20), time: a.updatedAt },
    title: headline ?? HEADLINES[a.status] ?? `您的诉求${statusLabel(a.status, a)}`,
    body: `${body}\n「${summaryOf(a.content, 24)}」· 编号 ${a.trackingNo}`,
    link: `/pages/appeal-detail/index?id=${a._id}`,
    dedupeKey: `appeal-${a._id}-status-${a.version}`,
  };
}


/** Display name of an appeal's category (falls back to 其他诉求 for an unknown id). */
export async function categoryName(db: Db, categoryId: string): Promise<string> {
  const c = await findById(db, 'categories', categoryId);
  return typeof c?.name === 'string' && c.name ? c.name : '其他诉求';
}
