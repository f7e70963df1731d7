import type { DutyPointEntry } from '../../../domain/duty/points';
import { insertOnce, type Db, type Transaction } from '../../_platform/db';

/**
 * The duty points ledger (履职积分) writer: entries come from domain/duty/points.ts (one per event, thing and
 * deputy, keyed so the same event never earns twice) and start pending until staff review them.
 */
export async function writeDutyPoints(db: Db | Transaction, entries: readonly DutyPointEntry[]): Promise<void> {
  for (const entry of entries) await insertOnce(db, 'dutyPoints', { ...entry });
}

/** Staff review: only pending entries change, never reviewed ones. */
export async function reviewEntries(db: Db, ids: string[], to: 'approved' | 'rejected', by: string, at: Date, note: string | undefined): Promise<number> {
  const res = await db.collection('dutyPoints').where({ _id: db.command.in(ids), status: 'pending' }).update({ data: { status: to, reviewedBy: by, reviewedAt: at, reviewNote: note ?? null } });
  return res.stats.updated;
}
