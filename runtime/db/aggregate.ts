/**
 * Aggregation pipelines: a leading $match/$sort/$skip/$limit runs on the indexes like a find (a leading
 * $geoNear on the 2dsphere index), the rest in mingo's Aggregator. An uncorrelated $lookup (a pipeline, no
 * let) runs its sub-pipeline here once, on the indexes and strict like a top-level one; an equality $lookup
 * (localField / foreignField) is one $in query of the other collection, on its indexes and strict; a lookup
 * with let reads the other collection whole in mingo.
 */
import { Aggregator } from 'mingo/aggregator';
import { Query } from 'mingo/query';
import { DbError, requestFailed } from './errors';
import { type Doc, isPlainObject, normalise, numberOf, setPath } from './ejson';
import { type ExecOptions, type ExecStats, Executor, type SortSpec, parseSort } from './executor';
import { containsNear, pointOf } from './geo';
import { QUERY_OPTIONS, explainMingoError } from './operators';
import { newStats } from './plans';
import type { Store } from './store';

/** Options for each collection a pipeline reads; null: it does not exist (a $lookup of it joins nothing). */
export type OptionsOf = (coll: string) => ExecOptions | null;

/** Run a pipeline; the stats are those of its first stages' index work, with its sub-pipelines' under `lookups`. */
export function aggregate(exec: Executor, store: Store, coll: string, pipeline: Doc[], optionsOf: OptionsOf): { docs: Doc[]; stats: ExecStats } {
  const opts = optionsOf(coll);
  if (!opts) return { docs: [], stats: { ...newStats(coll), plan: 'EMPTY', covered: true } };
  for (const st of pipeline) if ('$match' in st && containsNear(st.$match)) throw requestFailed('$near and $nearSphere are not allowed inside of a $match aggregation expression; use the $geoNear stage (aggregate().geoNear)');
  let i = 0;
  let docs: Doc[];
  let stats: ExecStats;
  if (pipeline[0] && '$geoNear' in pipeline[0]) {
    ({ docs, stats } = geoNearStage(exec, store, coll, pipeline[0].$geoNear));
    i = 1;
  } else {
    // Leading $match / $sort / $skip / $limit run on the indexes like a get.
    let filter: Doc = {};
    let sort: SortSpec = [];
    let skip = 0;
    let limit: number | undefined;
    if (pipeline[i] && '$match' in pipeline[i]) {
      const m = pipeline[i++].$match;
      if (!isPlainObject(m)) throw requestFailed('$match expects an object');
      filter = m;
    }
    if (pipeline[i] && '$sort' in pipeline[i]) sort = parseSort(pipeline[i++].$sort);
    if (pipeline[i] && '$skip' in pipeline[i]) skip = Math.max(0, numberOf(pipeline[i++].$skip) ?? 0);
    if (pipeline[i] && '$limit' in pipeline[i]) limit = Math.max(0, numberOf(pipeline[i++].$limit) ?? 0);
    ({ docs, stats } = exec.find(coll, { filter, sort, skip, limit }, opts));
  }
  if (i === pipeline.length) return { docs, stats };
  // Uncorrelated lookups: their rows do not depend on the input, so each sub-pipeline runs once, here.
  const rest = pipeline.slice(i).map((st) => {
    const sub = uncorrelated(st);
    if (!sub) return st;
    const r = aggregate(exec, store, sub.from, sub.pipeline, optionsOf);
    (stats.lookups ??= []).push(r.stats);
    return { $addFields: { [sub.as]: { $literal: r.docs } } };
  });
  const cache = new Map<string, Doc[]>();
  const resolver = (name: string): Doc[] => {
    let list = cache.get(name);
    if (!list) {
      list = exec.find(name, { filter: {} }, { strict: false, small: true }).docs;
      cache.set(name, list);
    }
    return list;
  };
  const run = (stages: Doc[], input: Doc[]): Doc[] => {
    if (stages.length === 0) return input;
    try {
      return new Aggregator(stages, { ...QUERY_OPTIONS, collectionResolver: resolver }).run(input) as Doc[];
    } catch (e: any) {
      if (e instanceof DbError) throw e;
      throw requestFailed(`aggregate failed: ${explainMingoError(e.message)}`);
    }
  };
  // Equality lookups (localField / foreignField): one query of the other collection for every input's values,
  // on its indexes and strict like any query; the stages between run in mingo.
  let from = 0;
  for (let k = 0; k < rest.length; k++) {
    const eq = equalityLookup(rest[k]);
    if (!eq) continue;
    docs = run(rest.slice(from, k), docs);
    from = k + 1;
    const other = optionsOf(eq.from);
    const locals = docs.map((d) => localValues(d, eq.localField));
    const wanted = uniqueValues(locals.flat());
    let rows: Doc[] = [];
    if (other) {
      const r = exec.find(eq.from, { filter: { [eq.foreignField]: { $in: wanted } } }, other);
      (stats.lookups ??= []).push(r.stats);
      rows = r.docs;
    }
    docs = docs.map((d, n) => {
      const matches = new Query({ [eq.foreignField]: { $in: locals[n] } }, QUERY_OPTIONS);
      const out = { ...d };
      setPath(out, eq.as, rows.filter((row) => matches.test(row)));
      return out;
    });
  }
  return { docs: run(rest.slice(from), docs), stats };
}

/** A $lookup joining on localField = foreignField (no pipeline): its from, fields and as. */
function equalityLookup(stage: Doc): { from: string; localField: string; foreignField: string; as: string } | null {
  const spec = stage.$lookup;
  if (!isPlainObject(spec) || spec.pipeline !== undefined || spec.let !== undefined) return null;
  const { from, localField, foreignField, as } = spec;
  if (typeof from !== 'string' || !from) throw requestFailed("$lookup requires a 'from' collection name as a string");
  if (typeof localField !== 'string' || !localField || typeof foreignField !== 'string' || !foreignField) throw requestFailed("$lookup requires 'localField' and 'foreignField' as strings");
  if (typeof as !== 'string' || !as || as.startsWith('$')) throw requestFailed("$lookup requires an 'as' field name as a string (not starting with '$')");
  return { from, localField, foreignField, as };
}

/** What an input document joins on: its field's value, each element of an array, null when missing (as MongoDB). */
function localValues(d: Doc, path: string): unknown[] {
  const v = path.split('.').reduce<any>((node, key) => (isPlainObject(node) ? node[key] : undefined), d);
  if (Array.isArray(v)) return v.length ? v : [null];
  return [v === undefined ? null : v];
}

function uniqueValues(values: unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const v of values) seen.set(JSON.stringify(v) ?? 'undefined', v);
  return [...seen.values()];
}

/** A $lookup with a pipeline and no let, localField or foreignField: its from, as and stages. */
function uncorrelated(stage: Doc): { from: string; as: string; pipeline: Doc[] } | null {
  const spec = stage.$lookup;
  if (!isPlainObject(spec) || spec.pipeline === undefined) return null;
  if (spec.localField !== undefined || spec.foreignField !== undefined) return null;
  if (spec.let !== undefined && !(isPlainObject(spec.let) && Object.keys(spec.let).length === 0)) return null;
  const { from, as, pipeline } = spec;
  if (typeof from !== 'string' || !from) throw requestFailed("$lookup requires a 'from' collection name as a string");
  if (typeof as !== 'string' || !as || as.startsWith('$')) throw requestFailed("$lookup requires an 'as' field name as a string (not starting with '$')");
  if (!Array.isArray(pipeline)) throw requestFailed("$lookup argument 'pipeline' must be an array");
  for (const st of pipeline) if (!isPlainObject(st) || Object.keys(st).length !== 1) throw requestFailed('A pipeline stage specification object must contain exactly one field.');
  return { from, as, pipeline };
}

/** The $geoNear stage (first in the pipeline): documents nearest first, with their distance in metres. */
function geoNearStage(exec: Executor, store: Store, coll: string, spec: unknown): { docs: Doc[]; stats: ExecStats } {
  if (!isPlainObject(spec)) throw requestFailed('$geoNear expects an object');
  const distanceField = spec.distanceField;
  if (typeof distanceField !== 'string' || !distanceField) throw requestFailed("$geoNear requires a 'distanceField' option as a String");
  const near = spec.near;
  const center = isPlainObject(near) && near.type === 'Point' ? pointOf(near) : null;
  if (!center) throw requestFailed("[unsupported] $geoNear 'near' must be a GeoJSON Point (db.Geo.Point); legacy coordinate pairs are not emulated");
  let field = typeof spec.key === 'string' ? spec.key : undefined;
  if (!field) {
    const geo = store.indexesOf(coll).filter((ix) => ix.geo);
    if (geo.length === 0) throw requestFailed(`$geoNear requires a 2d or 2dsphere index, but none were found (collection ${coll})`);
    if (geo.length > 1) throw requestFailed(`There is more than one 2dsphere index on ${coll}; unsure which to use for $geoNear: give 'key'`);
    field = geo[0].fields[0].field;
  }
  const query = spec.query === undefined ? {} : spec.query;
  if (!isPlainObject(query)) throw requestFailed("$geoNear 'query' must be an object");
  if (containsNear(query)) throw requestFailed("$geoNear 'query' cannot contain $near/$nearSphere");
  const metres = (k: 'maxDistance' | 'minDistance'): number | undefined => {
    const v = spec[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !(v >= 0)) throw requestFailed(`$geoNear '${k}' must be a non-negative number (metres)`);
    return v;
  };
  const multiplier = spec.distanceMultiplier === undefined ? 1 : Number(spec.distanceMultiplier);
  if (!Number.isFinite(multiplier) || multiplier < 0) throw requestFailed("$geoNear 'distanceMultiplier' must be a non-negative number");
  const stats: ExecStats = { ...newStats(coll), plan: 'GEO_NEAR', inMemorySort: true, covered: true };
  const found = exec.near(coll, field, center, metres('minDistance'), metres('maxDistance'), query, stats);
  stats.returned = found.length;
  const docs = found.map(({ doc, distance }) => {
    const out = normalise(doc);
    setPath(out, distanceField, distance * multiplier);
    if (typeof spec.includeLocs === 'string' && spec.includeLocs) {
      const here = field.split('.').reduce<any>((node, k) => (isPlainObject(node) ? node[k] : undefined), doc);
      setPath(out, spec.includeLocs, here);
    }
    return out;
  });
  return { docs, stats };
}
