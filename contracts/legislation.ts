import * as v from 'valibot';
import type { Adoption, AdoptionRollup, DraftStatus } from '../domain/legislation/adoption';
import type { LiaisonPoint } from '../domain/legislation/points';
import type { CompiledSection, LegislativeYear } from '../domain/legislation/submission';
import { cursorSchema, idSchema } from './validation';

export const draftIdInput = <A extends string>(action: A) => v.object({ action: v.literal(action), draftId: idSchema });
export const commentInput = v.object({
  action: v.literal('comment'),
  requestId: v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '不是有效的请求编号')),
  draftId: idSchema,
  sectionId: v.optional(idSchema),
  content: v.pipe(v.string('应为文本'), v.trim(), v.minLength(5, '意见至少 5 个字'), v.maxLength(1000, '意见不能超过 1000 个字')),
  /** The 1+17+N point the resident sends it through (none: online). */
  pointId: v.optional(idSchema),
});
/** A deputy or staff member enters an opinion collected offline at a point (座谈会, 走访, a unit's letter). */
export const recordOfflineInput = v.object({
  action: v.literal('recordOffline'),
  requestId: v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '不是有效的请求编号')),
  draftId: idSchema,
  sectionId: v.optional(idSchema),
  content: v.pipe(v.string('应为文本'), v.trim(), v.minLength(5, '意见至少 5 个字'), v.maxLength(1000, '意见不能超过 1000 个字')),
  pointId: idSchema,
  contributorName: v.optional(v.pipe(v.string('应为文本'), v.trim(), v.minLength(1, '请填写提出人'), v.maxLength(30, '提出人不能超过 30 个字'))),
});
export const yearFiguresInput = v.object({ action: v.literal('yearFigures'), year: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(2000, '年份不正确'), v.maxValue(2100, '年份不正确')) });
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
  /** The higher congress whose draft it is (市/区人大常委会). */
  issuingBody: string;
  /** When the street's compiled opinions went to it; null before. */
  submittedAt: string | null;
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
  /** The point it came through (线上 when none was chosen). */
  pointName: string;
  channel: 'online' | 'offline';
  /** Only in the staff list. */
  communityId?: string | null;
  contributorName?: string | null;
  submitted?: boolean;
}

export interface LiaisonPoints {
  /** "1+17+N" as counted. */
  formula: string;
  points: LiaisonPoint[];
}

/** The street's compiled submission of a draft's opinions to the higher congress. */
export interface SubmissionView {
  draftId: string;
  title: string;
  issuingBody: string;
  total: number;
  sections: { sectionId: string | null; title: string; count: number }[];
  byPoint: { pointId: string; pointName: string; count: number }[];
  createdAt: string;
  /** The exported sheet (cloud file id and a temporary link to open it). */
  fileId: string | null;
  url: string;
}

export type { CompiledSection, LegislativeYear };
