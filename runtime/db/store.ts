/**
 * SQLite layer: documents, collections, and the index tables kept in step with every write
 * (indexTables.ts). One SQLite file, WAL, synchronous=FULL.
 *
 * docs(coll, id, body)            one row per document, primary key (coll, id); body: storage JSON (ejson.ts)
 * _collections(name, origin)      which collections exist and how they came to ('declared', 'created', 'write')
 * ix_<hash>(t0, v0, …, id)        one table per declared index (indexTables.ts)
 *
 * Every operation runs inside `capture` (one SQLite transaction), every write only there: the seam the
 * transactions use.
 */
import Database from 'better-sqlite3';
import { requestFailed } from './errors';
import { type Doc, fromStorage, toStorage } from './ejson';
import { type IndexRt, indexEntries, insertEntry, openIndexTables, sameEntries, uniqueLockKey } from './indexTables';
import { type DocId, type IndexFile, validateDoc, validateIndexFile } from './schema';

export type CollectionOrigin = 'declared' | 'created' | 'write';

const SCHEMA_VERSION = 1;
/** MongoDB's document size limit. */
const MAX_DOC_BYTES = 16 * 1024 * 1024;

/** One document write: before (undefined = absent) and after (null = deleted). */
export interface Write {
  coll: string;
  id: DocId;
  before: Doc | undefined;
  after: Doc | null;
}

/** A document as some view holds it (null = absent). */
export interface DocState {
  coll: string;
  id: DocId;
  doc: Doc | null;
}

/** Asked before each write of a capture; throws to refuse it (transaction write locks). */
export interface WriteGuard {
  /** Before a document is inserted, replaced or deleted. */
  document(coll: string, id: DocId): void;
  /** Before a unique index key is added for a document (`uniqueLockKey`). */
  uniqueKey(lockKey: string): void;
}

export interface CaptureOptions {
  /** Take SQLite's write lock at once (BEGIN IMMEDIATE). */
  write: boolean;
  /** Commit at the end; false: roll back whatever happened (a scratch view). */
  commit: boolean;
  /** Documents put in place before fn runs, neither guarded nor reported (only with commit false). */
  base?: Iterable<DocState>;
  guard?: WriteGuard;
}

interface Frame {
  guard?: WriteGuard;
  writes: Write[];
  /** Collections registered by this capture: known in memory only once it commits. */
  collections: Map<string, CollectionOrigin>;
}

export const docKey = (coll: string, id: DocId): string => `${coll}\u0000${typeof id === 'number' ? 'n' : 's'}${id}`;

export class Store {
  private readonly db: Database.Database;
  /** The running capture; every document write happens inside one. */
  private frame: Frame | null = null;

  private readonly indexes: Map<string, IndexRt[]>;
  /** name → how it came to exist: 'declared' (index file), 'created' (createCollection), 'write' */
  private readonly collections = new Map<string, CollectionOrigin>();
  private readonly stmtCache = new Map<string, Database.Statement>();
  private readonly planCache = new Map<string, string>();
  private readonly sGet: Database.Statement;
  private readonly sInsert: Database.Statement;
  private readonly sUpdate: Database.Statement;
  private readonly sDelete: Database.Statement;
  private readonly sAddColl: Database.Statement;
  private readonly sBegin: Database.Statement;
  private readonly sBeginImmediate: Database.Statement;
  private readonly sCommit: Database.Statement;
  private readonly sRollback: Database.Statement;

  constructor(file: string, indexFile: IndexFile) {
    validateIndexFile(indexFile);
    this.db = new Database(file);
    if (file !== ':memory:' && file !== '') {
      this.db.pragma('journal_mode = WAL');
    }
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = OFF');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL, origin TEXT NOT NULL DEFAULT 'write') WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS docs (coll TEXT NOT NULL, id NOT NULL, body TEXT NOT NULL, PRIMARY KEY (coll, id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS _indexes (tbl TEXT PRIMARY KEY, coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, multikey TEXT NOT NULL) WITHOUT ROWID;
    `);
    const version = this.db.prepare(`SELECT value FROM _meta WHERE key = 'schema_version'`).get() as { value: string } | undefined;
    if (!version) {
      this.db.prepare(`INSERT INTO _meta (key, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
    } else if (Number(version.value) > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`database file ${file} has schema version ${version.value}; this runtime supports ${SCHEMA_VERSION}`);
    }
    this.sGet = this.db.prepare('SELECT body FROM docs WHERE coll = ? AND id = ?');
    this.sInsert = this.db.prepare('INSERT INTO docs (coll, id, body) VALUES (?, ?, ?)');
    this.sUpdate = this.db.prepare('UPDATE docs SET body = ? WHERE coll = ? AND id = ?');
    this.sDelete = this.db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?');
    this.sAddColl = this.db.prepare(
      `INSERT INTO _collections (name, created_at, origin) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET origin = excluded.origin WHERE excluded.origin <> 'write' AND origin = 'write'`,
    );
    this.sBegin = this.db.prepare('BEGIN');
    this.sBeginImmediate = this.db.prepare('BEGIN IMMEDIATE');
    this.sCommit = this.db.prepare('COMMIT');
    this.sRollback = this.db.prepare('ROLLBACK');
    for (const r of this.db.prepare('SELECT name, origin FROM _collections').all() as { name: string; origin: CollectionOrigin }[]) {
      this.collections.set(r.name, r.origin);
    }
    try {
      const now = Date.now();
      for (const coll of Object.keys(indexFile.collections)) this.atomic(() => this.ensureCollection(coll, now, 'declared'));
      this.indexes = openIndexTables(this.db, indexFile, (fn) => this.atomic(fn));
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- captures (SQLite transactions)

  /**
   * The one way to read and write: fn runs in one SQLite transaction, each write it makes passes the guard
   * and is reported. Committed, or rolled back (commit false) after `base` documents were put in place
   * first: a transaction runs its operations that way, on committed data with its own view on top.
   */
  capture<T>(fn: () => T, opts: CaptureOptions): { value: T; writes: Write[] } {
    if (this.frame || this.db.inTransaction) throw new Error('Store.capture: a capture is already running');
    if (opts.base && opts.commit) throw new Error('Store.capture: base documents are for scratch views (commit false)');
    (opts.write ? this.sBeginImmediate : this.sBegin).run();
    const collections = new Map<string, CollectionOrigin>();
    try {
      if (opts.base) {
        this.frame = { writes: [], collections };
        for (const b of opts.base) {
          const cur = this.getDoc(b.coll, b.id);
          // Rolled back at the end: no clock needed for a collection this creates.
          if (cur || b.doc) this.write(b.coll, b.id, cur, b.doc, 0);
        }
      }
      const frame: Frame = { guard: opts.guard, writes: [], collections };
      this.frame = frame;
      const value = fn();
      (opts.commit ? this.sCommit : this.sRollback).run();
      if (opts.commit) for (const [name, origin] of collections) this.collections.set(name, origin);
      return { value, writes: frame.writes };
    } catch (e) {
      if (this.db.inTransaction) this.sRollback.run();
      throw e;
    } finally {
      this.frame = null;
    }
  }

  /** Schema work when the file opens (outside any capture). */
  private atomic<T>(fn: () => T): T {
    this.sBeginImmediate.run();
    try {
      const value = fn();
      this.sCommit.run();
      return value;
    } catch (e) {
      if (this.db.inTransaction) this.sRollback.run();
      throw e;
    }
  }

  stmt(sql: string): Database.Statement {
    let s = this.stmtCache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmtCache.set(sql, s);
    }
    return s;
  }

  /** SQLite's EXPLAIN QUERY PLAN of a statement, one line per step (cached). */
  sqlPlan(sql: string, params: unknown[]): string {
    let p = this.planCache.get(sql);
    if (p === undefined) {
      const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      p = rows.map((r) => r.detail).join('; ');
      this.planCache.set(sql, p);
    }
    return p;
  }

  // ---------------------------------------------------------------- collections

  collectionOrigin(name: string): CollectionOrigin | undefined {
    return this.collections.get(name);
  }

  ensureCollection(name: string, nowMs: number, origin: CollectionOrigin = 'write'): void {
    const known = this.frame?.collections.get(name) ?? this.collections.get(name);
    if (known && (origin === 'write' || known !== 'write')) return;
    this.sAddColl.run(name, Math.floor(nowMs), origin);
    // Inside a capture the name is known once it commits (a scratch view never does).
    (this.frame?.collections ?? this.collections).set(name, origin);
  }

  listCollections(): { name: string; count: number }[] {
    const rows = this.db.prepare('SELECT name, origin FROM _collections ORDER BY name').all() as { name: string; origin: CollectionOrigin }[];
    this.collections.clear();
    for (const r of rows) this.collections.set(r.name, r.origin);
    return rows.map((r) => ({ name: r.name, count: this.countAll(r.name) }));
  }

  countAll(coll: string): number {
    return (this.stmt('SELECT count(*) AS n FROM docs WHERE coll = ?').get(coll) as { n: number }).n;
  }

  // ---------------------------------------------------------------- documents

  getDoc(coll: string, id: DocId): Doc | undefined {
    const row = this.sGet.get(coll, id) as { body: string } | undefined;
    return row ? fromStorage(row.body) : undefined;
  }

  /** Insert, replace (prev given) or delete (doc null) one document, keeping indexes in sync. In a capture. */
  write(coll: string, id: DocId, prev: Doc | undefined, doc: Doc | null, nowMs: number): void {
    const frame = this.frame;
    if (!frame) throw new Error('Store.write outside a capture');
    frame.guard?.document(coll, id);
    const ixs = this.indexes.get(coll) ?? [];
    if (doc) {
      validateDoc(doc);
      const body = toStorage(doc);
      if (body.length > MAX_DOC_BYTES) throw requestFailed(`document ${String(id)} exceeds the 16 MB limit`);
      this.ensureCollection(coll, nowMs);
      if (prev) this.sUpdate.run(body, coll, id);
      else {
        try {
          this.sInsert.run(coll, id, body);
        } catch (e: any) {
          if (String(e.code).startsWith('SQLITE_CONSTRAINT')) {
            throw requestFailed(`E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
          }
          throw e;
        }
      }
    } else if (prev) {
      this.sDelete.run(coll, id);
    }
    for (const ix of ixs) {
      const before = prev ? indexEntries(ix, prev) : [];
      const after = doc ? indexEntries(ix, doc) : [];
      if (prev && doc && sameEntries(before, after)) continue;
      if (prev) ix.deleteById.run(id);
      for (const e of after) {
        if (ix.unique && frame.guard) frame.guard.uniqueKey(uniqueLockKey(ix, e));
        insertEntry(ix, e, id);
      }
    }
    frame.writes.push({ coll, id, before: prev, after: doc });
  }

  /** Lock keys of a document's unique index entries. */
  uniqueKeys(coll: string, doc: Doc): string[] {
    const out: string[] = [];
    for (const ix of this.indexes.get(coll) ?? []) {
      if (!ix.unique) continue;
      for (const e of indexEntries(ix, doc)) out.push(uniqueLockKey(ix, e));
    }
    return out;
  }

  // ---------------------------------------------------------------- indexes

  indexesOf(coll: string): IndexRt[] {
    return this.indexes.get(coll) ?? [];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
