/**
 * Filter analysis: the conditions of a filter, per field, turned into index bounds.
 *
 * Invariant: bounds describe a SUPERSET of the matching keys; every candidate is re-checked with mingo.
 * Bounds are only derived where MongoDB's own semantics guarantee that superset (type bracketing of
 * $gt/$lt, multikey rules: on an array field two range predicates may be met by different elements, so
 * only one side is used).
 */
import { isPlainObject, type Doc } from './ejson';
import { type KeyPart, type KeyValue, RANK, compareKeyParts, keyId, keyPart } from './keys';

export type Pred =
  | { kind: 'eq'; value: unknown }
  | { kind: 'in'; values: unknown[] }
  | { kind: 'range'; op: '$gt' | '$gte' | '$lt' | '$lte'; value: unknown }
  | { kind: 'regex'; re: RegExp };

export interface Range {
  kind: 'range';
  t: number;
  lo?: KeyValue;
  loIncl: boolean;
  hi?: KeyValue;
  hiIncl: boolean;
}
export type Bound = { kind: 'points'; keys: KeyPart[] } | Range | { kind: 'empty' };

export interface Analysis {
  preds: Map<string, Pred[]>;
  ors: Doc[][];
  fields: string[];
  empty: boolean;
}

export function analyse(filter: Doc): Analysis {
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

export function boundFor(preds: Pred[] | undefined, multikey: boolean): Bound | null {
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