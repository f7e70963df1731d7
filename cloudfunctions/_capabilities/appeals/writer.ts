/**
 * The one writer of the appeals collection. It applies a domain outcome as a unit — the appeal's new state,
 * its audit entries, duty points and queued messages, in one transaction — and does the few quiet writes
 * that change no status (supervision bookkeeping, refused console edits). Nothing else writes appeals.
 */
import { isUnclaimed, type AppealDecision, type AppealOutcome, type AppealPatch } from '../../../domain/appeals/state';
import { appendAudit, appendNotes, type AuditSource } from '../../_platform/audit';
import { findById, type Db, type Transaction } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { enqueueFreshNotices } from '../../_platform/outbox';
import { takeQuota } from '../../_platform/quota';
import { retryOnConflict } from '../../_platform/retry';
import { reverseDutyPoints, writeDutyPoints, type KnownEntries } from '../duty/ledger';
import type { AppealDoc } from './model';
import { renderNotice } from './notices';

export interface WriteOptions {
  source: AuditSource;
  at: Date;
  /** Only apply when the stored version is still this one (timers and the console reconciler). */
  expectVersion?: number;
  /** Extra fields written in the same transaction (e.g. clearing the console decision). */
  extra?: Record<string, unknown>;
}

export interface Written {
  appeal: AppealDoc;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.getPrototypeOf(v) === Object.prototype;
}

/** What the appeal's own fields say of its duty entries (see AppealDoc.dutyKeys), or null on an appeal that never kept them. */
function knownEntries(a: Pick<AppealDoc, 'dutyKeys' | 'reversedDutyKeys'>): KnownEntries | null {
  if (!Array.isArray(a.dutyKeys)) return null;
  return { ids: a.dutyKeys, reversed: Array.isArray(a.reversedDutyKeys) ? a.reversedDutyKeys : null };
}

/** The appeal's duty-entry fields after an outcome: only those that change. */
function entriesAfter(known: KnownEntries | null, outcome: AppealOutcome): Partial<Pick<AppealDoc, 'dutyKeys' | 'reversedDutyKeys'>> {
  if (!known) return {};
  const earned = outcome.events.flatMap((e) => (e.type === 'duty_points' ? e.entries.map((x) => x._id) : []));
  const added = earned.filter((id) => !known.ids.includes(id));
  const ids = [...known.ids, ...added];
  const out: Partial<Pick<AppealDoc, 'dutyKeys' | 'reversedDutyKeys'>> = added.length ? { dutyKeys: ids } : {};
  if (!known.reversed) return out;
  // Earned again leaves the reversed list; taken back (and ever produced) joins it.
  const reversed = new Set(known.reversed.filter((id) => !earned.includes(id)));
  for (const e of outcome.events) if (e.type === 'duty_reversal') for (const id of e.ids) if (ids.includes(id)) reversed.add(id);
  const changed = reversed.size !== known.reversed.length || known.reversed.some((id) => !reversed.has(id));
  return changed ? { ...out, reversedDutyKeys: [...reversed] } : out;
}

/** Audit, duty points and messages of an outcome, against the appeal's new state (`known`: its duty entries before). */
async function writeEffects(tx: Transaction, next: AppealDoc, outcome: AppealOutcome, opts: WriteOptions, known: KnownEntries | null): Promise<void> {
  await appendNotes(tx, { type: 'appeal', id: next._id }, outcome.audit, opts.source, opts.at);
  const notices = [];
  for (const event of outcome.events) {
    if (event.type === 'duty_points') await writeDutyPoints(tx, event.entries, known);
    else if (event.type === 'duty_reversal') await reverseDutyPoints(tx, event.ids, event.reason, opts.at, known);
    // A walk-in appeal nobody has claimed yet has no WeChat account to tell; its handler calls back (回访).
    else if (event.type === 'tell_submitter' && isUnclaimed(next)) continue;
    else notices.push(renderNotice(next, event));
  }
  // Every appeal message key carries the version this transaction writes: none can exist yet, so they are
  // queued in one insert. The notify timer sends the pushes (each message is in its outbox document).
  await enqueueFreshNotices(tx, notices, opts.at);
}

/**
 * Change an existing appeal: read it in a transaction, let the domain decide on exactly that state, write the
 * outcome — all or nothing. A write lock held by a concurrent change re-runs the whole unit.
 */
export async function changeAppeal(db: Db, id: string, decide: (current: AppealDoc) => AppealDecision | Promise<AppealDecision>, opts: WriteOptions): Promise<Written> {
  return retryOnConflict(() =>
    db.runTransaction(async (tx) => {
      const current = (await findById(tx, 'appeals', id)) as AppealDoc | null;
      if (!current) throw new AppError('NOT_FOUND', '没有找到这条诉求');
      if (opts.expectVersion !== undefined && current.version !== opts.expectVersion) throw new AppError('CONFLICT', '诉求已被其他操作修改，请刷新后再试');
      const outcome = orRefuse(await decide(current));
      const known = knownEntries(current);
      const data: Record<string, unknown> = { ...outcome.patch, ...opts.extra, ...entriesAfter(known, outcome), version: current.version + 1, updatedAt: opts.at };
      const next = { ...current, ...data } as AppealDoc;
      // The SDK merges nested objects field by field on update; objects we mean to replace go through set().
      const replaced = Object.fromEntries(Object.entries(data).filter(([k, v]) => k !== '_id' && v !== undefined).map(([k, v]) => [k, isPlainObject(v) ? db.command.set(v) : v]));
      await tx.collection('appeals').doc(id).update({ data: replaced });
      await writeEffects(tx, next, outcome, opts, known);
      return { appeal: next };
    }),
  );
}

/**
 * A new appeal: the stored fields beside the domain's first state, inserted with its effects in one
 * transaction — and counted against its submitter's daily limit in the same transaction.
 */
export async function createAppeal(db: Db, base: Omit<AppealDoc, keyof AppealPatch | 'version' | 'updatedAt'>, outcome: AppealOutcome, opts: WriteOptions & { dailyLimit: number | null }): Promise<Written> {
  const fresh: KnownEntries = { ids: [], reversed: [] };
  const appeal = { ...base, ...outcome.patch, dutyKeys: [], reversedDutyKeys: [], ...entriesAfter(fresh, outcome), hasSupporters: false, version: 1, updatedAt: opts.at } as AppealDoc;
  return db.runTransaction(async (tx) => {
    // null: a walk-in appeal a deputy or staff filed (代客录入) — its submitter is the appeal itself.
    if (opts.dailyLimit !== null) await takeQuota(tx, 'appeal', appeal.submitterOpenid, opts.at, opts.dailyLimit);
    await tx.collection('appeals').add({ data: appeal });
    await writeEffects(tx, appeal, outcome, opts, fresh);
    return { appeal };
  });
}

/** Before a support is stored: the appeal now has supporters (set first, so a reply never misses one; no status, no audit). */
export async function markSupported(db: Db, id: string): Promise<void> {
  await db.collection('appeals').where({ _id: id, hasSupporters: db.command.neq(true) }).update({ data: { hasSupporters: true } });
}

/** Bookkeeping that changes no status and needs no audit (when supervision looks next), if the appeal is unchanged. */
export async function touchAppeal(db: Db, a: Pick<AppealDoc, '_id' | 'version'>, patch: AppealPatch): Promise<boolean> {
  const res = await db.collection('appeals').where({ _id: a._id, version: a.version }).update({ data: patch });
  return res.stats.updated === 1;
}

/** A console edit that cannot be applied: cleared into consoleError and flagged for staff, once (the exact edit read). */
export async function flagConsoleEdit(db: Db, a: AppealDoc, reason: string, at: Date): Promise<boolean> {
  const res = await db.collection('appeals').where({ _id: a._id, version: a.version, staffDecision: a.staffDecision }).update({
    data: { staffDecision: null, consoleFlagged: true, consoleError: db.command.set({ value: a.staffDecision ?? null, reason, at }), updatedAt: at },
  });
  if (res.stats.updated !== 1) return false;
  await appendAudit(db, { entityType: 'appeal', entityId: a._id, action: 'console_edit_refused', actorRole: 'staff', source: 'console', from: a.status, to: a.status, at, note: reason });
  return true;
}
