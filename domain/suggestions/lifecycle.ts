/**
 * A formal 代表建议 drawn from a cluster of appeals: drafted → 交办 (assigned to a department) → 答复 (the
 * department's answer, with its resolution) → 落实 (carried out). Each step is dated and tells every resident
 * whose appeal it carries.
 */
import type { Resolution } from '../appeals/labels';
import type { AppealStatus } from '../appeals/lifecycle';
import { refuse, type Refusal } from '../outcome';

export const SUGGESTION_STATUSES = ['drafted', 'assigned', 'answered', 'implemented'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const SUGGESTION_STATUS_LABELS: Record<SuggestionStatus, string> = {
  drafted: '已提出',
  assigned: '已交办',
  answered: '已答复',
  implemented: '已落实',
};

export type SuggestionStep = 'assign' | 'answer' | 'implement';

export const STEP_FROM: Record<SuggestionStep, { from: SuggestionStatus; to: SuggestionStatus; label: string }> = {
  assign: { from: 'drafted', to: 'assigned', label: '交办' },
  answer: { from: 'assigned', to: 'answered', label: '答复' },
  implement: { from: 'answered', to: 'implemented', label: '落实' },
};

/** The next step a suggestion may take (pages offer exactly this). */
export function nextStep(status: SuggestionStatus): SuggestionStep | null {
  return (Object.keys(STEP_FROM) as SuggestionStep[]).find((s) => STEP_FROM[s].from === status) ?? null;
}

/** Appeals a suggestion may carry: routed and not refused; closed ones only to tell their residents. */
export const LINKABLE_STATUSES: readonly AppealStatus[] = ['triage', 'assigned', 'in_progress', 'replied', 'closed'];
/** Appeals whose reply the department's answer becomes (the rest are told only). */
export const ANSWERABLE_STATUSES: readonly AppealStatus[] = ['triage', 'assigned', 'in_progress'];

export const MIN_APPEALS = 2;
export const MAX_APPEALS = 50;

export interface SuggestionActor {
  openid: string;
  role: 'resident' | 'deputy' | 'staff';
  deputyId?: string;
}

export interface SuggestionState {
  status: SuggestionStatus;
  proposerOpenid: string;
}

/** Staff, or the deputy who put the suggestion forward. */
export function mayHandle(s: SuggestionState, actor: SuggestionActor): boolean {
  return actor.role === 'staff' || (actor.role === 'deputy' && s.proposerOpenid === actor.openid);
}

export interface DraftInput {
  appeals: readonly { _id: string; status: AppealStatus; communityIds?: string[]; communityId: string }[];
  /** Communities a deputy may act for; undefined = staff (all). */
  scope?: readonly string[];
}

export function mayDraft(input: DraftInput): { ok: true } | Refusal {
  if (input.appeals.length < MIN_APPEALS) return refuse('INVALID_ARGUMENT', `一条代表建议至少要包含 ${MIN_APPEALS} 件诉求`);
  const bad = input.appeals.find((a) => !LINKABLE_STATUSES.includes(a.status));
  if (bad) return refuse('FAILED_PRECONDITION', '待审核或未受理的诉求不能纳入代表建议');
  if (input.scope && input.appeals.some((a) => !input.scope!.includes(a.communityId))) return refuse('PERMISSION_DENIED', '只能把您联系社区的诉求纳入代表建议');
  return { ok: true };
}

export type StepInput =
  | { step: 'assign'; department: string; note?: string }
  | { step: 'answer'; answer: string; resolution: Resolution }
  | { step: 'implement'; note: string };

export interface StepOutcome {
  ok: true;
  from: SuggestionStatus;
  to: SuggestionStatus;
  patch: Record<string, unknown>;
  note: string;
  /** What every linked resident reads. */
  tell: { headline: string; body: string };
}

const RESOLUTION_WORDS: Record<Resolution, string> = { implemented: '已落实', in_plan: '纳入计划', explained: '解释说明' };

export function takeStep(s: SuggestionState & { title: string; department: string }, actor: SuggestionActor, input: StepInput, at: Date): StepOutcome | Refusal {
  if (!mayHandle(s, actor)) return refuse('PERMISSION_DENIED', '只有提出建议的代表或街道工作人员可以办理');
  const rule = STEP_FROM[input.step];
  if (s.status !== rule.from) return refuse('FAILED_PRECONDITION', `这条建议当前为「${SUGGESTION_STATUS_LABELS[s.status]}」，不能${rule.label}`);
  const base = { from: s.status, to: rule.to };
  switch (input.step) {
    case 'assign':
      return {
        ok: true, ...base,
        patch: { status: rule.to, department: input.department, assignedAt: at, assignNote: input.note ?? null },
        note: `交办${input.department}${input.note ? `：${input.note}` : ''}`,
        tell: { headline: '您反映的问题已作为代表建议交办', body: `代表建议「${s.title}」已交办${input.department}办理。` },
      };
    case 'answer':
      return {
        ok: true, ...base,
        patch: { status: rule.to, answer: input.answer, resolution: input.resolution, answeredAt: at },
        note: `【${RESOLUTION_WORDS[input.resolution]}】${input.answer}`,
        tell: { headline: '代表建议已答复，请您评价', body: `${s.department}对代表建议「${s.title}」的答复（${RESOLUTION_WORDS[input.resolution]}）：${input.answer}` },
      };
    case 'implement':
      return {
        ok: true, ...base,
        patch: { status: rule.to, implementNote: input.note, implementedAt: at },
        note: `落实：${input.note}`,
        tell: { headline: '代表建议已落实', body: `代表建议「${s.title}」已落实：${input.note}` },
      };
  }
}

/** 我也遇到: one may support another person's public, open case, never one's own. */
export function maySupport(appeal: { status: AppealStatus; submitterOpenid: string }, openid: string): { ok: true } | Refusal {
  if (appeal.submitterOpenid === openid) return refuse('FAILED_PRECONDITION', '这是您自己提交的诉求');
  if (!['triage', 'assigned', 'in_progress', 'replied'].includes(appeal.status)) return refuse('FAILED_PRECONDITION', '这件诉求已办结或仍在审核，不能再附议');
  return { ok: true };
}

/** Staff merge a duplicate into another open case: not into itself, not into a finished one. */
export function mayMerge(dup: { _id: string; status: AppealStatus }, into: { _id: string; status: AppealStatus }): { ok: true } | Refusal {
  if (dup._id === into._id) return refuse('INVALID_ARGUMENT', '不能合并到同一件诉求');
  if (!['pending_review', 'triage', 'assigned', 'in_progress'].includes(dup.status)) return refuse('FAILED_PRECONDITION', '只能合并尚未答复的诉求');
  if (!['triage', 'assigned', 'in_progress', 'replied'].includes(into.status)) return refuse('FAILED_PRECONDITION', '只能合并到仍在办理的诉求');
  return { ok: true };
}
