/** 代表建议 from clusters of appeals, and 我也遇到 (support an existing case instead of filing again). */
import * as v from 'valibot';
import type { Resolution } from '../domain/appeals/labels';
import type { SuggestionStatus, SuggestionStep } from '../domain/suggestions/lifecycle';
import { cursorSchema, idSchema, nested } from './validation';

const text = (min: number, max: number, what: string) => v.pipe(v.string('应为文本'), v.trim(), v.minLength(min, `${what}至少 ${min} 个字`), v.maxLength(max, `${what}不能超过 ${max} 个字`));
const requestIdSchema = v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '不是有效的请求编号'));
const resolutionSchema = v.picklist(['implemented', 'in_plan', 'explained'], '请选择办理结果');

export const proposeInput = v.object({
  action: v.literal('propose'),
  requestId: requestIdSchema,
  appealIds: v.pipe(v.array(idSchema, '应为编号列表'), v.minLength(2, '至少选择 2 件诉求'), v.maxLength(50, '最多 50 件诉求')),
  title: text(4, 40, '建议标题'),
  content: text(10, 2000, '建议内容'),
  department: text(2, 30, '承办部门'),
});

export const stepInput = v.variant('step', [
  v.object({ action: v.literal('step'), id: idSchema, step: v.literal('assign'), department: text(2, 30, '承办部门'), note: v.optional(v.pipe(v.string('应为文本'), v.trim(), v.maxLength(200, '说明不能超过 200 个字'))) }),
  v.object({ action: v.literal('step'), id: idSchema, step: v.literal('answer'), answer: text(4, 1000, '答复内容'), resolution: resolutionSchema }),
  v.object({ action: v.literal('step'), id: idSchema, step: v.literal('implement'), note: text(4, 500, '落实情况') }),
], '请选择办理环节');

export const suggestionIdInput = <A extends string>(action: A) => v.object({ action: v.literal(action), id: idSchema });
export const appealRefInput = <A extends string>(action: A) => v.object({ action: v.literal(action), appealId: idSchema });
export const suggestionsInput = v.object({ action: v.literal('list'), mine: v.optional(v.boolean('应为是或否')), cursor: cursorSchema });

export const similarInput = v.object({
  action: v.literal('similar'),
  communityId: idSchema,
  category: v.optional(idSchema),
  content: v.pipe(v.string('应为文本'), v.maxLength(1000, '内容过长')),
  location: v.optional(nested({
    latitude: v.pipe(v.number('应为数字'), v.minValue(-90), v.maxValue(90)),
    longitude: v.pipe(v.number('应为数字'), v.minValue(-180), v.maxValue(180)),
    name: v.optional(v.pipe(v.string('应为文本'), v.maxLength(100, '过长'))),
  })),
});

export const mergeInput = v.object({ action: v.literal('merge'), id: idSchema, intoId: idSchema });

/** A proposed cluster, as a deputy or staff reads it before accepting it. */
export interface ClusterView {
  key: string;
  category: string;
  categoryName: string;
  communityNames: string[];
  score: number;
  reasons: string[];
  appeals: { _id: string; trackingNo: string; summary: string; statusLabel: string; supporters: number }[];
}

export interface SuggestionStepView {
  step: SuggestionStep | 'propose';
  label: string;
  at: string;
  note: string;
}

export interface SuggestionItem {
  _id: string;
  code: string;
  title: string;
  department: string;
  status: SuggestionStatus;
  statusLabel: string;
  appealCount: number;
  createdAt: string;
  answeredAt: string | null;
}

export interface SuggestionDetail extends SuggestionItem {
  content: string;
  proposerName: string;
  answer: string | null;
  resolution: Resolution | null;
  implementNote: string | null;
  steps: SuggestionStepView[];
  /** The step the viewer may take now (null: none, or not theirs to handle). */
  nextStep: SuggestionStep | null;
  /** Only for staff and the proposing deputy. */
  appeals?: { _id: string; trackingNo: string; summary: string; statusLabel: string }[];
}

/** A public case as others see it (redacted), with its support. */
export interface PublicCase {
  _id: string;
  summary: string;
  categoryName: string;
  communityName: string;
  statusLabel: string;
  supporters: number;
  supportedByMe: boolean;
  mine: boolean;
  reply: string | null;
  reason?: string;
}

/** What an appeal's page shows beside it: its 代表建议, its support, what it was merged into. */
export interface AppealLinks {
  suggestion: SuggestionItem | null;
  supporters: number;
  mergedInto: string | null;
}

export interface SupportResult {
  appealId: string;
  supporters: number;
  supportedByMe: true;
}
