import type { AuditEntityType } from '../../contracts/staff';
import type { ActorRole, AuditNote } from '../../domain/outcome';
import { insertAll, type Db, type Transaction } from './db';
import { allByTime, pageByTime } from './paging';

/** deploy: the deployer's command (a function invoked without a WeChat identity, like the console's test call). */
export type AuditSource = 'app' | 'console' | 'timer' | 'deploy';
export type { ActorRole };

export interface AuditEntry {
  entityType: AuditEntityType;
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
  await db.collection('audit').add({ data: clean(entry) });
}

const clean = (entry: AuditEntry) => Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));

/** The audit entries a domain outcome names, for one entity: one insert of all of them. */
export async function appendNotes(db: Db | Transaction, entity: { type: AuditEntityType; id: string }, notes: readonly AuditNote[], source: AuditSource, at: Date): Promise<void> {
  await insertAll(db, 'audit', notes.map((n) => clean({ entityType: entity.type, entityId: entity.id, source, at, ...n })));
}

/** The most entries a detail's timeline carries: the newest ones (a reply is never hidden behind old notes). */
export const TRAIL_MAX = 500;

const entityQuery = (db: Db, entityType: AuditEntityType, entityId: string) => (extra: object) => db.collection('audit').where({ entityType, entityId, ...extra });

/** One entity's trail, oldest first: every entry up to TRAIL_MAX, else the newest TRAIL_MAX. */
export async function auditTrail(db: Db, entityType: AuditEntityType, entityId: string): Promise<(AuditEntry & { _id: string })[]> {
  const { docs } = await allByTime(db, entityQuery(db, entityType, entityId), 'at', 'desc', TRAIL_MAX);
  return docs.reverse() as unknown as (AuditEntry & { _id: string })[];
}

/** One page of an entity's trail, oldest first (staff.history). */
export const auditPage = (db: Db, entityType: AuditEntityType, entityId: string, cursor: string | undefined) => pageByTime(db, entityQuery(db, entityType, entityId), 'at', cursor, 'asc');
