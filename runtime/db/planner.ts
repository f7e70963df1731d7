/**
 * Query planning and execution over the SQLite store.
 *
 * Invariant: an index lookup returns a SUPERSET of the matching documents; every candidate is then
 * tested with mingo. Bounds are only derived where MongoDB's own semantics guarantee that superset
 * (type bracketing of $gt/$lt, multikey rules: on an array field two range predicates may be met by
 * different elements, so only one side is used).
 */
import { Query } from 'mingo/query';
import { CONTEXT, explainMingoError } from './operators';
import { DbError, requestFailed } from './errors';
import { Doc, fromStorage, isPlainObject } from './ejson';
import { KeyPart, KeyValue, RANK, compareKeyParts, keyId, keyPart, sortKey } from './keys';
import { BBox, LngLat, circleBox, containsNear, findNear, findRegions, nearestDistance } from './geo';
import { DocId, IndexField, IndexRt, Store, docKey } from './store';

export type SortSpec = [string, 1 | -1][];

export interface FindSpec {
  filter: Doc;
  sort?: SortSpec;
  skip?: number;
  /** undefined = no limit */
  limit?: number;
}

export interface ExecStats {
  collection: string;
  plan: 'EMPTY' | 'IDHACK' | 'IXSCAN' | 'COLLSCAN' | 'OR' | 'GEO' | 'GEO_NEAR';
  /** Index used (for IXSCAN; "_id_" for the primary key). */
  index?: string;
  bounds?: string;
  /** Results streamed in index order, limit applied while scanning. */
  sortInIndex: boolean;
  inMemorySort: boolean;
  keysExamined: number;
  docsExamined: number;
  returned: number;
  /** Covered by an index in the strict-mode sense. */
  covered: boolean;
  /** SQLite's EXPLAIN QUERY PLAN for the (last) index scan statement. */
  sqlPlan?: string;
  branches?: ExecStats[];
}

export const QUERY_OPTIONS = { scriptEnabled: false, context: CONTEXT } as const;

export function compileFilter(filter: Doc): Query {
  try {
    return new Query(filter, QUERY_OPTIONS);
  } catch (e: any) {
    if (e instanceof DbError) throw e;
    throw requestFailed(`invalid query: ${explainMingoError(e.message)}`);
  }
}

export function testDoc(q: Query, doc: Doc): boolean {
  try {
    return q.test(doc);
  } catch (e: any) {
    if (e instanceof DbError) throw e;
    throw requestFailed(`query failed: ${explainMingoError(e.message)}`);
  }
}

// ------------------------------------------------------------------ predicates → bounds

type Pred =
  | { kind: 'eq'; value: unknown }
  | { kind: 'in'; values: unknown[] }
  | { kind: 'range'; op: '$gt' | '$gte' | '$lt' | '$lte'; value: unknown }
  | { kind: 'regex'; re: RegExp };

interface Range {
  kind: 'range';
  t: number;
  lo?: KeyValue;
  loIncl: boolean;
  hi?: KeyValue;
  hiIncl: boolean;
}
type Bound = { kind: 'points'; keys: KeyPart[] } | Range | { kind: 'empty' };

interface Analysis {
  preds: Map<string, Pred[]>;
  ors: Doc[][];
  fields: string[];
  empty: boolean;
}

function analyse(filter: Doc): Analysis {
  const preds = new Map<string, Pred[]>();
  const ors: Doc[][] = [];
  const fields = new Set<string>();
  let empty = true;
  const push = (path: string, p: Pred): void => {
    let list = preds.get(path);
    if (!list) preds.set(path, (list = []));
    list.push(p);
  };
  const field = (path: string, v: unknown): void => {
    fields.add(path);
    if (v instanceof RegExp) {
      push(path, { kind: 'regex', re: v });
      return;
    }
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
        for (const op of keys) {
          const x = v[op];
          switch (op) {
            case '$eq':
              if (!(x instanceof RegExp)) push(path, { kind: 'eq', value: x });
              break;
            case '$in':
              if (Array.isArray(x)) push(path, { kind: 'in', values: x });
              break;
            case '$all':
              // Every element must be present: any one of them bounds the index.
              if (Array.isArray(x)) for (const el of x) if (!(isPlainObject(el) && '$elemMatch' in el)) push(path, { kind: 'eq', value: el });
              break;
            case '$gt':
            case '$gte':
            case '$lt':
            case '$lte':
              push(path, { kind: 'range', op, value: x });
              break;
            case '$regex':
              if (x instanceof RegExp) push(path, { kind: 'regex', re: x });
              else if (typeof x === 'string') {
                try {
                  push(path, { kind: 'regex', re: new RegExp(x, typeof v.$options === 'string' ? v.$options.replace(/[^imsu]/g, '') : '') });
                } catch {
                  /* mingo reports it */
                }
              }
              break;
            case '$exists':
              if (x === false || x === 0) push(path, { kind: 'eq', value: null });
              break;
            case '$elemMatch':
              if (isPlainObject(x)) {
                const ks = Object.keys(x);
                if (ks.length && ks.every((k) => k.startsWith('$'))) field(path, x);
                else for (const k of ks) if (!k.startsWith('$')) field(`${path}.${k}`, x[k]);
              }
              break;
            default:
              break;
          }
        }
        return;
      }
    }
    push(path, { kind: 'eq', value: v });
  };
  const walk = (f: Doc): void => {
    for (const k of Object.keys(f)) {
      const v = f[k];
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) walk(sub);
        continue;
      }
      empty = false;
      if (k === '$or' && Array.isArray(v)) {
        ors.push(v.filter(isPlainObject));
        for (const sub of v) if (isPlainObject(sub)) for (const fk of Object.keys(sub)) if (!fk.startsWith('$')) fields.add(fk);
        continue;
      }
      if (k.startsWith('$')) continue;
      field(k, v);
    }
  };
  walk(filter);
  return { preds, ors, fields: [...fields], empty };
}

function pointsOfEq(v: unknown): KeyPart[] | null {
  if (v instanceof RegExp) return null;
  if (v === undefined || v === null) return [keyPart(null)];
  if (Array.isArray(v)) {
    // Matches the whole array (stored as an element of an outer array) or arrays holding it.
    return [keyPart(v), v.length ? keyPart(v[0]) : { t: RANK.emptyArray, v: 0 }];
  }
  return [keyPart(v)];
}

function rangeOf(op: string, value: unknown): Bound | null {
  if (value === undefined || value instanceof RegExp) return null;
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  if (value === null) {
    if (op === '$gte' || op === '$lte') return { kind: 'points', keys: [keyPart(null)] };
    return { kind: 'empty' };
  }
  const k = keyPart(value);
  if (op === '$gt' || op === '$gte') return { kind: 'range', t: k.t, lo: k.v, loIncl: op === '$gte', hiIncl: false };
  return { kind: 'range', t: k.t, hi: k.v, hiIncl: op === '$lte', loIncl: false };
}

/** Case-sensitive anchored regex → string range on its literal prefix. */
function regexRange(re: RegExp): Range | null {
  if (re.flags.includes('i') || re.flags.includes('m')) return null;
  const src = re.source;
  if (!src.startsWith('^') || src.includes('|')) return null;
  let prefix = '';
  let i = 1;
  for (; i < src.length; i++) {
    const c = src[i];
    if ('.*+?()[]{}$^'.includes(c)) break;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined || /[0-9A-Za-z]/.test(n)) break;
      prefix += n;
      i++;
      continue;
    }
    prefix += c;
  }
  if (i < src.length && '*?{'.includes(src[i]) && prefix.length) prefix = prefix.slice(0, -1);
  if (!prefix) return null;
  const last = prefix.charCodeAt(prefix.length - 1);
  const r: Range = { kind: 'range', t: RANK.string, lo: prefix, loIncl: true, hiIncl: false };
  if (last < 0xd7ff || (last >= 0xe000 && last < 0xffff)) r.hi = prefix.slice(0, -1) + String.fromCharCode(last + 1);
  return r;
}

function cmpValue(a: KeyValue, b: KeyValue, t: number): number {
  return compareKeyParts({ t, v: a }, { t, v: b });
}

function inRange(k: KeyPart, r: Range): boolean {
  if (k.t !== r.t) return false;
  if (r.lo !== undefined) {
    const c = cmpValue(k.v, r.lo, r.t);
    if (c < 0 || (c === 0 && !r.loIncl)) return false;
  }
  if (r.hi !== undefined) {
    const c = cmpValue(k.v, r.hi, r.t);
    if (c > 0 || (c === 0 && !r.hiIncl)) return false;
  }
  return true;
}

function intersect(a: Range, b: Range): Range | { kind: 'empty' } {
  if (a.t !== b.t) return { kind: 'empty' };
  const r: Range = { ...a };
  if (b.lo !== undefined) {
    const c = r.lo === undefined ? -1 : cmpValue(r.lo, b.lo, r.t);
    if (c < 0 || (c === 0 && !b.loIncl)) {
      r.lo = b.lo;
      r.loIncl = c === 0 ? r.loIncl && b.loIncl : b.loIncl;
    }
  }
  if (b.hi !== undefined) {
    const c = r.hi === undefined ? 1 : cmpValue(r.hi, b.hi, r.t);
    if (c > 0 || (c === 0 && !b.hiIncl)) {
      r.hi = b.hi;
      r.hiIncl = c === 0 ? r.hiIncl && b.hiIncl : b.hiIncl;
    }
  }
  if (r.lo !== undefined && r.hi !== undefined) {
    const c = cmpValue(r.lo, r.hi, r.t);
    if (c > 0 || (c === 0 && !(r.loIncl && r.hiIncl))) return { kind: 'empty' };
  }
  return r;
}

function boundFor(preds: Pred[] | undefined, multikey: boolean): Bound | null {
  if (!preds || preds.length === 0) return null;
  let points: KeyPart[] | null = null;
  const ranges: Bound[] = [];
  for (const p of preds) {
    if (p.kind === 'eq' || p.kind === 'in') {
      const values = p.kind === 'eq' ? [p.value] : p.values;
      const pts: KeyPart[] = [];
      let ok = true;
      for (const v of values) {
        const x = pointsOfEq(v);
        if (!x) {
          ok = false;
          break;
        }
        pts.push(...x);
      }
      if (!ok) continue;
      const uniq = dedupe(pts);
      if (!points || uniq.length < points.length) points = uniq;
    } else if (p.kind === 'range') {
      const r = rangeOf(p.op, p.value);
      if (r) ranges.push(r);
    } else {
      const r = regexRange(p.re);
      if (r) ranges.push(r);
    }
  }
  if (points) {
    if (!multikey) {
      for (const r of ranges) {
        if (r.kind === 'empty') return r;
        if (r.kind === 'range') points = points.filter((k) => inRange(k, r));
        else points = points.filter((k) => r.keys.some((x) => compareKeyParts(x, k) === 0));
      }
      if (points.length === 0) return { kind: 'empty' };
    }
    return { kind: 'points', keys: points.sort(compareKeyParts) };
  }
  if (ranges.length === 0) return null;
  if (multikey) return ranges[0];
  let acc: Bound = ranges[0];
  for (let i = 1; i < ranges.length; i++) {
    const r = ranges[i];
    if (acc.kind === 'empty') return acc;
    if (r.kind === 'empty') return r;
    if (acc.kind === 'points') {
      const a: KeyPart[] = acc.keys;
      acc = { kind: 'points', keys: r.kind === 'points' ? a.filter((k) => r.keys.some((x) => compareKeyParts(x, k) === 0)) : a.filter((k) => inRange(k, r)) };
    } else if (r.kind === 'points') {
      const ar: Range = acc;
      acc = { kind: 'points', keys: r.keys.filter((k) => inRange(k, ar)) };
    } else {
      acc = intersect(acc, r);
    }
    if (acc.kind === 'points' && acc.keys.length === 0) return { kind: 'empty' };
  }
  return acc;
}

function dedupe(keys: KeyPart[]): KeyPart[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = keyId(k);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// ------------------------------------------------------------------ plans

const ID_INDEX = '_id_';
/** Point combinations (cartesian product over $in lists) one plan may seek; the first field is always kept. */
const MAX_COMBOS = 10_000;

interface IndexPlan {
  kind: 'index';
  ix: IndexRt | null; // null = primary key (_id)
  name: string;
  fields: IndexField[];
  bounds: Bound[];
  /** 1 forward, -1 reverse, 0 = does not serve the requested sort */
  scanDir: 1 | -1 | 0;
  pointFields: number;
}

/** Candidates from a 2dsphere index: the points inside a box (all of them when box is null). */
interface GeoPlan {
  kind: 'geo';
  ix: IndexRt;
  box: BBox | null;
}

type Plan =
  | { kind: 'empty' }
  | IndexPlan
  | { kind: 'collscan' }
  | { kind: 'or'; branches: IndexPlan[] }
  | GeoPlan;

function planIndex(ix: IndexRt | null, fields: IndexField[], multikey: boolean[], a: Analysis, sort: SortSpec): IndexPlan | { kind: 'empty' } {
  const bounds: Bound[] = [];
  let combos = 1;
  for (let i = 0; i < fields.length; i++) {
    const b = boundFor(a.preds.get(fields[i].field), multikey[i]);
    if (!b) break;
    if (b.kind === 'empty') return b;
    if (b.kind === 'points') {
      if (bounds.length > 0 && combos * b.keys.length > MAX_COMBOS) break;
      combos *= b.keys.length;
    }
    bounds.push(b);
    if (b.kind === 'range') break;
  }
  const pointFields = bounds.filter((b) => b.kind === 'points').length;
  // Does a scan of this index return documents in the requested order?
  let scanDir: 1 | -1 | 0 = 0;
  if (combos === 1) {
    let k = 0;
    while (k < bounds.length && bounds[k].kind === 'points') k++;
    const fixed = new Set(fields.slice(0, k).filter((_, i) => !multikey[i]).map((f) => f.field));
    const rest = sort.filter(([p]) => !fixed.has(p));
    if (rest.length === 0) scanDir = 1;
    else if (k + rest.length <= fields.length) {
      const d = rest[0][1] * (fields[k].direction as 1 | -1);
      let ok = true;
      for (let j = 0; j < rest.length && ok; j++) {
        const f = fields[k + j];
        if (f.field !== rest[j][0] || rest[j][1] * (f.direction as 1 | -1) !== d) ok = false;
        // A bounded array field is met at an element inside the bounds, not at its min/max.
        if (multikey[k + j] && k + j < bounds.length) ok = false;
      }
      if (ok) scanDir = d as 1 | -1;
    }
  }
  return { kind: 'index', ix, name: ix ? ix.name : ID_INDEX, fields, bounds, scanDir, pointFields };
}

function better(a: IndexPlan, b: IndexPlan, wantSort: boolean): boolean {
  const score = (p: IndexPlan): number[] => [
    p.pointFields,
    p.bounds.some((x) => x.kind === 'range') ? 1 : 0,
    wantSort && p.scanDir !== 0 ? 1 : 0,
    p.ix === null || (p.ix.unique && p.pointFields === p.fields.length) ? 1 : 0,
    -p.fields.length,
  ];
  const x = score(a);
  const y = score(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
}

const ID_FIELDS: IndexField[] = [{ field: '_id', direction: 1 }];

function choosePlan(store: Store, coll: string, a: Analysis, sort: SortSpec): Plan {
  let best: IndexPlan | null = null;
  const consider = (ix: IndexRt | null): { kind: 'empty' } | null => {
    const p = planIndex(ix, ix ? ix.fields : ID_FIELDS, ix ? ix.multikey : [false], a, sort);
    if (p.kind === 'empty') return p;
    if (p.bounds.length === 0 && !(sort.length > 0 && p.scanDir !== 0)) return null;
    if (!best || better(p, best, sort.length > 0)) best = p;
    return null;
  };
  if (consider(null)) return { kind: 'empty' };
  for (const ix of store.indexesOf(coll)) if (!ix.geo && consider(ix)) return { kind: 'empty' };
  const single = best as IndexPlan | null;
  if (single && single.bounds.length > 0) return single;
  // Index union for a top-level $or whose every branch is indexable.
  if (a.ors.length > 0) {
    const branches: IndexPlan[] = [];
    let ok = true;
    for (const branch of a.ors[0]) {
      const sub = analyse(branch);
      // Conjuncts outside the $or narrow every branch.
      for (const [path, list] of a.preds) {
        const mine = sub.preds.get(path);
        if (mine) mine.push(...list);
        else sub.preds.set(path, [...list]);
      }
      const p = choosePlan(store, coll, sub, []);
      if (p.kind === 'empty') continue;
      if (p.kind !== 'index' || p.bounds.length === 0) {
        ok = false;
        break;
      }
      branches.push(p);
    }
    if (ok) return branches.length === 0 ? { kind: 'empty' } : { kind: 'or', branches };
  }
  return single ?? { kind: 'collscan' };
}

function describeBounds(p: IndexPlan): string {
  const show = (v: KeyValue, t: number): string => {
    if (Buffer.isBuffer(v)) return '<bytes>';
    if (t === RANK.date) return new Date(v as number).toISOString();
    if (t === RANK.null) return 'null';
    return JSON.stringify(v);
  };
  return p.bounds
    .map((b, i) => {
      const f = p.fields[i].field;
      if (b.kind === 'points') return `${f} in [${b.keys.map((k) => show(k.v, k.t)).join(', ')}]`;
      if (b.kind === 'range') return `${f} ${b.lo !== undefined ? (b.loIncl ? '[' : '(') + show(b.lo, b.t) : '(-'}, ${b.hi !== undefined ? show(b.hi, b.t) + (b.hiIncl ? ']' : ')') : '+)'}`;
      return `${f} empty`;
    })
    .join('; ');
}

// ------------------------------------------------------------------ execution

interface Candidate {
  id: DocId;
  body?: string;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function* combos(bounds: Bound[]): Generator<Bound[]> {
  const rec = function* (i: number, acc: Bound[]): Generator<Bound[]> {
    if (i === bounds.length) {
      yield acc;
      return;
    }
    const b = bounds[i];
    if (b.kind === 'points') for (const k of b.keys) yield* rec(i + 1, [...acc, { kind: 'points', keys: [k] }]);
    else yield* rec(i + 1, [...acc, b]);
  };
  yield* rec(0, []);
}

/** SQL conditions on index row columns (alias x) for one combination of bounds. */
function indexWhere(combo: Bound[], where: string[], params: unknown[]): void {
  combo.forEach((b, i) => {
    if (b.kind === 'points') {
      where.push(`x.t${i} = ? AND x.v${i} = ?`);
      params.push(b.keys[0].t, b.keys[0].v);
    } else if (b.kind === 'range') {
      where.push(`x.t${i} = ?`);
      params.push(b.t);
      if (b.lo !== undefined) {
        where.push(`x.v${i} ${b.loIncl ? '>=' : '>'} ?`);
        params.push(b.lo);
      }
      if (b.hi !== undefined) {
        where.push(`x.v${i} ${b.hiIncl ? '<=' : '<'} ?`);
        params.push(b.hi);
      }
    }
  });
}

const COUNTABLE_OPS = new Set(['$eq', '$in', '$gt', '$gte', '$lt', '$lte']);
const isScalar = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (v instanceof Date && !Number.isNaN(v.getTime()));

/**
 * True when the index bounds express the whole filter exactly: plain field conditions (scalar equality,
 * $in of scalars, ranges on scalars), every filtered field bounded by a non-multikey index field. Then a
 * count needs no document: counting index rows is the answer.
 */
function exactlyBounded(filter: Doc, p: IndexPlan): boolean {
  if (p.ix === null || p.bounds.length === 0) return false;
  const bounded = p.fields.slice(0, p.bounds.length).map((f) => f.field);
  if (p.ix.multikey.slice(0, p.bounds.length).some(Boolean)) return false;
  const keys = Object.keys(filter);
  if (keys.length !== bounded.length || !keys.every((k) => bounded.includes(k))) return false;
  return keys.every((k) => {
    const v = filter[k];
    if (isScalar(v)) return true;
    if (!isPlainObject(v)) return false;
    const ops = Object.keys(v);
    return ops.length > 0 && ops.every((op) => COUNTABLE_OPS.has(op) && (op === '$in' ? Array.isArray(v[op]) && v[op].length > 0 && v[op].every(isScalar) : isScalar(v[op])));
  });
}

function countIndexRows(store: Store, p: IndexPlan, stats: ExecStats): number {
  let total = 0;
  for (const combo of combos(p.bounds)) {
    const where: string[] = [];
    const params: unknown[] = [];
    indexWhere(combo, where, params);
    const sql = `SELECT COUNT(*) AS n FROM ${quote(p.ix!.table)} x${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    stats.sqlPlan = store.sqlPlan(sql, params);
    total += (store.stmt(sql).get(...params) as { n: number }).n;
  }
  return total;
}

function* scanIndex(store: Store, coll: string, p: IndexPlan, ordered: boolean, stats: ExecStats): Generator<Candidate> {
  const dir = p.scanDir === 0 ? 1 : p.scanDir;
  for (const combo of combos(p.bounds)) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (p.ix === null) {
      // Primary key: docs(coll, id). Ids are strings or numbers.
      where.push('coll = ?');
      params.push(coll);
      const b = combo[0];
      if (b && b.kind === 'points') {
        const k = b.keys[0];
        if (k.t !== RANK.string && k.t !== RANK.number) continue;
        where.push('id = ?');
        params.push(k.v);
      } else if (b && b.kind === 'range') {
        if (b.t !== RANK.string && b.t !== RANK.number) continue;
        where.push(b.t === RANK.string ? "typeof(id) = 'text'" : "typeof(id) IN ('integer', 'real')");
        if (b.lo !== undefined) {
          where.push(`id ${b.loIncl ? '>=' : '>'} ?`);
          params.push(b.lo);
        }
        if (b.hi !== undefined) {
          where.push(`id ${b.hiIncl ? '<=' : '<'} ?`);
          params.push(b.hi);
        }
      }
      const sql = `SELECT id, body FROM docs WHERE ${where.join(' AND ')}${ordered ? ` ORDER BY id ${dir === 1 ? 'ASC' : 'DESC'}` : ''}`;
      stats.sqlPlan = store.sqlPlan(sql, params);
      for (const row of store.stmt(sql).iterate(...params) as IterableIterator<{ id: DocId; body: string }>) {
        stats.keysExamined++;
        yield row;
      }
      continue;
    }
    // Index rows (alias x) joined to their documents: one row step per candidate.
    params.push(coll);
    indexWhere(combo, where, params);
    let order = '';
    if (ordered) {
      const cols = p.fields.map((f, i) => {
        const d = (f.direction as 1 | -1) * dir === 1 ? 'ASC' : 'DESC';
        return `x.t${i} ${d}, x.v${i} ${d}`;
      });
      cols.push(`x.id ${(p.fields[0].direction as 1 | -1) * dir === 1 ? 'ASC' : 'DESC'}`);
      order = ` ORDER BY ${cols.join(', ')}`;
    }
    const sql =
      `SELECT x.id AS id, d.body AS body FROM ${quote(p.ix.table)} x CROSS JOIN docs d ON d.coll = ? AND d.id = x.id` +
      `${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${order}`;
    stats.sqlPlan = store.sqlPlan(sql, params);
    for (const row of store.stmt(sql).iterate(...params) as IterableIterator<{ id: DocId; body: string }>) {
      stats.keysExamined++;
      yield row;
    }
  }
}

function* scanGeo(store: Store, coll: string, ix: IndexRt, box: BBox | null, stats: ExecStats): Generator<Candidate> {
  const where: string[] = [];
  const params: unknown[] = [coll];
  if (box) {
    where.push('x.v0 >= ? AND x.v0 <= ?');
    params.push(box.latLo, box.latHi);
    if (box.lngLo !== undefined && box.lngHi !== undefined) {
      where.push('x.v1 >= ? AND x.v1 <= ?');
      params.push(box.lngLo, box.lngHi);
    }
  }
  const sql = `SELECT x.id AS id, d.body AS body FROM ${quote(ix.table)} x CROSS JOIN docs d ON d.coll = ? AND d.id = x.id${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  stats.sqlPlan = store.sqlPlan(sql, params);
  for (const row of store.stmt(sql).iterate(...params) as IterableIterator<{ id: DocId; body: string }>) {
    stats.keysExamined++;
    yield row;
  }
}

function geoIndexOn(store: Store, coll: string, field: string): IndexRt | undefined {
  return store.indexesOf(coll).find((ix) => ix.geo && ix.fields[0].field === field);
}

function* scanAll(store: Store, coll: string, stats: ExecStats): Generator<Candidate> {
  for (const row of store.stmt('SELECT id, body FROM docs WHERE coll = ? ORDER BY id').iterate(coll) as IterableIterator<{ id: DocId; body: string }>) {
    stats.keysExamined++;
    yield row;
  }
}

export function sortDocs(docs: Doc[], sort: SortSpec): Doc[] {
  if (sort.length === 0) return docs;
  const keyed = docs.map((d) => ({ d, k: sort.map(([p, dir]) => sortKey(d, p, dir)), id: keyPart(d._id) }));
  const tie = sort[0][1];
  keyed.sort((a, b) => {
    for (let i = 0; i < sort.length; i++) {
      const c = compareKeyParts(a.k[i], b.k[i]);
      if (c !== 0) return c * sort[i][1];
    }
    return compareKeyParts(a.id, b.id) * tie;
  });
  return keyed.map((x) => x.d);
}

export interface ExecOptions {
  strict: boolean;
  small: boolean;
}

export class Executor {
  constructor(private readonly store: Store) {}

  private newStats(coll: string): ExecStats {
    return { collection: coll, plan: 'COLLSCAN', sortInIndex: false, inMemorySort: false, keysExamined: 0, docsExamined: 0, returned: 0, covered: false };
  }

  private plan(coll: string, filter: Doc, sort: SortSpec, opts: ExecOptions, stats: ExecStats): Plan {
    const a = analyse(filter);
    let plan = choosePlan(this.store, coll, a, sort);
    if (plan.kind === 'collscan' || (plan.kind === 'index' && plan.bounds.length === 0)) {
      // $geoWithin / $geoIntersects on a field with a 2dsphere index: the points inside the region's box.
      for (const { field, region } of findRegions(filter)) {
        const ix = geoIndexOn(this.store, coll, field);
        if (ix) {
          plan = { kind: 'geo', ix, box: region.box };
          break;
        }
      }
    }
    const describe = (p: IndexPlan): void => {
      stats.index = p.name;
      stats.bounds = describeBounds(p);
    };
    let bounded = false;
    let servesSort = sort.length === 0;
    switch (plan.kind) {
      case 'empty':
        stats.plan = 'EMPTY';
        bounded = true;
        servesSort = true;
        break;
      case 'collscan':
        stats.plan = 'COLLSCAN';
        break;
      case 'geo':
        stats.plan = 'GEO';
        stats.index = plan.ix.name;
        bounded = true;
        break;
      case 'or':
        stats.plan = 'OR';
        bounded = true;
        stats.branches = plan.branches.map((b) => {
          const s = this.newStats(coll);
          s.plan = b.ix === null && b.bounds[0]?.kind === 'points' ? 'IDHACK' : 'IXSCAN';
          s.index = b.name;
          s.bounds = describeBounds(b);
          s.covered = true;
          return s;
        });
        break;
      default:
        stats.plan = plan.ix === null && plan.bounds[0]?.kind === 'points' ? 'IDHACK' : 'IXSCAN';
        describe(plan);
        bounded = plan.bounds.length > 0;
        if (plan.scanDir !== 0) servesSort = true;
    }
    stats.covered = bounded || (a.empty && servesSort);
    if (opts.strict && !opts.small && !stats.covered) {
      const idx = this.store.indexesOf(coll);
      const declared = idx.length ? idx.map((i) => `${i.name}(${i.fields.map((f) => f.field + (f.direction === -1 ? ' desc' : f.direction === '2dsphere' ? ' 2dsphere' : '')).join(', ')})`).join(', ') : 'none';
      const sortText = sort.length ? `; sort: [${sort.map(([p, d]) => `${p} ${d === 1 ? 'asc' : 'desc'}`).join(', ')}]` : '';
      throw new DbError(
        'DATABASE_REQUEST_FAILED',
        `[strict] query on collection "${coll}" is not covered by any index (filter fields: [${a.fields.join(', ')}]${sortText}). ` +
          `Declared indexes: ${declared}. Add an index to the index file (an equality/range on a prefix of its fields, ` +
          `or a sort matching it) or mark the collection smallCollection.`,
      );
    }
    return plan;
  }

  private *candidates(coll: string, plan: Plan, ordered: boolean, stats: ExecStats): Generator<Candidate> {
    switch (plan.kind) {
      case 'empty':
        return;
      case 'collscan':
        yield* scanAll(this.store, coll, stats);
        return;
      case 'or':
        for (const b of plan.branches) yield* scanIndex(this.store, coll, b, false, stats);
        return;
      case 'geo':
        yield* scanGeo(this.store, coll, plan.ix, plan.box, stats);
        return;
      default:
        yield* scanIndex(this.store, coll, plan, ordered, stats);
    }
  }

  /** Candidate documents of a plan, each once, that pass the full filter (mingo re-checks every one). */
  private *matching(coll: string, plan: Plan, ordered: boolean, q: Query, stats: ExecStats): Generator<Doc> {
    const seen = new Set<string>();
    for (const c of this.candidates(coll, plan, ordered, stats)) {
      const key = docKey(coll, c.id);
      if (seen.has(key)) continue;
      seen.add(key);
      const doc = c.body !== undefined ? fromStorage(c.body) : this.store.getDoc(coll, c.id);
      if (!doc) continue;
      stats.docsExamined++;
      if (testDoc(q, doc)) yield doc;
    }
  }

  find(coll: string, spec: FindSpec, opts: ExecOptions): { docs: Doc[]; stats: ExecStats } {
    const sort = spec.sort ?? [];
    const skip = Math.max(0, spec.skip ?? 0);
    const limit = spec.limit;
    const near = findNear(spec.filter);
    if (near) {
      const stats = this.newStats(coll);
      const found = this.near(coll, near.field, near.center, near.min, near.max, spec.filter, stats);
      const ordered = sort.length ? sortDocs(found.map((f) => f.doc), sort) : found.map((f) => f.doc);
      const docs = limit === undefined ? ordered.slice(skip) : ordered.slice(skip, skip + limit);
      stats.returned = docs.length;
      return { docs, stats };
    }
    const stats = this.newStats(coll);
    const plan = this.plan(coll, spec.filter, sort, opts, stats);
    const q = compileFilter(spec.filter);
    const streamed = sort.length === 0 || (plan.kind === 'index' && plan.scanDir !== 0) || plan.kind === 'empty';
    const ordered = sort.length > 0 && streamed;
    stats.sortInIndex = ordered;
    stats.inMemorySort = !streamed;
    const want = limit === undefined ? Infinity : skip + limit;
    const out: Doc[] = [];
    if (want > 0) {
      for (const doc of this.matching(coll, plan, ordered, q, stats)) {
        out.push(doc);
        if (streamed && out.length >= want) break;
      }
    }
    const sorted = streamed ? out : sortDocs(out, sort);
    const docs = limit === undefined ? sorted.slice(skip) : sorted.slice(skip, skip + limit);
    stats.returned = docs.length;
    return { docs, stats };
  }

  /**
   * Documents matching the filter whose nearest point (field) lies within [min, max] metres of the centre,
   * nearest first. Needs a 2dsphere index on the field, as MongoDB does.
   */
  near(coll: string, field: string, center: LngLat, min: number | undefined, max: number | undefined, filter: Doc, stats: ExecStats): { doc: Doc; distance: number }[] {
    const ix = geoIndexOn(this.store, coll, field);
    if (!ix) throw requestFailed(`error processing query: planner returned error :: caused by :: unable to find index for $geoNear query (declare a 2dsphere index on ${coll}.${field})`);
    stats.plan = 'GEO_NEAR';
    stats.index = ix.name;
    stats.covered = true;
    const q = compileFilter(filter);
    const seen = new Set<string>();
    const out: { doc: Doc; distance: number }[] = [];
    for (const c of scanGeo(this.store, coll, ix, max === undefined ? null : circleBox(center, max), stats)) {
      const key = docKey(coll, c.id);
      if (seen.has(key)) continue;
      seen.add(key);
      const doc = c.body !== undefined ? fromStorage(c.body) : this.store.getDoc(coll, c.id);
      if (!doc) continue;
      stats.docsExamined++;
      if (!testDoc(q, doc)) continue;
      const distance = nearestDistance(doc, field, center);
      if ((max !== undefined && distance > max) || (min !== undefined && distance < min)) continue;
      out.push({ doc, distance });
    }
    out.sort((a, b) => a.distance - b.distance || compareKeyParts(keyPart(a.doc._id), keyPart(b.doc._id)));
    return out;
  }

  count(coll: string, filter: Doc, opts: ExecOptions): { total: number; stats: ExecStats } {
    if (containsNear(filter)) throw requestFailed('$geoNear, $near, and $nearSphere are not allowed in this context (count)');
    const stats = this.newStats(coll);
    if (Object.keys(filter).length === 0) {
      stats.covered = true;
      const total = this.store.countAll(coll);
      stats.returned = total;
      return { total, stats };
    }
    const plan = this.plan(coll, filter, [], opts, stats);
    if (plan.kind === 'index' && exactlyBounded(filter, plan)) {
      const total = countIndexRows(this.store, plan, stats);
      stats.returned = total;
      return { total, stats };
    }
    let total = 0;
    for (const _doc of this.matching(coll, plan, false, compileFilter(filter), stats)) total++;
    stats.returned = total;
    return { total, stats };
  }
}
