/** What staff and deputies do with the duty ledger (一人一档 and 履职积分 review). */
import { refuse, type Refusal } from '../outcome';
import type { Role } from '../roles';

export type PointsDecision = 'approve' | 'reject';

/** Staff review pending entries: only pending ones change; a refusal carries the reason the deputy reads. */
export function reviewPoints(decision: PointsDecision, note?: string): { ok: true; from: 'pending'; to: 'approved' | 'rejected'; action: `points_${PointsDecision}` } | Refusal {
  if (decision === 'reject' && !note?.trim()) return refuse('INVALID_ARGUMENT', '不计入时请填写原因，代表会看到它');
  return { ok: true, from: 'pending', to: decision === 'approve' ? 'approved' : 'rejected', action: `points_${decision}` };
}

/** Whose record a caller opens: a deputy their own; staff anyone they name. */
export function recordSubject(actor: { role: Role; deputyId?: string }, requested: string | undefined): { ok: true; deputyId: string } | Refusal {
  if (actor.role === 'staff') return requested ? { ok: true, deputyId: requested } : refuse('INVALID_ARGUMENT', '请选择代表');
  if (actor.role === 'deputy' && actor.deputyId) return { ok: true, deputyId: actor.deputyId };
  return refuse('PERMISSION_DENIED', '您的代表档案尚未建立，请联系街道人大工委');
}
