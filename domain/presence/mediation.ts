/**
 * 清茶议事 mediation: a deputy or staff opens a dispute case, records the six steps in order (述民情、述纠纷、
 * 找接点、拆脸面、置梯子、达协议) with notes and dates, and closes it with an agreement the parties
 * confirmed, or a referral. Only its handlers and staff ever see it.
 */
import { dutyPointsFor, type DutyPointEntry, type PointTable } from '../duty/points';
import { refuse, type AuditNote, type Refusal } from '../outcome';
import { chinaDay } from '../time';

export const MEDIATION_STEPS = ['hear', 'dispute', 'common', 'face', 'ladder', 'agree'] as const;
export type MediationStep = (typeof MEDIATION_STEPS)[number];
export const MEDIATION_STEP_LABELS: Record<MediationStep, string> = { hear: '述民情', dispute: '述纠纷', common: '找接点', face: '拆脸面', ladder: '置梯子', agree: '达协议' };

export const REFERRALS = ['mediation_committee', 'court', 'petition_office'] as const;
export type Referral = (typeof REFERRALS)[number];
export const REFERRAL_LABELS: Record<Referral, string> = { mediation_committee: '人民调解委员会', court: '人民法院', petition_office: '信访部门' };

export type MediationStatus = 'open' | 'agreed' | 'referred';
export const MEDIATION_STATUS_LABELS: Record<MediationStatus, string> = { open: '调解中', agreed: '已达成协议', referred: '已转交' };

export interface StepRecord {
  step: MediationStep;
  note: string;
  /** The China day it happened ('YYYY-MM-DD'). */
  day: string;
  by: string;
  at: Date;
}

export interface MediationState {
  _id: string;
  status: MediationStatus;
  /** Deputies handling it (the one who opened it first); staff always may. */
  handlerDeputyIds: string[];
  openedBy: string;
  steps: StepRecord[];
  agreement?: { text: string; partiesConfirmed: true; day: string };
  referral?: { to: Referral; note: string; day: string };
  version: number;
}

export interface MediationActor {
  openid: string;
  role: 'resident' | 'deputy' | 'staff';
  deputyId?: string;
}

export interface MediationOutcome {
  ok: true;
  patch: Partial<Omit<MediationState, '_id' | 'version'>>;
  audit: AuditNote[];
  points: DutyPointEntry[];
}

const HIDDEN = refuse('NOT_FOUND', '没有找到这个调解案件');

/** Handlers and staff only; anyone else is told it does not exist. */
export function mayHandle(c: Pick<MediationState, 'handlerDeputyIds' | 'openedBy'>, actor: MediationActor): boolean {
  if (actor.role === 'staff') return true;
  return actor.role === 'deputy' && !!actor.deputyId && (c.handlerDeputyIds.includes(actor.deputyId) || c.openedBy === actor.openid);
}

const roleOf = (actor: MediationActor) => (actor.role === 'staff' ? 'staff' : 'deputy');

/** The step to record next (undefined once all six are in). */
export function nextStep(c: Pick<MediationState, 'steps'>): MediationStep | undefined {
  return MEDIATION_STEPS[c.steps.length];
}

function checkDay(day: string, c: MediationState, now: Date): Refusal | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return refuse('INVALID_ARGUMENT', '日期格式不正确');
  if (day > chinaDay(now)) return refuse('INVALID_ARGUMENT', '不能记录未来的日期');
  const last = c.steps[c.steps.length - 1];
  if (last && day < last.day) return refuse('INVALID_ARGUMENT', `日期不能早于上一步（${last.day}）`);
  return null;
}

/** Record the next step, in order, with what happened and when. */
export function recordStep(c: MediationState, actor: MediationActor, input: { step: MediationStep; note: string; day: string }, now: Date): MediationOutcome | Refusal {
  if (!mayHandle(c, actor)) return HIDDEN;
  if (c.status !== 'open') return refuse('FAILED_PRECONDITION', `案件${MEDIATION_STATUS_LABELS[c.status]}，不能再记录`);
  const expected = nextStep(c);
  if (!expected) return refuse('FAILED_PRECONDITION', '六个步骤都已记录，请填写协议结案');
  if (input.step !== expected) return refuse('FAILED_PRECONDITION', `请先记录「${MEDIATION_STEP_LABELS[expected]}」`);
  const bad = checkDay(input.day, c, now);
  if (bad) return bad;
  const record: StepRecord = { step: input.step, note: input.note, day: input.day, by: actor.openid, at: now };
  return { ok: true, patch: { steps: [...c.steps, record] }, audit: [{ action: `step_${input.step}`, actorRole: roleOf(actor), actorOpenid: actor.openid, note: `${MEDIATION_STEP_LABELS[input.step]}：${input.note}`.slice(0, 200) }], points: [] };
}

export type Closing = { outcome: 'agreement'; text: string; partiesConfirmed: boolean; day: string } | { outcome: 'referral'; to: Referral; note: string; day: string };

/** Close with an agreement (all six steps done, the parties confirmed it) or a referral (any time). */
export function closeCase(c: MediationState, actor: MediationActor, input: Closing, now: Date, table: PointTable = {}): MediationOutcome | Refusal {
  if (!mayHandle(c, actor)) return HIDDEN;
  if (c.status !== 'open') return refuse('FAILED_PRECONDITION', `案件${MEDIATION_STATUS_LABELS[c.status]}，不能重复结案`);
  const bad = checkDay(input.day, c, now);
  if (bad) return bad;
  const base = { actorRole: roleOf(actor), actorOpenid: actor.openid, from: 'open' } as const;
  if (input.outcome === 'referral') {
    return { ok: true, patch: { status: 'referred', referral: { to: input.to, note: input.note, day: input.day } }, audit: [{ ...base, action: 'refer', to: 'referred', note: `转交${REFERRAL_LABELS[input.to]}：${input.note}`.slice(0, 200) }], points: [] };
  }
  if (c.steps.length < MEDIATION_STEPS.length) return refuse('FAILED_PRECONDITION', `还有步骤未记录：请先记录「${MEDIATION_STEP_LABELS[nextStep(c)!]}」`);
  if (!input.partiesConfirmed) return refuse('INVALID_ARGUMENT', '协议须经双方当事人确认');
  const points = c.handlerDeputyIds.flatMap((id) => dutyPointsFor('mediation.agree', id, { id: c._id }, {}, now, table));
  return { ok: true, patch: { status: 'agreed', agreement: { text: input.text, partiesConfirmed: true, day: input.day } }, audit: [{ ...base, action: 'agree', to: 'agreed', note: input.text.slice(0, 200) }], points };
}
