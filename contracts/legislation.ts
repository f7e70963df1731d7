import * as v from 'valibot';
import type { Adoption, AdoptionRollup, DraftStatus } from '../domain/legislation/adoption';
import { cursorSchema, idSchema } from './validation';

export const draftIdInput = <A extends string>(action: A) => v.object({ action: v.literal(action), draftId: idSchema });
export const commentInput = v.object({
  action: v.literal('comment'),
  requestId: v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '不是有效的请求编号')),
  draftId: idSchema,
  sectionId: v.optional(idSchema),
  content: v.pipe(v.string('应为文本'), v.trim(), v.minLength(5, '意见至少 5 个字'), v.maxLength(1000, '意见不能超过 1000 个字')),
});
export const myCommentsInput = v.object({ action: v.literal('myComments'), cursor: cursorSchema });
export const commentsInput = v.object({ action: v.literal('comments'), draftId: idSchema, adoption: v.optional(v.picklist(['pending', 'adopted', 'partially_adopted', 'not_adopted'], '不是有效的采纳结果')), cursor: cursorSchema });
export const adoptInput = v.object({
  action: v.literal('adopt'),
  id: idSchema,
  adoption: v.picklist(['adopted', 'partially_adopted', 'not_adopted'], '请选择采纳结果'),
  reason: v.pipe(v.string('应为文本'), v.trim(), v.maxLength(300, '理由不能超过 300 个字')),
});

export interface DraftSummary {
  _id: string;
  title: string;
  summary: string;
  status: DraftStatus;
  opensAt: string;
  closesAt: string;
  rollup: AdoptionRollup;
}

export interface DraftDetail extends DraftSummary {
  sections: { _id: string; title: string; text: string }[];
  myComments: CommentItem[];
}

export interface CommentItem {
  _id: string;
  draftId: string;
  sectionId: string | null;
  content: string;
  adoption: Adoption;
  adoptionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
  /** Only in the staff list. */
  communityId?: string | null;
}
