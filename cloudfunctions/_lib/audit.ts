import type { Role } from '../../domain/roles';
import type { Db, Transaction } from './db';

export type AuditSource = 'app' | 'console' | 'timer';
export type ActorRole = Role | 'system';

export interface AuditEntry {
  entityType: 'appeal' | 'ballot' | 'setting' | 'user' | 'proposal' | 'duty' | 'draft';
  entityId: string;
  action: string;
  actorOpenid?: string;
  actorRole: ActorRole;
  source: AuditSource;
  from?: string;
  to?: string;
  at: Date;
  note?: string;
  data?: Record<string, unknown>;
}

/** Append-only: entries are only ever added, never updated or removed. */
export async function appendAudit(db: Db | Transaction, entry: AuditEntry): Promise<void> {
  const clean = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
  await db.collection('audit').add({ data: clean });
}

export async function auditTrail(db: Db, entityType: AuditEntry['entityType'], entityId: string): Promise<(AuditEntry & { _id: string })[]> {
  const res = await db.collection('audit').where({ entityType, entityId }).orderBy('at', 'asc').limit(100).get();
  return res.data as unknown as (AuditEntry & { _id: string })[];
}
