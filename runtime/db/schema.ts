/**
 * What the database holds: the index file (collections and their indexes) as declared in
 * database/indexes.json, document ids, and what a document may contain.
 */
import { randomBytes } from 'node:crypto';
import { requestFailed } from './errors';
import { type Doc, isPlainObject } from './ejson';

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
