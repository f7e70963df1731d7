/**
 * Query execution: find (streamed or sorted in memory), geo-near, count. A plan's scan returns a superset of
 * the matching documents; every candidate is re-checked with mingo — an index-only count included, which
 * tests each index key instead of reading its document.
 */
import type { Query } from 'mingo/query';
import { requestFailed } from './errors';
import { type Doc, fromStorage, isPlainObject, setPath } from './ejson';
import { type LngLat, circleBox, containsNear, findNear, nearestDistance } from './geo';
import { type KeyPart, RANK, compareKeyParts, keyPart, sortKey } from './keys';
import { compileFilter, testDoc } from './operators';
import { type ExecOptions, type ExecStats, type IndexPlan, type Plan, type SortSpec, geoIndexOn, newStats, planQuery } from './plans';
import { type Candidate, countIndexKeys, scanAll, scanGeo, scanIndex } from './scans';
import type { IndexRt } from './indexTables';
import { type Store, docKey } from './store';

export type { ExecOptions, ExecStats, SortSpec } from './plans';

export interface FindSpec {
  filter: Doc;
  sort?: SortSpec;
  skip?: number;
  /** undefined = no limit */
  limit?: number;
}

/** An order as the SDK sends it ({f: 1|-1|'asc'|'desc'} or [{field, direction}]), or a $sort stage. */
export function parseSort(order: unknown): SortSpec {
  if (order === undefined || order === null) return [];
  const entries: [string, unknown][] = Array.isArray(order)
    ? order.map((o: any) => [o.field, o.direction] as [string, unknown])
    : isPlainObject(order)
      ? Object.entries(order)
      : [];
  return entries.map(([field, d]) => {
    const dir = d === 'desc' || d === -1 ? -1 : d === 'asc' || d === 1 ? 1 : 0;
    if (!dir || typeof field !== 'string' || !field) throw requestFailed(`invalid sort ${JSON.stringify(order)}`);
    return [field, dir];
  });
}

/** MongoDB order (arrays by their min element ascending, max descending); ties by _id in the first direction. */
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

// ------------------------------------------------------------------ index-only counts

const COUNTABLE_OPS = new Set(['$eq', '$in', '$gt', '$gte', '$lt', '$lte']);
const isScalar = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (v instanceof Date && !Number.isNaN(v.getTime()));

/**
 * True when the filter reads nothing but the bounded index fields: plain conditions (scalar equality, $in of
 * scalars, ranges on scalars) on exactly those fields, none multikey (one row per document). Then each index
 * row's key holds every value the filter tests: a count needs no document, and the rows sharing a key
 * pass or fail together.
 */
function keysSuffice(filter: Doc, p: IndexPlan): p is IndexPlan & { ix: IndexRt } {
  if (p.ix === null || p.bounds.length === 0) return false;
  const bounded = p.fields.slice(0, p.bounds.length).map((f) => f.field);
  if (p.ix.multikey.slice(0, p.bounds.length).some(Boolean)) return false;
  // A field inside another one ('a' and 'a.b') would not rebuild into one document.
  if (bounded.some((f) => bounded.some((g) => g.startsWith(`${f}.`)))) return false;
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

/** The scalar a key part stands for; undefined when the key does not hold the value itself. */
function scalarOf(k: KeyPart): unknown {
  switch (k.t) {
    case RANK.null:
      return null;
    case RANK.number:
    case RANK.string:
      return k.v;
    case RANK.bool:
      return k.v === 1;
    case RANK.date:
      return new Date(k.v as number);
    default:
      return undefined;
  }
}

/**
 * Index-only count: each distinct key is re-checked with the filter as the document of the fields it holds
 * (rows sharing a key pass or fail together); no document is read.
 */
function countByKeys(store: Store, coll: string, p: IndexPlan & { ix: IndexRt }, q: Query, stats: ExecStats): number {
  const paths = p.fields.slice(0, p.bounds.length).map((f) => f.field);
  const value = (k: KeyPart): unknown => {
    const v = scalarOf(k);
    // The bounds admit scalar keys only: anything else would be counted blind.
    if (v === undefined) throw new Error(`index-only count met a non-scalar key in ${coll}.${p.name}`);
    return v;
  };
  let total = 0;
  for (const c of countIndexKeys(store, p, stats)) {
    const doc: Doc = {};
    c.points.forEach((k, i) => setPath(doc, paths[i], value(k)));
    if (!c.range) {
      if (testDoc(q, doc)) total += c.rows;
      continue;
    }
    // The trailing range: one key document, its last field set per distinct key.
    const lastPath = paths[paths.length - 1];
    for (let i = 0; i < c.range.keys.length; i++) {
      setPath(doc, lastPath, value(c.range.keys[i]));
      if (testDoc(q, doc)) total += c.range.rows[i];
    }
  }
  return total;
}

// ------------------------------------------------------------------ executor

export class Executor {
  constructor(private readonly store: Store) {}

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

  /** Candidates, each document once, that pass the full filter (mingo re-checks every one). */
  private *recheck(coll: string, candidates: Iterable<Candidate>, q: Query, stats: ExecStats): Generator<Doc> {
    const seen = new Set<string>();
    for (const c of candidates) {
      const key = docKey(coll, c.id);
      if (seen.has(key)) continue;
      seen.add(key);
      const doc = fromStorage(c.body);
      stats.docsExamined++;
      if (testDoc(q, doc)) yield doc;
    }
  }

  find(coll: string, spec: FindSpec, opts: ExecOptions): { docs: Doc[]; stats: ExecStats } {
    const sort = spec.sort ?? [];
    const skip = Math.max(0, spec.skip ?? 0);
    const limit = spec.limit;
    const page = (list: Doc[]): Doc[] => (limit === undefined ? list.slice(skip) : list.slice(skip, skip + limit));
    const stats = newStats(coll);
    const near = findNear(spec.filter);
    if (near) {
      const found = this.near(coll, near.field, near.center, near.min, near.max, spec.filter, stats).map((f) => f.doc);
      const docs = page(sort.length ? sortDocs(found, sort) : found);
      stats.returned = docs.length;
      return { docs, stats };
    }
    const plan = planQuery(this.store, coll, spec.filter, sort, opts, stats);
    const q = compileFilter(spec.filter);
    const streamed = sort.length === 0 || (plan.kind === 'index' && plan.scanDir !== 0) || plan.kind === 'empty';
    const ordered = sort.length > 0 && streamed;
    stats.sortInIndex = ordered;
    stats.inMemorySort = !streamed;
    const want = limit === undefined ? Infinity : skip + limit;
    const out: Doc[] = [];
    if (want > 0) {
      for (const doc of this.recheck(coll, this.candidates(coll, plan, ordered, stats), q, stats)) {
        out.push(doc);
        if (streamed && out.length >= want) break;
      }
    }
    const docs = page(streamed ? out : sortDocs(out, sort));
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
    const out: { doc: Doc; distance: number }[] = [];
    const candidates = scanGeo(this.store, coll, ix, max === undefined ? null : circleBox(center, max), stats);
    for (const doc of this.recheck(coll, candidates, compileFilter(filter), stats)) {
      const distance = nearestDistance(doc, field, center);
      if ((max !== undefined && distance > max) || (min !== undefined && distance < min)) continue;
      out.push({ doc, distance });
    }
    out.sort((a, b) => a.distance - b.distance || compareKeyParts(keyPart(a.doc._id), keyPart(b.doc._id)));
    return out;
  }

  count(coll: string, filter: Doc, opts: ExecOptions): { total: number; stats: ExecStats } {
    if (containsNear(filter)) throw requestFailed('$geoNear, $near, and $nearSphere are not allowed in this context (count)');
    const stats = newStats(coll);
    let total = 0;
    if (Object.keys(filter).length === 0) {
      stats.covered = true;
      total = this.store.countAll(coll);
    } else {
      const plan = planQuery(this.store, coll, filter, [], opts, stats);
      const q = compileFilter(filter);
      if (plan.kind === 'index' && keysSuffice(filter, plan)) {
        total = countByKeys(this.store, coll, plan, q, stats);
      } else {
        for (const _doc of this.recheck(coll, this.candidates(coll, plan, false, stats), q, stats)) total++;
      }
    }
    stats.returned = total;
    return { total, stats };
  }
}
