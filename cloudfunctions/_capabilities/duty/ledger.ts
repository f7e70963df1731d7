import type { DutyPointEntry } from '../../../domain/duty/points';
import { findById, insertOnce, type Db, type Transaction } from '../../_platform/db';

/**
 * The duty points ledger (履职积分) writer: entries come from domain/duty/points.ts (one per event, thing and
 * deputy, keyed so the same event never earns twice) and start pending until staff review them.
 */
export async function writeDutyPoints(db: Db | Transaction, entries: readonly DutyPointEntry[], known: readonly string[] | null = null): Promise<void> {
  for (const entry of entries) {
    // `known`: every entry the appeal produced so far — one not among them cannot exist, so no lookup first.
    if (known && !known.includes(entry._id)) {
      await db.collection('dutyPoints').add({ data: { ...entry } });
      continue;
    }
    if (await insertOnce(db, 'dutyPoints', { ...entry })) continue;
    // The same entry once reversed (a disputed reply): the redo's reply earns it again, for review anew.
    const { _id, ...data } = entry;
    const existing = await findById(db, 'dutyPoints', _id);
    if (existing?.status === 'reversed') await db.collection('dutyPoints').doc(_id).set({ data: { ...data, reinstatedFrom: existing.reversedReason ?? null } });
  }
}

/** Take back entries (whatever their review): they no longer count, and say why. */
export async function reverseDutyPoints(db: Db | Transaction, ids: readonly string[], reason: string, at: Date): Promise<void> {
  for (const id of ids) {
    const existing = await findById(db, 'dutyPoints', id);
    if (existing && existing.status !== 'reversed') await db.collection('dutyPoints').doc(id).update({ data: { status: 'reversed', reversedReason: reason, reversedAt: at, statusBefore: existing.status } });
  }
}

/** Staff review: only pending entries change, never reviewed ones. */
export async function reviewEntries(db: Db, ids: string[], to: 'approved' | 'rejected', by: string, at: Date, note: string | undefined): Promise<number> {
  const res = await db.collection('dutyPoints').where({ _id: db.command.in(ids), status: 'pending' }).update({ data: { status: to, reviewedBy: by, reviewedAt: at, reviewNote: note ?? null } });
  return res.stats.updated;
}
