/** What staff and deputies do with the duty ledger (一人一档 and 履职积分 review). */
import { refuse, type Refusal } from '../outcome';
import type { Role } from '../roles';
import type { PointStatus } from './points';

export type PointsDecision = 'approve' | 'reject';

/** Staff review pending entries: only pending ones change; reviewed entries are never touched. */
export function reviewPoints(decision: PointsDecision): { ok: true; from: 'pending'; to: Exclude<PointStatus, 'pending'>; action: `points_${PointsDecision}` } {
  return { ok: true, from: 'pending', to: decision === 'approve' ? 'approved' : 'rejected', action: `points_${decision}` };
}

/** Whose record a caller opens: a deputy their own; staff anyone they name. */
export function recordSubject(actor: { role: Role; deputyId?: string }, requested: string | undefined): { ok: true; deputyId: string } | Refusal {
  if (actor.role === 'staff') return requested ? { ok: true, deputyId: requested } : refuse('INVALID_ARGUMENT', '请选择代表');
  if (actor.role === 'deputy' && actor.deputyId) return { ok: true, deputyId: actor.deputyId };
  return refuse('PERMISSION_DENIED', '您的代表档案尚未建立，请联系街道人大工委');
}
