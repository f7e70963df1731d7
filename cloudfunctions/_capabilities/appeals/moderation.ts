import { decideAppeal, type AppealActor, type AppealInput } from '../../../domain/appeals/commands';
import type { getCloud } from '../../_platform/cloud';
import type { AuditSource } from '../../_platform/audit';
import { loadCalendar } from '../../_platform/calendar';
import { findById, type Db } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import type { UserDoc } from '../../_platform/users';
import type { AppealDoc } from './model';
import { categoryName } from './notices';
import { gatherRoute, loadPreference } from './routing';
import { loadSla } from './settings';
import { changeAppeal } from './writer';

export type StaffDecision = { decision: 'approve' } | { decision: 'reject'; reason: string } | { decision: 'assign'; deputyId: string };

export interface ModerationRequest {
  id: string;
  decision: StaffDecision;
  /** The staff member in the app; absent when a console edit is applied by the reconciler. */
  user?: UserDoc;
  source: AuditSource;
  at: Date;
  /** Reconciler: only if the document is still the version it read (exactly-once). */
  expectVersion?: number;
  /** Extra fields written in the same transaction (e.g. clearing the console decision). */
  extra?: Record<string, unknown>;
}

/**
 * Staff moderation, the same whether it comes from the staff pages or a console edit: approve (→ routing),
 * reject with a reason the resident sees, assign / reassign to a named deputy. This gathers what the
 * domain command needs; the command decides.
 */
export async function moderate(db: Db, cloud: ReturnType<typeof getCloud>, req: ModerationRequest): Promise<AppealDoc> {
  const current = (await findById(db, 'appeals', req.id)) as AppealDoc | null;
  if (!current) throw new AppError('NOT_FOUND', '没有找到这条诉求');
  if (req.expectVersion !== undefined && current.version !== req.expectVersion) throw new AppError('CONFLICT', '诉求已被其他操作修改，请刷新后再试');
  const actor: AppealActor = req.user ? { kind: 'person', openid: req.user.openid, role: req.user.role, ...(req.user.deputyId ? { deputyId: req.user.deputyId } : {}) } : { kind: 'console' };
  const { sla } = await loadSla(db);
  let input: AppealInput;
  if (req.decision.decision === 'approve') {
    input = { command: 'approve', routed: await gatherRoute(db, current, {}, await loadPreference(db, current.preferred)) };
  } else if (req.decision.decision === 'reject') {
    input = { command: 'reject', reason: req.decision.reason };
  } else {
    const deputy = await findById(db, 'deputies', req.decision.deputyId);
    const usable = deputy && deputy.active === true && deputy.openid;
    input = { command: 'assign', deputy: deputy ? { _id: deputy._id, name: deputy.name, active: deputy.active === true, openid: deputy.openid } : null, categoryName: usable ? await categoryName(db, current.category) : '' };
  }
  const lands = input.command === 'approve' ? !!input.routed.deputy : input.command === 'assign' && !!input.deputy?.active && !!input.deputy.openid;
  const ctx = { now: req.at, ...(lands ? { sla, calendar: await loadCalendar(db) } : {}) };
  // Refusals on the state just read need no transaction; the transaction decides again on what it reads.
  if (!lands) orRefuse(decideAppeal(current, actor, input, ctx));
  const { appeal } = await changeAppeal(db, req.id, (a) => decideAppeal(a, actor, input, ctx), { source: req.source, at: req.at, expectVersion: req.expectVersion, extra: req.extra });
  return appeal;
}
