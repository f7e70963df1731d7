/**
 * Embedded database behind the local WeChat-cloud emulator (map of the files: README.md).
 *
 * The real wx-server-sdk posts every database call as JSON to /admin; `handle(body)` answers it with the
 * reply shape the SDK expects (wire.ts). The seed, the local console and tests use the direct API
 * (direct.ts). Both call the engine (engine.ts) — collections, operations, transactions — over SQLite
 * (store.ts) with MongoDB semantics (mingo) and real secondary indexes.
 */
import { type DirectCollection, directCollection } from './direct';
import { Engine } from './engine';
import type { ExecStats } from './executor';
import type { IndexFile } from './schema';
import { WireProtocol } from './wire';

export type { IndexField, IndexSpec, IndexFile, DocId } from './schema';
export type { ExecStats } from './executor';
export type { DirectCollection, FindOptions } from './direct';
export { DbError } from './errors';

export interface DatabaseOptions {
  /** SQLite file path, or ':memory:' */
  file: string;
  indexes: IndexFile;
  /** Refuse unindexed queries and undeclared collections, like a deployed environment would hurt. */
  strict: boolean;
  /** Clock in ms; db.serverDate() and transaction expiry use it. */
  now: () => number;
  /** Lifetime of a transaction from its start (default 30 s, as on WeChat cloud). */
  transactionTimeoutMs?: number;
  /** Most documents one get() returns in a cloud function (default 100). */
  maxGetLimit?: number;
  /** Documents an aggregate without a $limit stage returns (default 20, as the cloud does; 0 = no cap). */
  aggregateDefaultLimit?: number;
}

export interface LocalDatabase {
  /**
   * Handle one SDK wire request (parsed JSON body). Resolves to the JSON object to send back as the HTTP
   * reply. Never rejects: failures come back as { code, message, requestId } the SDK maps to errCode.
   * A plain write to a document an open transaction has written resolves only after that transaction ends.
   */
  handle(body: Record<string, any>): Promise<unknown>;
  /** Direct API in plain JS values (Date objects for dates): seed, dev console, tests. Not strict. */
  collection(name: string): DirectCollection;
  listCollections(): { name: string; count: number }[];
  /** Execution stats of the most recent query (get, count, update, remove, aggregate; direct find/count). */
  lastStats(): ExecStats | undefined;
  close(): void;
}

export function openDatabase(opts: DatabaseOptions): LocalDatabase {
  const engine = new Engine({ file: opts.file, indexes: opts.indexes, now: opts.now, transactionTimeoutMs: opts.transactionTimeoutMs });
  const wire = new WireProtocol(engine, { strict: opts.strict, now: opts.now, maxGetLimit: opts.maxGetLimit ?? 100, aggregateDefaultLimit: opts.aggregateDefaultLimit ?? 20 });
  return {
    handle: (body) => wire.handle(body),
    collection: (name) => directCollection(engine, name, opts.now),
    listCollections: () => engine.listCollections(),
    lastStats: () => engine.lastStats(),
    close: () => engine.close(),
  };
}
