import type { DutyPointEntry } from '../../../domain/duty/points';
import { findById, insertAll, insertOnce, type Db, type Transaction } from '../../_platform/db';

/**
 * What the writer knows of a thing's entries without reading them: every entry it produced (`ids`) and, where
 * it keeps them, those a 不满意 reversed (`reversed`; null on things stored before it was kept — looked up then).
 */
export interface KnownEntries {
  ids: readonly string[];
  reversed: readonly string[] | null;
}

/**
 * The duty points ledger (履职积分) writer: entries come from domain/duty/points.ts (one per event, thing and
 * deputy, keyed so the same event never earns twice) and start pending until staff review them.
 */
export async function writeDutyPoints(db: Db | Transaction, entries: readonly DutyPointEntry[], known: KnownEntries | null = null): Promise<void> {
  // Those the thing never produced cannot exist: inserted together, no lookup first.
  await insertAll(db, 'dutyPoints', known ? entries.filter((e) => !known.ids.includes(e._id)).map((e) => ({ ...e })) : []);
  for (const entry of entries) {
    const { _id, ...data } = entry;
    if (known && !known.ids.includes(_id)) continue;
    // Known and reversed: the redo's reply earns it again, for review anew; known and standing: earned already.
    if (known?.reversed) {
      if (known.reversed.includes(_id)) await db.collection('dutyPoints').doc(_id).set({ data: { ...data, reinstated: true } });
      continue;
    }
    if (await insertOnce(db, 'dutyPoints', { ...entry })) continue;
    const existing = await findById(db, 'dutyPoints', _id);
    if (existing?.status === 'reversed') await db.collection('dutyPoints').doc(_id).set({ data: { ...data, reinstated: true } });
  }
}

/**
 * Take back entries (whatever their review): they no longer count, and say why. A reviewed entry keeps its
 * `reviewedAs`, `reviewedBy` and `reviewedAt`, so the ledger still shows what staff had decided.
 */
export async function reverseDutyPoints(db: Db | Transaction, ids: readonly string[], reason: string, at: Date, known: KnownEntries | null = null): Promise<void> {
  const reversal = { status: 'reversed', reversedReason: reason, reversedAt: at };
  for (const id of ids) {
    if (known && !known.ids.includes(id)) continue;
    if (known?.reversed) {
      if (!known.reversed.includes(id)) await db.collection('dutyPoints').doc(id).update({ data: reversal });
      continue;
    }
    const existing = await findById(db, 'dutyPoints', id);
    if (existing && existing.status !== 'reversed') await db.collection('dutyPoints').doc(id).update({ data: reversal });
  }
}

/** Staff review: only pending entries change, never reviewed ones. */
export async function reviewEntries(db: Db, ids: string[], to: 'approved' | 'rejected', by: string, at: Date, note: string | undefined): Promise<number> {
  const res = await db.collection('dutyPoints').where({ _id: db.command.in(ids), status: 'pending' }).update({ data: { status: to, reviewedAs: to, reviewedBy: by, reviewedAt: at, reviewNote: note ?? null } });
  return res.stats.updated;
}
