/**
 * The operator set of the local database: mingo's, with the places where mingo differs from MongoDB (and
 * so from the cloud) replaced, and the geo operators added. Everything runs through one mingo Context.
 */
import { Context, evalExpr } from 'mingo/core';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import { $dayOfWeek, $dayOfYear } from 'mingo/operators/expression/date';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import { Query } from 'mingo/query';
import * as windowOps from 'mingo/operators/window';
import { resolve } from 'mingo/util';
import { DbError, requestFailed } from './errors';
import { isPlainObject } from './ejson';
import { geoIntersectsPredicate, geoWithinPredicate, nearPredicate } from './geo';
import { compareStrings } from './keys';

type Options = any;
type Predicate = (doc: unknown) => boolean;

const isOp = (k: string): boolean => k.startsWith('$');

/**
 * $elemMatch as MongoDB: a condition on fields ({b: 1}, {$or: [...]}) only matches elements that are
 * documents (or arrays); mingo also tests plain values against it. Operator-only conditions ({$gt: 1})
 * match element values.
 */
function $elemMatch(selector: string, criteria: any, options: Options): Predicate {
  if (!isPlainObject(criteria)) throw requestFailed('$elemMatch needs an object');
  const keys = Object.keys(criteria);
  const onValues = keys.length > 0 && keys.every((k) => isOp(k) && k !== '$and' && k !== '$or' && k !== '$nor');
  const q = new Query(onValues ? { v: criteria } : criteria, options);
  const test = onValues ? (x: unknown) => q.test({ v: x }) : (x: unknown) => (isPlainObject(x) || Array.isArray(x)) && q.test(x as Record<string, unknown>);
  return (doc) => {
    const value = resolve(doc as Record<string, unknown>, selector, { unwrapArray: true });
    return Array.isArray(value) && value.some(test);
  };
}

/**
 * $gt/$gte/$lt/$lte against a string as MongoDB: strings compare by code point (UTF-8 bytes), the order of
 * the indexes and of sorting; mingo compares UTF-16 units, which disagree above U+D7FF ('\uffff' < '😀'
 * in MongoDB). Other values keep mingo's comparison.
 */
function stringRange(op: '$gt' | '$gte' | '$lt' | '$lte', holds: (c: number) => boolean) {
  return (selector: string, value: unknown, options: Options): Predicate => {
    if (typeof value !== 'string') return (queryOps[op] as any)(selector, value, options);
    return (doc) => {
      const lhs = resolve(doc as Record<string, unknown>, selector, { unwrapArray: true });
      return (Array.isArray(lhs) ? lhs : [lhs]).some((v) => typeof v === 'string' && holds(compareStrings(v, value)));
    };
  };
}

// ------------------------------------------------------------------ expressions

const evalArgs = (obj: any, expr: unknown, options: Options): any[] => evalExpr(obj, expr as any, options) as any[];

/** $week as MongoDB (and strftime %U): weeks start on Sunday; days before the year's first Sunday are week 0. */
const $week = (obj: any, expr: unknown, options: Options): number | null => {
  const doy = $dayOfYear(obj, expr as any, options) as unknown as number | null;
  const dow = $dayOfWeek(obj, expr as any, options) as unknown as number | null; // 1 = Sunday
  if (doy === null || dow === null || doy === undefined || dow === undefined) return null;
  return Math.floor((doy - 1 + 7 - (dow - 1)) / 7);
};

/** $substrBytes / $substr as MongoDB: a negative count (or one past the end) takes the rest of the string. */
function substrBytes(op: string) {
  return (obj: any, expr: unknown, options: Options): string => {
    if (!Array.isArray(expr) || expr.length !== 3) throw requestFailed(`${op} expects an array of 3 arguments`);
    const [s, start, count] = evalArgs(obj, expr, options);
    if (s === null || s === undefined) return '';
    const str = typeof s === 'string' ? s : s instanceof Date ? s.toISOString() : String(s);
    if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) throw requestFailed(`${op}: starting index must be a non-negative integer`);
    if (typeof count !== 'number' || !Number.isInteger(count)) throw requestFailed(`${op}: length must be an integer`);
    const bytes = Buffer.from(str, 'utf8');
    if (start >= bytes.length) return '';
    const end = count < 0 ? bytes.length : Math.min(bytes.length, start + count);
    const isContinuation = (i: number): boolean => i < bytes.length && (bytes[i] & 0xc0) === 0x80;
    if (isContinuation(start)) throw requestFailed(`${op}: Invalid range, starting index is a UTF-8 continuation byte`);
    if (isContinuation(end)) throw requestFailed(`${op}: Invalid range, ending index is in the middle of a UTF-8 character`);
    return bytes.subarray(start, end).toString('utf8');
  };
}

/** $indexOfCP: code-point index of a substring (or -1), optional start and end in code points. */
const $indexOfCP = (obj: any, expr: unknown, options: Options): number | null => {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) throw requestFailed('$indexOfCP expects 2 to 4 arguments');
  const [s, sub, start = 0, end] = evalArgs(obj, expr, options);
  if (s === null || s === undefined) return null;
  if (typeof s !== 'string') throw requestFailed('$indexOfCP requires a string as the first argument');
  if (typeof sub !== 'string') throw requestFailed('$indexOfCP requires a string as the second argument');
  for (const [name, n] of [['starting', start], ['ending', end]] as const) {
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 0)) throw requestFailed(`$indexOfCP ${name} index must be a non-negative integer`);
  }
  const cps = Array.from(s);
  const subCps = Array.from(sub);
  const stop = Math.min(cps.length, end === undefined ? cps.length : end);
  for (let i = start; i + subCps.length <= stop; i++) {
    let ok = true;
    for (let j = 0; j < subCps.length && ok; j++) ok = cps[i + j] === subCps[j];
    if (ok) return i;
  }
  return -1;
};

// ------------------------------------------------------------------ refused operators

const unsupported = (name: string, why: string) => () => {
  throw requestFailed(`[unsupported] ${name} is not supported: ${why}`);
};

const QUERY_OVERRIDES = {
  $elemMatch,
  $gt: stringRange('$gt', (c) => c > 0),
  $gte: stringRange('$gte', (c) => c >= 0),
  $lt: stringRange('$lt', (c) => c < 0),
  $lte: stringRange('$lte', (c) => c <= 0),
  $geoWithin: (selector: string, value: any) => geoWithinPredicate(selector, value),
  $geoIntersects: (selector: string, value: any) => geoIntersectsPredicate(selector, value),
  $nearSphere: (selector: string, value: any) => nearPredicate('$nearSphere', selector, value),
  $near: (selector: string, value: any) => nearPredicate('$near', selector, value),
  // Siblings of $near/$nearSphere in MongoDB's older form; the engine reads them from the filter.
  $maxDistance: () => () => true,
  $minDistance: () => () => true,
  $text: unsupported('$text', 'no text indexes (neither locally nor on WeChat cloud); use a regular expression on an indexed prefix'),
  $where: unsupported('$where', 'server-side JavaScript is off (as on WeChat cloud)'),
  $jsonSchema: unsupported('$jsonSchema', 'not emulated locally'),
};

const EXPRESSION_OVERRIDES = {
  $week,
  $substr: substrBytes('$substr'),
  $substrBytes: substrBytes('$substrBytes'),
  $indexOfCP,
  $function: unsupported('$function', 'server-side JavaScript is off (as on WeChat cloud)'),
};

const PIPELINE_OVERRIDES = {
  $out: unsupported('$out', 'aggregation cannot write collections (use the SDK to write)'),
  $merge: unsupported('$merge', 'aggregation cannot write collections (use the SDK to write)'),
  $geoNear: unsupported('$geoNear', 'it must be the first stage of the pipeline'),
};

const ACCUMULATOR_OVERRIDES = {
  $accumulator: unsupported('$accumulator', 'server-side JavaScript is off (as on WeChat cloud)'),
};

export const CONTEXT = Context.init({
  accumulator: { ...accumulatorOps, ...ACCUMULATOR_OVERRIDES } as any,
  expression: { ...expressionOps, ...EXPRESSION_OVERRIDES } as any,
  pipeline: { ...pipelineOps, ...PIPELINE_OVERRIDES } as any,
  projection: { ...projectionOps } as any,
  query: { ...queryOps, ...QUERY_OVERRIDES } as any,
  window: { ...windowOps } as any,
});

/** mingo's own errors for an unknown operator, reworded to name the operator plainly. */
export function explainMingoError(message: string): string {
  const m =
    /unknown query operator (\$\w+)/.exec(message) ??
    /unknown top level operator: (\$\w+)/.exec(message) ??
    /unregistered pipeline operator (\$\w+)/.exec(message) ??
    /accumulator '(\$\w+)' is not registered/.exec(message) ??
    /(\$\w+) is not registered/.exec(message);
  if (!m) return message;
  return `[unsupported] operator ${m[1]} is not supported by the local database (see runtime/db/README.md, "Not supported")`;
}

/** Options of every mingo Query and Aggregator: no server JavaScript, this operator set. */
export const QUERY_OPTIONS = { scriptEnabled: false, context: CONTEXT } as const;

export function compileFilter(filter: Record<string, unknown>): Query {
  try {
    return new Query(filter, QUERY_OPTIONS);
  } catch (e: any) {
    if (e instanceof DbError) throw e;
    throw requestFailed(`invalid query: ${explainMingoError(e.message)}`);
  }
}

export function testDoc(q: Query, doc: Record<string, unknown>): boolean {
  try {
    return q.test(doc);
  } catch (e: any) {
    if (e instanceof DbError) throw e;
    throw requestFailed(`query failed: ${explainMingoError(e.message)}`);
  }
}
