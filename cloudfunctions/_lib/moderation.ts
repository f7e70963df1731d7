import type { getCloud } from './cloud';
import { assignedNotice, categoryName, statusNotice } from './appealNotices';
import { applyAppealCommand, type AppealDoc } from './appeals';
import { landingPatch, loadSla, routePatch } from './assignment';
import type { AuditSource } from './audit';
import { findById, type Db } from './db';
import { loadCalendar } from './holidays';
import { AppError } from './errors';
import { deliverSoon } from './notify';
import type { UserDoc } from './users';

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
 * reject with a reason the resident sees, assign / reassign to a named deputy.
 */
export async function moderate(db: Db, cloud: ReturnType<typeof getCloud>, req: ModerationRequest): Promise<AppealDoc> {
  const current = (await findById(db, 'appeals', req.id)) as AppealDoc | null;
  if (!current) throw new AppError('NOT_FOUND', '没有找到这条诉求');
  const { sla } = await loadSla(db);
  const common = { id: req.id, user: req.user, source: req.source, at: req.at, expectVersion: req.expectVersion };
  const system = req.user ? {} : { systemAs: 'staff' as const };
  let result;
  if (req.decision.decision === 'approve') {
    const routed = await routePatch(db, current, req.at, sla);
    const category = routed.deputy ? await categoryName(db, current.category) : '';
    result = await applyAppealCommand(db, {
      ...common, ...system, command: 'approve', to: routed.status, note: `审核通过。${routed.reason}`,
      patch: () => ({ ...routed.patch, ...req.extra }),
      notices: (a) => (routed.deputy ? [assignedNotice(a, routed.deputy, 'new', category)] : []),
    });
  } else if (req.decision.decision === 'reject') {
    const reason = req.decision.reason;
    result = await applyAppealCommand(db, {
      ...common, ...system, command: 'reject', note: `不予受理：${reason}`,
      patch: () => ({ rejectReason: reason, nextSupervisionAt: null, ...req.extra }),
      notices: (a) => [statusNotice(a, `您的诉求未被受理。原因：${reason}`)],
    });
  } else {
    const deputy = await findById(db, 'deputies', req.decision.deputyId);
    if (!deputy || deputy.active !== true) throw new AppError('INVALID_ARGUMENT', '请选择在职的代表');
    if (!deputy.openid) throw new AppError('FAILED_PRECONDITION', `${deputy.name}代表还没有绑定微信账号，收不到诉求；请先在「邀请代表」中邀请绑定`);
    const calendar = await loadCalendar(db);
    const command = current.status === 'triage' ? 'assign' : 'reassign';
    const category = await categoryName(db, current.category);
    result = await applyAppealCommand(db, {
      ...common, ...system, command, to: 'assigned', note: `${command === 'assign' ? '人工分派' : '改派'}给${deputy.name}代表`,
      patch: (a) => ({ ...landingPatch(a, deputy, req.at, sla, calendar), ...req.extra }),
      notices: (a) => [assignedNotice(a, deputy, 'reassigned', category)],
    });
  }
  await deliverSoon(db, cloud, result.noticeIds, req.at);
  return result.appeal;
}
