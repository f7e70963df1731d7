/**
 * Index selection: which index (or primary key, index union, 2dsphere box, full scan) answers a filter and
 * sort, what the execution stats report, and strict mode's coverage rule.
 */
import { DbError } from './errors';
import type { Doc } from './ejson';
import { type Analysis, type Bound, analyse, boundFor } from './bounds';
import { findRegions, type BBox } from './geo';
import { type KeyValue, RANK } from './keys';
import type { IndexField } from './schema';
import type { IndexRt } from './indexTables';
import type { Store } from './store';

export type SortSpec = [string, 1 | -1][];

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
  /** An aggregate's $lookup sub-queries run on the indexes (sub-pipelines, equality joins), in stage order. */
  lookups?: ExecStats[];
}

export interface ExecOptions {
  /** Refuse a query no index covers (unless small). */
  strict: boolean;
  /** A smallCollection: scanning it is fine. */
  small: boolean;
}

export function newStats(coll: string): ExecStats {
  return { collection: coll, plan: 'COLLSCAN', sortInIndex: false, inMemorySort: false, keysExamined: 0, docsExamined: 0, returned: 0, covered: false };
}

const ID_INDEX = '_id_';
/** Point combinations (cartesian product over $in lists) one plan may seek; the first field is always kept. */
const MAX_COMBOS = 10_000;

export interface IndexPlan {
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
export interface GeoPlan {
  kind: 'geo';
  ix: IndexRt;
  box: BBox | null;
}

export type Plan =
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

export function geoIndexOn(store: Store, coll: string, field: string): IndexRt | undefined {
  return store.indexesOf(coll).find((ix) => ix.geo && ix.fields[0].field === field);
}

/**
 * The plan for a filter and sort, described in stats (plan, index, bounds, covered). Strict mode refuses a
 * plan that is not covered: an index bounds the filter, or the filter is empty and the sort streams.
 */
export function planQuery(store: Store, coll: string, filter: Doc, sort: SortSpec, opts: ExecOptions, stats: ExecStats): Plan {
  const a = analyse(filter);
  let plan = choosePlan(store, coll, a, sort);
  if (plan.kind === 'collscan' || (plan.kind === 'index' && plan.bounds.length === 0)) {
    // $geoWithin / $geoIntersects on a field with a 2dsphere index: the points inside the region's box.
    for (const { field, region } of findRegions(filter)) {
      const ix = geoIndexOn(store, coll, field);
      if (ix) {
        plan = { kind: 'geo', ix, box: region.box };
        break;
      }
    }
  }
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
        const s = newStats(coll);
        s.plan = b.ix === null && b.bounds[0]?.kind === 'points' ? 'IDHACK' : 'IXSCAN';
        s.index = b.name;
        s.bounds = describeBounds(b);
        s.covered = true;
        return s;
      });
      break;
    default:
      stats.plan = plan.ix === null && plan.bounds[0]?.kind === 'points' ? 'IDHACK' : 'IXSCAN';
      stats.index = plan.name;
      stats.bounds = describeBounds(plan);
      bounded = plan.bounds.length > 0;
      if (plan.scanDir !== 0) servesSort = true;
  }
  stats.covered = bounded || (a.empty && servesSort);
  if (opts.strict && !opts.small && !stats.covered) throw notCovered(store, coll, a, sort);
  return plan;
}

function notCovered(store: Store, coll: string, a: Analysis, sort: SortSpec): DbError {
  const idx = store.indexesOf(coll);
  const declared = idx.length ? idx.map((i) => `${i.name}(${i.fields.map((f) => f.field + (f.direction === -1 ? ' desc' : f.direction === '2dsphere' ? ' 2dsphere' : '')).join(', ')})`).join(', ') : 'none';
  const sortText = sort.length ? `; sort: [${sort.map(([p, d]) => `${p} ${d === 1 ? 'asc' : 'desc'}`).join(', ')}]` : '';
  return new DbError(
    'DATABASE_REQUEST_FAILED',
    `[strict] query on collection "${coll}" is not covered by any index (filter fields: [${a.fields.join(', ')}]${sortText}). ` +
      `Declared indexes: ${declared}. Add an index to the index file (an equality/range on a prefix of its fields, ` +
      `or a sort matching it) or mark the collection smallCollection.`,
  );
}
