/**
 * Scans: the SQL that reads candidates for a plan — index seeks (in index order when a sort streams), the
 * primary key, a 2dsphere box, the whole collection — and the key-only scan of an index-only count.
 * Every statement's EXPLAIN QUERY PLAN goes into the stats; every row read counts as a key examined.
 */
import type { Bound } from './bounds';
import type { BBox } from './geo';
import { type KeyPart, type KeyValue, RANK } from './keys';
import type { ExecStats, IndexPlan } from './plans';
import type { DocId } from './schema';
import { type IndexRt, quoteIdent } from './indexTables';
import type { Store } from './store';

/** A document id with its stored body (read in the same step when the scan joins the documents). */
export interface Candidate {
  id: DocId;
  body: string;
}

function* rows<R>(store: Store, sql: string, params: unknown[], stats: ExecStats): Generator<R> {
  stats.sqlPlan = store.sqlPlan(sql, params);
  for (const row of store.stmt(sql).iterate(...params) as IterableIterator<R>) {
    stats.keysExamined++;
    yield row;
  }
}

/** Every combination of single points (cartesian product over the point lists), ranges kept as they are. */
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

const whereClause = (where: string[]): string => (where.length ? ` WHERE ${where.join(' AND ')}` : '');

/** Primary key conditions (docs.id) for one combination; null when the bound cannot hold an id. */
function idWhere(coll: string, combo: Bound[]): { where: string[]; params: unknown[] } | null {
  const where = ['coll = ?'];
  const params: unknown[] = [coll];
  const b = combo[0];
  if (b && b.kind === 'points') {
    const k = b.keys[0];
    if (k.t !== RANK.string && k.t !== RANK.number) return null;
    where.push('id = ?');
    params.push(k.v);
  } else if (b && b.kind === 'range') {
    // Ids are strings or numbers.
    if (b.t !== RANK.string && b.t !== RANK.number) return null;
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
  return { where, params };
}

/** Candidates of an index plan; `ordered`: in the plan's scan direction (the sort streams from the index). */
export function* scanIndex(store: Store, coll: string, p: IndexPlan, ordered: boolean, stats: ExecStats): Generator<Candidate> {
  const dir = p.scanDir === 0 ? 1 : p.scanDir;
  for (const combo of combos(p.bounds)) {
    if (p.ix === null) {
      const q = idWhere(coll, combo);
      if (!q) continue;
      yield* rows<Candidate>(store, `SELECT id, body FROM docs${whereClause(q.where)}${ordered ? ` ORDER BY id ${dir === 1 ? 'ASC' : 'DESC'}` : ''}`, q.params, stats);
      continue;
    }
    // Index rows (alias x) joined to their documents: one row step per candidate.
    const where: string[] = [];
    const params: unknown[] = [coll];
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
    const sql = `SELECT x.id AS id, d.body AS body FROM ${quoteIdent(p.ix.table)} x CROSS JOIN docs d ON d.coll = ? AND d.id = x.id${whereClause(where)}${order}`;
    yield* rows<Candidate>(store, sql, params, stats);
  }
}

/**
 * Index rows inside one combination of a plan's bounds, by key: the points fix every bounded field but a
 * trailing range, whose distinct keys come with their row counts (`rows` alone when all are points).
 */
export interface KeyCounts {
  points: KeyPart[];
  /** Set when the last bound is a range: its distinct keys and how many rows hold each. */
  range?: { keys: KeyPart[]; rows: number[] };
  rows: number;
}

/**
 * Count index rows by key inside a plan's bounds: key columns only, no document is read (secondary indexes
 * only). Only the last bound can be a range; it is grouped by its column.
 */
export function* countIndexKeys(store: Store, p: IndexPlan & { ix: IndexRt }, stats: ExecStats): Generator<KeyCounts> {
  const last = p.bounds.length - 1;
  for (const combo of combos(p.bounds)) {
    const where: string[] = [];
    const params: unknown[] = [];
    indexWhere(combo, where, params);
    const points = combo.flatMap((b) => (b.kind === 'points' ? b.keys : []));
    const table = quoteIdent(p.ix.table);
    if (combo[last].kind === 'points') {
      const sql = `SELECT COUNT(*) AS n FROM ${table} x${whereClause(where)}`;
      stats.sqlPlan = store.sqlPlan(sql, params);
      const rows = (store.stmt(sql).get(...params) as { n: number }).n;
      stats.keysExamined += rows;
      if (rows > 0) yield { points, rows };
      continue;
    }
    const sql = `SELECT x.t${last}, x.v${last}, COUNT(*) FROM ${table} x${whereClause(where)} GROUP BY x.t${last}, x.v${last}`;
    stats.sqlPlan = store.sqlPlan(sql, params);
    // Raw rows ([t, v, n]): this statement is only used here.
    const groups = store.stmt(sql).raw(true).all(...params) as [number, KeyValue, number][];
    const range = { keys: groups.map(([t, v]) => ({ t, v })), rows: groups.map((g) => g[2]) };
    const rows = range.rows.reduce((x, y) => x + y, 0);
    stats.keysExamined += rows;
    if (rows > 0) yield { points, range, rows };
  }
}

/** Candidates from a 2dsphere index: the points inside a box (all of them when box is null). */
export function* scanGeo(store: Store, coll: string, ix: IndexRt, box: BBox | null, stats: ExecStats): Generator<Candidate> {
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
  yield* rows<Candidate>(store, `SELECT x.id AS id, d.body AS body FROM ${quoteIdent(ix.table)} x CROSS JOIN docs d ON d.coll = ? AND d.id = x.id${whereClause(where)}`, params, stats);
}

/** Every document of a collection, in id order. */
export function scanAll(store: Store, coll: string, stats: ExecStats): Generator<Candidate> {
  return rows<Candidate>(store, 'SELECT id, body FROM docs WHERE coll = ? ORDER BY id', [coll], stats);
}
