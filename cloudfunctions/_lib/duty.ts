import { POINT_RULES, type DutyEvent } from '../../domain/duty/points';
import { insertOnce, type Db, type Transaction } from './db';

/**
 * Duty points ledger (履职积分): one entry per (event, thing, deputy), keyed so the same event never
 * earns twice; entries start pending and count once staff approve them.
 */
export function dutyEntryId(event: DutyEvent, refId: string, deputyId: string, version?: number): string {
  return `${event}-${refId}-${deputyId}${version === undefined ? '' : `-v${version}`}`.slice(0, 120);
}

export async function addDutyPoints(db: Db | Transaction, deputyId: string, events: DutyEvent[], ref: { type: 'appeal' | 'ballot' | 'project'; id: string; version?: number }, at: Date): Promise<void> {
  for (const event of events) {
    const data = { _id: dutyEntryId(event, ref.id, deputyId, ref.version), deputyId, event, points: POINT_RULES[event].points, label: POINT_RULES[event].label, refType: ref.type, refId: ref.id, status: 'pending', at };
    await insertOnce(db, 'dutyPoints', data);
  }
}
