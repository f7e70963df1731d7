/**
 * Console-first moderation. A clerk edits an appeal in the cloud console's database panel (staffDecision
 * = approve | reject | assign, with staffReason / staffAssignDeputyId); this timer applies each edit
 * through the same domain command as the staff pages, exactly once: the transition, the cleared decision
 * and the audit entry (source console) commit together, guarded by the version the reconciler read.
 * Invalid edits are not applied; they are cleared into consoleError and flagged for staff.
 */
import { AppError } from '../../../_platform/errors';
import type { SystemContext } from '../../../_platform/handler';
import type { AppealDoc } from '../model';
import { moderate, type StaffDecision } from '../moderation';
import { reconcileSla } from '../settings';
import { flagConsoleEdit } from '../writer';

const DECISIONS = ['approve', 'reject', 'assign'];

function parseDecision(a: AppealDoc): StaffDecision | string {
  const value = a.staffDecision;
  if (typeof value !== 'string' || !DECISIONS.includes(value.trim())) return `未知的决定 ${JSON.stringify(value)}，可填写 approve（通过）、reject（不予受理）或 assign（分派）`;
  const decision = value.trim();
  if (decision === 'approve') return { decision: 'approve' };
  if (decision === 'reject') {
    const reason = typeof a.staffReason === 'string' ? a.staffReason.trim() : '';
    return reason.length >= 2 ? { decision: 'reject', reason: reason.slice(0, 200) } : 'reject 需要在 staffReason 填写原因（至少 2 个字），居民会看到它';
  }
  const deputyId = typeof a.staffAssignDeputyId === 'string' ? a.staffAssignDeputyId.trim() : '';
  return deputyId ? { decision: 'assign', deputyId } : 'assign 需要在 staffAssignDeputyId 填写代表编号（如 d03）';
}

/** Most console edits one run applies (the deadline usually stops it first on the cloud). */
const MAX_PER_RUN = 200;

/** Console edits, in batches until the deadline: each applied or flagged edit clears staffDecision, so the next run continues. */
async function reconcileAppeals(ctx: SystemContext) {
  const { db, cloud, deadline } = ctx;
  const at = ctx.now();
  const _ = db.command;
  const seen: string[] = [];
  let applied = 0;
  let flagged = 0;
  let more = false;
  scan: for (;;) {
    const edited = (await db.collection('appeals').where({ staffDecision: _.gt(''), ...(seen.length ? { _id: _.nin(seen) } : {}) }).orderBy('staffDecision', 'asc').limit(50).get()).data as unknown as AppealDoc[];
    for (const a of edited) {
      if (seen.length >= MAX_PER_RUN || Date.now() >= deadline) {
        more = true;
        break scan;
      }
      seen.push(a._id);
      const parsed = parseDecision(a);
      if (typeof parsed === 'string') {
        if (await flagConsoleEdit(db, a, parsed, at)) flagged += 1;
        continue;
      }
      try {
        await moderate(db, cloud, {
          id: a._id, decision: parsed, source: 'console', at, expectVersion: a.version,
          extra: { staffDecision: null, consoleFlagged: false, consoleError: null, lastConsoleDecision: { decision: parsed.decision, reason: a.staffReason ?? null, at } },
        });
        applied += 1;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'CONFLICT') continue; // another run applied it first, or it is locked: next run
        if (await flagConsoleEdit(db, a, err.message, at)) flagged += 1;
      }
    }
    if (edited.length < 50) break;
  }
  return { applied, flagged, more };
}

export async function reconcile(ctx: SystemContext) {
  return { ...(await reconcileAppeals(ctx)), ...(await reconcileSla(ctx.db, ctx.now())) };
}
