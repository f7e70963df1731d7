/**
 * SQLite layer: documents, collections and real secondary indexes.
 *
 * docs(coll, id, body)            one row per document, primary key (coll, id)
 * ix_<hash>(t0, v0, …, id)        one table per declared index, one row per key (multikey: per element)
 *                                 primary key = the key columns (+ id unless unique), in index direction
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { DbError, requestFailed } from './errors';
import { Doc, fromStorage, isPlainObject, toStorage } from './ejson';
import { storedPoints } from './geo';
import { KeyPart, RANK, keyId, pathKeys } from './keys';

export interface IndexField {
  field: string;
  /** '2dsphere': a geo index on GeoJSON points (single field). */
  direction: 1 | -1 | '2dsphere';
}
export interface IndexSpec {
  name: string;
  unique?: boolean;
  fields: IndexField[];
}
export interface IndexFile {
  collections: Record<string, { smallCollection?: boolean; indexes: IndexSpec[] }>;
}

export type DocId = string | number;
export type CollectionOrigin = 'declared' | 'created' | 'write';

/** Bump when key encoding changes: every index is rebuilt on open. */
const KEY_FORMAT = 1;
const SCHEMA_VERSION = 1;
/** MongoDB's document size limit. */
const MAX_DOC_BYTES = 16 * 1024 * 1024;
const MAX_KEYS_PER_DOC = 1000;

export interface IndexRt {
  coll: string;
  name: string;
  unique: boolean;
  fields: IndexField[];
  table: string;
  /** 2dsphere: rows are (latitude, longitude) of each point the field holds. */
  geo: boolean;
  multikey: boolean[];
  insert: Database.Statement;
  deleteById: Database.Statement;
}

export interface Change {
  coll: string;
  id: DocId;
  after: Doc | null;
}

export interface StoreHooks {
  /** Called before a document is written (insert, replace, delete). */
  beforeWrite?(coll: string, id: DocId): void;
  /** Called before a unique index key is added for a document (lock key: `uniqueLockKey`). */
  beforeUniqueKey?(lockKey: string): void;
  /** Called after a committed-path write with the document before it (undefined = did not exist). */
  afterWrite?(coll: string, id: DocId, prev: Doc | undefined): void;
}

/** Identity of one unique index key, for transaction write locks. */
export const uniqueLockKey = (ix: IndexRt, entry: KeyPart[]): string => `u\u0000${ix.table}\u0000${entry.map(keyId).join('|')}`;

export const docKey = (coll: string, id: DocId): string => `${coll}\u0000${typeof id === 'number' ? 'n' : 's'}${id}`;

/** A SQL identifier, quoted. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

let idCounter = Math.floor(Math.random() * 0xffffff);

/** 32 hex characters like cloud ids: 12 of time (ms), 6 of counter, 14 random. Sorts by creation. */
export function newId(nowMs: number): string {
  idCounter = (idCounter + 1) & 0xffffff;
  return (
    Math.max(0, Math.floor(nowMs)).toString(16).padStart(12, '0').slice(-12) +
    idCounter.toString(16).padStart(6, '0') +
    randomBytes(7).toString('hex')
  );
}

export function describeKey(fields: IndexField[], keys: unknown[]): string {
  return `{ ${fields.map((f, i) => `${f.field}: ${JSON.stringify(keys[i] ?? null)}`).join(', ')} }`;
}

export function validateIndexFile(file: IndexFile): void {
  if (!file || typeof file !== 'object' || !file.collections || typeof file.collections !== 'object') {
    throw new Error('index file: expected { collections: { <name>: { indexes: [...] } } }');
  }
  for (const [coll, def] of Object.entries(file.collections)) {
    if (!def || !Array.isArray(def.indexes)) throw new Error(`index file: collection "${coll}" needs an "indexes" array`);
    const names = new Set<string>();
    for (const ix of def.indexes) {
      if (!ix || typeof ix.name !== 'string' || !ix.name) throw new Error(`index file: an index of "${coll}" has no name`);
      if (names.has(ix.name)) throw new Error(`index file: duplicate index name "${coll}.${ix.name}"`);
      names.add(ix.name);
      if (!Array.isArray(ix.fields) || ix.fields.length === 0) throw new Error(`index file: index "${coll}.${ix.name}" has no fields`);
      const seen = new Set<string>();
      for (const f of ix.fields) {
        if (!f || typeof f.field !== 'string' || !f.field || f.field.startsWith('$')) throw new Error(`index file: bad field in "${coll}.${ix.name}"`);
        if (f.direction !== 1 && f.direction !== -1 && f.direction !== '2dsphere') throw new Error(`index file: direction of "${coll}.${ix.name}.${f.field}" must be 1, -1 or "2dsphere"`);
        if (f.direction === '2dsphere' && (ix.fields.length !== 1 || ix.unique)) {
          throw new Error(`index file: "${coll}.${ix.name}": the local database supports 2dsphere indexes on a single field, not unique (compound geo indexes are not emulated)`);
        }
        if (seen.has(f.field)) throw new Error(`index file: field "${f.field}" repeated in "${coll}.${ix.name}"`);
        seen.add(f.field);
      }
    }
  }
}

/** Reject what MongoDB cannot store. */
export function validateDoc(doc: Doc): void {
  const walk = (v: any, path: string): void => {
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw requestFailed(`invalid Date at "${path}"`);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}.${i}`));
      return;
    }
    if (isPlainObject(v)) {
      for (const k of Object.keys(v)) {
        if (k.startsWith('$')) throw requestFailed(`field name "${k}" at "${path || '<root>'}" must not start with '$'`);
        if (k === '__proto__') throw requestFailed('field name "__proto__" is not allowed');
        walk(v[k], path ? `${path}.${k}` : k);
      }
      return;
    }
    if (typeof v === 'function' || typeof v === 'symbol') throw requestFailed(`unsupported value at "${path}"`);
  };
  walk(doc, '');
  const id = doc._id;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
    throw requestFailed('_id must be a string or a number');
  }
}

export class Store {
  readonly db: Database.Database;
  readonly hooks: StoreHooks = {};
  /** When false (transaction scratch work), afterWrite is not called. */
  tracking = true;
  /** Changes recorded while capturing (transaction scratch work). */
  changes: Change[] | null = null;

  private readonly indexes = new Map<string, IndexRt[]>();
  /** name → how it came to exist: 'declared' (index file), 'created' (createCollection), 'write' */
  private readonly collections = new Map<string, CollectionOrigin>();
  private readonly stmtCache = new Map<string, Database.Statement>();
  private readonly planCache = new Map<string, string>();
  private readonly sGet: Database.Statement;
  private readonly sInsert: Database.Statement;
  private readonly sUpdate: Database.Statement;
  private readonly sDelete: Database.Statement;
  private readonly sAddColl: Database.Statement;
  private readonly sSetMultikey: Database.Statement;
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
    this.sSetMultikey = this.db.prepare('UPDATE _indexes SET multikey = ? WHERE tbl = ?');
    this.sBegin = this.db.prepare('BEGIN');
    this.sBeginImmediate = this.db.prepare('BEGIN IMMEDIATE');
    this.sCommit = this.db.prepare('COMMIT');
    this.sRollback = this.db.prepare('ROLLBACK');
    for (const r of this.db.prepare('SELECT name, origin FROM _collections').all() as { name: string; origin: CollectionOrigin }[]) {
      this.collections.set(r.name, r.origin);
    }
    try {
      this.syncIndexes(indexFile);
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- transactions (SQLite)

  /** Run fn in one SQLite transaction; commit or roll back at the end. */
  atomic<T>(fn: () => T, opts: { write: boolean; commit: boolean }): T {
    if (this.db.inTransaction) return fn();
    (opts.write ? this.sBeginImmediate : this.sBegin).run();
    try {
      const r = fn();
      (opts.commit ? this.sCommit : this.sRollback).run();
      return r;
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
    const known = this.collections.get(name);
    if (known && (origin === 'write' || known !== 'write')) return;
    this.sAddColl.run(name, Math.floor(nowMs), origin);
    // Scratch work (transactions) is always rolled back: only committed paths register the name.
    if (this.tracking) this.collections.set(name, known && origin === 'write' ? known : origin);
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

  /** Insert, replace (prev given) or delete (doc null) one document, keeping indexes in sync. */
  write(coll: string, id: DocId, prev: Doc | undefined, doc: Doc | null, nowMs: number): void {
    this.hooks.beforeWrite?.(coll, id);
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
      const before = prev ? this.entries(ix, prev) : [];
      const after = doc ? this.entries(ix, doc) : [];
      if (prev && doc && sameEntries(before, after)) continue;
      if (prev) ix.deleteById.run(id);
      for (const e of after) {
        if (ix.unique && this.hooks.beforeUniqueKey) this.hooks.beforeUniqueKey(uniqueLockKey(ix, e));
        this.insertEntry(ix, e, id);
      }
    }
    if (this.changes) this.changes.push({ coll, id, after: doc });
    if (this.tracking) this.hooks.afterWrite?.(coll, id, prev);
  }

  /** Lock keys of a document's unique index entries. */
  uniqueKeys(coll: string, doc: Doc): string[] {
    const out: string[] = [];
    for (const ix of this.indexes.get(coll) ?? []) {
      if (!ix.unique) continue;
      for (const e of this.entries(ix, doc)) out.push(uniqueLockKey(ix, e));
    }
    return out;
  }

  // ---------------------------------------------------------------- indexes

  indexesOf(coll: string): IndexRt[] {
    return this.indexes.get(coll) ?? [];
  }

  /** Key tuples of a document for an index (cross product of the fields' distinct keys). */
  entries(ix: IndexRt, doc: Doc): KeyPart[][] {
    if (ix.geo) {
      const field = ix.fields[0].field;
      const v = field.split('.').reduce<any>((node, k) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? node[k] : undefined), doc);
      return storedPoints(v, `${ix.coll}.${field} (2dsphere index ${ix.name})`).map((p) => [{ t: RANK.number, v: p.lat }, { t: RANK.number, v: p.lng }]);
    }
    const perField: KeyPart[][] = [];
    const arrays: string[][] = [];
    for (let i = 0; i < ix.fields.length; i++) {
      const { keys, arrayPaths } = pathKeys(doc, ix.fields[i].field);
      perField.push(keys);
      arrays.push(arrayPaths);
      if (arrayPaths.length && !ix.multikey[i]) {
        ix.multikey[i] = true;
        this.sSetMultikey.run(JSON.stringify(ix.multikey), ix.table);
      }
    }
    // MongoDB refuses compound keys over two different arrays ("parallel arrays").
    for (let i = 0; i < arrays.length; i++) {
      for (let j = i + 1; j < arrays.length; j++) {
        if (arrays[i].length && arrays[j].length && !arrays[i].some((p) => arrays[j].includes(p))) {
          throw requestFailed(`cannot index parallel arrays [${ix.fields[i].field}] [${ix.fields[j].field}] (index ${ix.coll}.${ix.name})`);
        }
      }
    }
    let tuples: KeyPart[][] = [[]];
    for (const keys of perField) {
      const next: KeyPart[][] = [];
      for (const t of tuples) for (const k of keys) next.push([...t, k]);
      tuples = next;
      if (tuples.length > MAX_KEYS_PER_DOC) throw requestFailed(`document produces more than ${MAX_KEYS_PER_DOC} keys for index ${ix.coll}.${ix.name}`);
    }
    return tuples;
  }

  private insertEntry(ix: IndexRt, entry: KeyPart[], id: DocId): void {
    const params: unknown[] = [];
    for (const k of entry) params.push(k.t, k.v);
    params.push(id);
    try {
      ix.insert.run(...params);
    } catch (e: any) {
      if (ix.unique && String(e.code).startsWith('SQLITE_CONSTRAINT')) {
        throw new DbError(
          'DATABASE_REQUEST_FAILED',
          `E11000 duplicate key error collection: ${ix.coll} index: ${ix.name} dup key: ${describeKey(ix.fields, entry.map(displayKey))}`,
        );
      }
      throw e;
    }
  }

  private syncIndexes(file: IndexFile): void {
    const existing = new Map<string, { coll: string; name: string; multikey: string }>();
    for (const r of this.db.prepare('SELECT tbl, coll, name, multikey FROM _indexes').all() as any[]) existing.set(r.tbl, r);
    const wanted = new Set<string>();
    const now = Date.now();
    for (const [coll, def] of Object.entries(file.collections)) {
      this.atomic(() => this.ensureCollection(coll, now, 'declared'), { write: true, commit: true });
      const list: IndexRt[] = [];
      for (const spec of def.indexes) {
        const specJson = JSON.stringify({ unique: !!spec.unique, fields: spec.fields.map((f) => [f.field, f.direction]), format: KEY_FORMAT });
        const table = `ix_${createHash('sha1').update(`${coll}\u0000${spec.name}\u0000${specJson}`).digest('hex').slice(0, 20)}`;
        wanted.add(table);
        const geo = spec.fields[0].direction === '2dsphere';
        const n = geo ? 2 : spec.fields.length;
        const cols = [...Array(n).keys()].map((i) => `t${i} INTEGER NOT NULL, v${i} NOT NULL`).join(', ');
        const dirOf = (i: number): string => (!geo && spec.fields[i].direction === -1 ? ' DESC' : '');
        const pkCols = [...Array(n).keys()].map((i) => `t${i}${dirOf(i)}, v${i}${dirOf(i)}`).join(', ');
        const pk = spec.unique ? pkCols : `${pkCols}, id${dirOf(0)}`;
        const rt: IndexRt = {
          coll,
          name: spec.name,
          unique: !!spec.unique,
          fields: spec.fields.map((f) => ({ field: f.field, direction: f.direction })),
          table,
          geo,
          multikey: new Array(spec.fields.length).fill(false),
          insert: undefined as unknown as Database.Statement,
          deleteById: undefined as unknown as Database.Statement,
        };
        const prev = existing.get(table);
        if (!prev) {
          this.atomic(
            () => {
              this.db.exec(`CREATE TABLE ${quoteIdent(table)} (${cols}, id NOT NULL, PRIMARY KEY (${pk})) WITHOUT ROWID`);
              this.db.exec(`CREATE INDEX ${quoteIdent(`${table}_id`)} ON ${quoteIdent(table)} (id)`);
              this.db.prepare('INSERT INTO _indexes (tbl, coll, name, spec, multikey) VALUES (?, ?, ?, ?, ?)').run(table, coll, spec.name, specJson, JSON.stringify(rt.multikey));
              this.prepareIndex(rt);
              // Build from existing documents.
              const rows = this.db.prepare('SELECT id, body FROM docs WHERE coll = ?').all(coll) as { id: DocId; body: string }[];
              for (const row of rows) {
                for (const e of this.entries(rt, fromStorage(row.body))) {
                  try {
                    this.insertEntry(rt, e, row.id);
                  } catch (err: any) {
                    throw new Error(`cannot build index ${coll}.${spec.name}: ${err.message}`);
                  }
                }
              }
            },
            { write: true, commit: true },
          );
        } else {
          try {
            const mk = JSON.parse(prev.multikey);
            if (Array.isArray(mk) && mk.length === spec.fields.length) rt.multikey = mk.map(Boolean);
          } catch {
            rt.multikey = new Array(spec.fields.length).fill(true);
          }
          this.prepareIndex(rt);
        }
        list.push(rt);
      }
      this.indexes.set(coll, list);
    }
    for (const table of existing.keys()) {
      if (wanted.has(table)) continue;
      this.atomic(
        () => {
          this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
          this.db.prepare('DELETE FROM _indexes WHERE tbl = ?').run(table);
        },
        { write: true, commit: true },
      );
    }
  }

  private prepareIndex(rt: IndexRt): void {
    const n = rt.geo ? 2 : rt.fields.length;
    const names = [...Array(n).keys()].map((i) => `t${i}, v${i}`).join(', ');
    const marks = new Array(n * 2 + 1).fill('?').join(', ');
    rt.insert = this.db.prepare(`INSERT INTO ${quoteIdent(rt.table)} (${names}, id) VALUES (${marks})`);
    rt.deleteById = this.db.prepare(`DELETE FROM ${quoteIdent(rt.table)} WHERE id = ?`);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function sameEntries(a: KeyPart[][], b: KeyPart[][]): boolean {
  if (a.length !== b.length) return false;
  const ids = (x: KeyPart[][]): string => x.map((t) => t.map(keyId).join('|')).sort().join('\n');
  return ids(a) === ids(b);
}

function displayKey(k: KeyPart): unknown {
  if (Buffer.isBuffer(k.v)) return '<object>';
  if (k.t === 10) return null;
  if (k.t === 90) return new Date(k.v as number).toISOString();
  if (k.t === 80) return k.v === 1;
  return k.v;
}
