import * as v from 'valibot';
import { cursorSchema, idSchema } from './validation';

export interface InboxItem {
  _id: string;
  title: string;
  body: string;
  read: boolean;
  at: string;
  link?: string;
}

export interface InboxPage {
  items: InboxItem[];
  unread: number;
  nextCursor?: string;
}

export interface SubscriptionCredit {
  templateKey: string;
  title: string;
  credits: number;
}

export const inboxInput = v.object({ action: v.literal('inbox'), cursor: cursorSchema });
export const markReadInput = v.object({ action: v.literal('markRead'), ids: v.pipe(v.array(idSchema, '应为列表'), v.minLength(1, '至少选择一条'), v.maxLength(100, '一次最多 100 条')) });
/** After wx.requestSubscribeMessage: the template keys the person accepted at that tap. */
export const subscribeInput = v.object({
  action: v.literal('subscribe'),
  accepted: v.pipe(v.array(v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z]{1,40}$/, '不是有效的模板')), '应为列表'), v.minLength(1, '请至少选择一个模板'), v.maxLength(5, '一次最多 5 个模板')),
});
