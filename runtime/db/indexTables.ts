/**
 * Index tables: one SQLite table per declared index, `ix_<hash>(t0, v0, …, id)` with one row per key
 * (multikey: per element) and the key columns (+ id unless unique) as primary key, in index direction.
 * Kept in step with the index file when the database opens (new or changed: built from the documents;
 * removed: dropped); the keys each document gives an index.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { DbError, requestFailed } from './errors';
import { type Doc, fromStorage } from './ejson';
import { storedPoints } from './geo';
import { type KeyPart, RANK, keyId, pathKeys } from './keys';
import type { DocId, IndexField, IndexFile, IndexSpec } from './schema';

/** Bump when key encoding changes: every index is rebuilt on open. */
const KEY_FORMAT = 1;
const MAX_KEYS_PER_DOC = 1000;

export interface IndexRt {
  coll: string;
  name: string;
  unique: boolean;
  fields: IndexField[];
  table: string;
  /** 2dsphere: rows are (latitude, longitude) of each point the field holds. */
  geo: boolean;
  /** Per field: some document holds an array there (then one row per element). Only ever turns true. */
  multikey: boolean[];
  insert: Database.Statement;
  deleteById: Database.Statement;
  setMultikey: Database.Statement;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Identity of one unique index key, for transaction write locks. */
export const uniqueLockKey = (ix: IndexRt, entry: KeyPart[]): string => `u\u0000${ix.table}\u0000${entry.map(keyId).join('|')}`;

/** Key tuples of a document for an index (cross product of the fields' distinct keys). */
export function indexEntries(ix: IndexRt, doc: Doc): KeyPart[][] {
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
      ix.setMultikey.run(JSON.stringify(ix.multikey), ix.table);
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

export function sameEntries(a: KeyPart[][], b: KeyPart[][]): boolean {
  if (a.length !== b.length) return false;
  const ids = (x: KeyPart[][]): string => x.map((t) => t.map(keyId).join('|')).sort().join('\n');
  return ids(a) === ids(b);
}

function displayKey(k: KeyPart): unknown {
  if (Buffer.isBuffer(k.v)) return '<object>';
  if (k.t === RANK.null) return null;
  if (k.t === RANK.date) return new Date(k.v as number).toISOString();
  if (k.t === RANK.bool) return k.v === 1;
  return k.v;
}

function describeKey(fields: IndexField[], keys: unknown[]): string {
  return `{ ${fields.map((f, i) => `${f.field}: ${JSON.stringify(keys[i] ?? null)}`).join(', ')} }`;
}

/** Add one key row; a unique index refuses a second document with MongoDB's E11000 message. */
export function insertEntry(ix: IndexRt, entry: KeyPart[], id: DocId): void {
  const params: unknown[] = [];
  for (const k of entry) params.push(k.t, k.v);
  params.push(id);
  try {
    ix.insert.run(...params);
  } catch (e: any) {
    if (ix.unique && String(e.code).startsWith('SQLITE_CONSTRAINT')) {
      throw new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${ix.coll} index: ${ix.name} dup key: ${describeKey(ix.fields, entry.map(displayKey))}`);
    }
    throw e;
  }
}

type IndexDef = Omit<IndexRt, 'insert' | 'deleteById' | 'setMultikey'>;

/** The definition with its statements (the table exists). */
function prepared(db: Database.Database, def: IndexDef): IndexRt {
  const n = def.geo ? 2 : def.fields.length;
  const names = [...Array(n).keys()].map((i) => `t${i}, v${i}`).join(', ');
  const marks = new Array(n * 2 + 1).fill('?').join(', ');
  return {
    ...def,
    insert: db.prepare(`INSERT INTO ${quoteIdent(def.table)} (${names}, id) VALUES (${marks})`),
    deleteById: db.prepare(`DELETE FROM ${quoteIdent(def.table)} WHERE id = ?`),
    setMultikey: db.prepare('UPDATE _indexes SET multikey = ? WHERE tbl = ?'),
  };
}

/** Create one index table and fill it from the collection's documents. */
function build(db: Database.Database, def: IndexDef, spec: IndexSpec, specJson: string): IndexRt {
  const n = def.geo ? 2 : spec.fields.length;
  const cols = [...Array(n).keys()].map((i) => `t${i} INTEGER NOT NULL, v${i} NOT NULL`).join(', ');
  const dirOf = (i: number): string => (!def.geo && spec.fields[i].direction === -1 ? ' DESC' : '');
  const pkCols = [...Array(n).keys()].map((i) => `t${i}${dirOf(i)}, v${i}${dirOf(i)}`).join(', ');
  const pk = spec.unique ? pkCols : `${pkCols}, id${dirOf(0)}`;
  db.exec(`CREATE TABLE ${quoteIdent(def.table)} (${cols}, id NOT NULL, PRIMARY KEY (${pk})) WITHOUT ROWID`);
  db.exec(`CREATE INDEX ${quoteIdent(`${def.table}_id`)} ON ${quoteIdent(def.table)} (id)`);
  db.prepare('INSERT INTO _indexes (tbl, coll, name, spec, multikey) VALUES (?, ?, ?, ?, ?)').run(def.table, def.coll, def.name, specJson, JSON.stringify(def.multikey));
  const rt = prepared(db, def);
  for (const row of db.prepare('SELECT id, body FROM docs WHERE coll = ?').all(rt.coll) as { id: DocId; body: string }[]) {
    for (const e of indexEntries(rt, fromStorage(row.body))) {
      try {
        insertEntry(rt, e, row.id);
      } catch (err: any) {
        throw new Error(`cannot build index ${rt.coll}.${rt.name}: ${err.message}`);
      }
    }
  }
  return rt;
}

/** The multikey flags an existing table recorded (all true when unreadable: the safe side). */
function recordedMultikey(text: string, fields: number): boolean[] {
  try {
    const mk = JSON.parse(text);
    if (Array.isArray(mk) && mk.length === fields) return mk.map(Boolean);
  } catch {
    return new Array(fields).fill(true);
  }
  return new Array(fields).fill(false);
}

/** Bring the index tables in line with the index file (each change in its own SQLite transaction). */
export function openIndexTables(db: Database.Database, file: IndexFile, atomic: <T>(fn: () => T) => T): Map<string, IndexRt[]> {
  const existing = new Map<string, string>();
  for (const r of db.prepare('SELECT tbl, multikey FROM _indexes').all() as { tbl: string; multikey: string }[]) existing.set(r.tbl, r.multikey);
  const out = new Map<string, IndexRt[]>();
  for (const [coll, def] of Object.entries(file.collections)) {
    out.set(
      coll,
      def.indexes.map((spec) => {
        const specJson = JSON.stringify({ unique: !!spec.unique, fields: spec.fields.map((f) => [f.field, f.direction]), format: KEY_FORMAT });
        const ix: IndexDef = {
          coll,
          name: spec.name,
          unique: !!spec.unique,
          fields: spec.fields.map((f) => ({ field: f.field, direction: f.direction })),
          table: `ix_${createHash('sha1').update(`${coll}\u0000${spec.name}\u0000${specJson}`).digest('hex').slice(0, 20)}`,
          geo: spec.fields[0].direction === '2dsphere',
          multikey: new Array(spec.fields.length).fill(false),
        };
        const recorded = existing.get(ix.table);
        if (recorded === undefined) return atomic(() => build(db, ix, spec, specJson));
        return prepared(db, { ...ix, multikey: recordedMultikey(recorded, spec.fields.length) });
      }),
    );
  }
  const wanted = new Set([...out.values()].flat().map((ix) => ix.table));
  for (const table of existing.keys()) {
    if (wanted.has(table)) continue;
    atomic(() => {
      db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
      db.prepare('DELETE FROM _indexes WHERE tbl = ?').run(table);
    });
  }
  return out;
}
