import * as v from 'valibot';
import type { BallotStatus, Electorate, Tally } from '../domain/ballots/rules';
import type { ProjectStatus, ProposalStatus } from '../domain/projects/lifecycle';
import type { ImageCheck } from '../domain/contentCheck';
import { fileIdSchema } from './appeal';
import { cursorSchema, idSchema } from './validation';

const text = (min: number, max: number, what: string) =>
  v.pipe(v.string('应为文本'), v.trim(), v.minLength(min, `${what}至少 ${min} 个字`), v.maxLength(max, `${what}不能超过 ${max} 个字`));
const isoDate = v.pipe(v.string('应为时间'), v.isoTimestamp('应为 ISO 时间'));

export const ballotIdInput = <A extends string>(action: A) => v.object({ action: v.literal(action), ballotId: idSchema });
export const castInput = v.object({
  action: v.literal('cast'),
  ballotId: idSchema,
  projectIds: v.pipe(v.array(idSchema, '应为项目列表'), v.maxLength(50, '选择过多')),
});
export const paperInput = v.object({
  action: v.literal('paper'),
  ballotId: idSchema,
  projectId: idSchema,
  count: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '不能为负数'), v.maxValue(1_000_000, '数值过大')),
  note: v.optional(text(0, 100, '说明')),
});
export const createBallotInput = v.object({
  action: v.literal('create'),
  title: text(4, 60, '标题'),
  description: text(0, 1000, '说明'),
  electorate: v.picklist(['resident', 'deputy'], '请选择投票对象'),
  projectIds: v.pipe(v.array(idSchema, '应为项目列表'), v.minLength(2, '至少 2 个候选项目'), v.maxLength(30, '最多 30 个候选项目')),
  minChoices: v.pipe(v.number('应为数字'), v.integer('应为整数')),
  maxChoices: v.pipe(v.number('应为数字'), v.integer('应为整数')),
  opensAt: isoDate,
  closesAt: isoDate,
  pairedBallotId: v.optional(idSchema),
});

/** Admin `recount` on the ballot function (no WeChat identity): the stored votes against the frozen tally. */
export const recountInput = v.object({ action: v.literal('recount'), ballotId: idSchema, restart: v.optional(v.boolean('应为是或否')) });

export const proposeInput = v.object({
  action: v.literal('propose'),
  requestId: v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '不是有效的请求编号')),
  title: text(4, 40, '项目名称'),
  description: text(10, 1000, '项目说明'),
  communityId: idSchema,
  cost: v.optional(v.pipe(v.number('应为数字'), v.minValue(0, '不能为负数'), v.maxValue(100_000_000, '金额过大'))),
  images: v.optional(v.pipe(v.array(fileIdSchema, '应为图片列表'), v.maxLength(6, '最多 6 张图片'))),
});
export const shortlistInput = v.object({
  action: v.literal('shortlist'),
  proposalIds: v.pipe(v.array(idSchema, '应为列表'), v.minLength(1, '至少选择一条建议'), v.maxLength(50, '一次最多 50 条')),
  title: text(4, 40, '项目名称'),
  summary: text(10, 300, '项目简介'),
  cost: v.optional(v.pipe(v.number('应为数字'), v.minValue(0, '不能为负数'), v.maxValue(100_000_000, '金额过大'))),
  communityId: v.optional(idSchema),
});
export const reviewProposalInput = v.object({
  action: v.literal('reviewProposal'),
  id: idSchema,
  decision: v.picklist(['approve', 'reject'], '请选择通过或不采纳'),
  reason: v.optional(text(4, 300, '理由')),
});
export const progressProjectInput = v.object({
  action: v.literal('progress'),
  projectId: idSchema,
  percent: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(0, '应为 0–100'), v.maxValue(100, '应为 0–100')),
  milestone: text(2, 100, '进度说明'),
  photos: v.optional(v.pipe(v.array(fileIdSchema, '应为图片列表'), v.maxLength(9, '最多 9 张图片'))),
  date: v.optional(isoDate),
});
export const scoreInput = v.object({
  action: v.literal('score'),
  projectId: idSchema,
  score: v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '应为 1–5 分'), v.maxValue(5, '应为 1–5 分')),
  comment: v.optional(text(0, 300, '意见')),
});
export const projectIdInput = <A extends string>(action: A) => v.object({ action: v.literal(action), projectId: idSchema });
export const proposalsInput = v.object({ action: v.literal('proposals'), status: v.optional(v.picklist(['submitted', 'pending_review', 'shortlisted', 'rejected'], '不是有效的状态')), cursor: cursorSchema });

export interface BallotSummary {
  _id: string;
  title: string;
  electorate: Electorate;
  status: BallotStatus;
  minChoices: number;
  maxChoices: number;
  opensAt: string;
  closesAt: string;
  candidateCount: number;
  /** When staff ended it early (before closesAt); absent when it ran to its end or is still open. */
  closedAt?: string;
  /** The other electorate's ballot on the same projects (residents' advisory ↔ deputies' binding). */
  pairedBallotId?: string;
  /** In `list`: whether the caller has voted in it. */
  voted?: boolean;
}

export interface Candidate {
  _id: string;
  title: string;
  summary: string;
  cost?: number;
  communityId?: string;
  images?: string[];
}

export interface BallotDetail extends BallotSummary {
  description: string;
  candidates: Candidate[];
  myVote?: { projectIds: string[]; at: string };
  mayVote: boolean;
}

export interface BallotResults {
  ballotId: string;
  status: BallotStatus;
  /**
   * Where the counts come from: `frozen` — the sealed tally of a closed ballot; `live` — the tally so far
   * plus the votes since (open, or closed until the next tally run after a minute); `recounted` — the frozen tally failed its
   * seal (edited outside the functions), so the votes were counted again.
   */
  count: 'live' | 'frozen' | 'recounted';
  voters: number;
  tallies: Tally[];
  turnoutByCommunity: { communityId: string; name: string; voters: number }[];
  paired?: { ballotId: string; electorate: Electorate; voters: number; tallies: Tally[] };
}

export interface CastResult {
  ballotId: string;
  projectIds: string[];
  at: string;
}

export interface PaperResult {
  ballotId: string;
  projectId: string;
  count: number;
}

export interface ProposeResult {
  _id: string;
  status: ProposalStatus;
}

/** A resident's own proposal (project.myProposals). */
export interface MyProposalItem {
  _id: string;
  title: string;
  status: ProposalStatus;
  projectId: string | null;
  reviewReason: string | null;
  createdAt: string | null;
}

/** A proposal in the staff pool (project.proposals). */
export interface ProposalItem {
  _id: string;
  title: string;
  description: string;
  /** Every image with its check, for staff's review (checking, pass, review, risky, error). */
  images: { fileId: string; check: ImageCheck }[];
  communityId: string;
  cost: number | null;
  status: ProposalStatus;
  reviewReason: string | null;
  createdAt: string | null;
}

export interface ProjectMilestone {
  percent: number;
  milestone: string;
  photos?: string[];
  date: string | null;
  at: string | null;
}

/** A project as everyone sees it. */
export interface ProjectPublic {
  _id: string;
  title: string;
  summary: string;
  cost: number | null;
  communityId: string | null;
  images: string[];
  status: ProjectStatus;
  percent: number;
  milestones: ProjectMilestone[];
}

export interface ProjectDetail extends ProjectPublic {
  following: boolean;
  deliveryScore: number | null;
  scoreCount: number;
  myScore: number | null;
}

export interface ProgressResult {
  projectId: string;
  percent: number;
  status: ProjectStatus;
  notified: number;
  /** The milestone waits for another look (moderation): nothing recorded or sent yet. */
  held?: true;
  heldMessage?: string;
}
