/**
 * Geo queries as the SDK sends them (db.Geo.Point → GeoJSON, _.geoNear → $nearSphere, _.geoWithin →
 * $geoWithin {$geometry | $centerSphere}, aggregate().geoNear → $geoNear). Distances are great-circle
 * metres on MongoDB's earth radius; polygon edges are straight in longitude/latitude (exact enough for
 * street-sized areas; MongoDB uses geodesic edges). Stored geometries must be points.
 */
import { resolve } from 'mingo/util';
import { requestFailed } from './errors';
import { isPlainObject } from './ejson';

/** MongoDB's kRadiusOfEarthInMeters. */
export const EARTH_RADIUS_M = 6378100;

export interface LngLat {
  lng: number;
  lat: number;
}

export interface BBox {
  latLo: number;
  latHi: number;
  /** Absent when the box wraps the antimeridian or covers a pole: longitude is not bounded. */
  lngLo?: number;
  lngHi?: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function validLngLat(lng: unknown, lat: unknown): LngLat | null {
  if (!isNum(lng) || !isNum(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) return null;
  return { lng, lat };
}

/** A stored point: GeoJSON Point or a legacy [lng, lat] pair. null when v is not a point. */
export function pointOf(v: unknown): LngLat | null {
  if (isPlainObject(v) && v.type === 'Point' && Array.isArray(v.coordinates)) return validLngLat(v.coordinates[0], v.coordinates[1]);
  if (Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1])) return validLngLat(v[0], v[1]);
  return null;
}

const GEOJSON_TYPES = new Set(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection']);

/**
 * The points a stored field value holds, for indexes and matching. Missing/null: []. A geometry other than
 * a point (or an array of points) cannot be handled locally and is refused by name.
 */
export function storedPoints(v: unknown, where: string): LngLat[] {
  if (v === undefined || v === null) return [];
  const p = pointOf(v);
  if (p) return [p];
  if (isPlainObject(v) && typeof v.type === 'string' && GEOJSON_TYPES.has(v.type)) {
    if (v.type === 'Point') throw requestFailed(`Can't extract geo keys: invalid Point at ${where}: longitude/latitude out of bounds (${JSON.stringify(v.coordinates)})`);
    if (v.type === 'MultiPoint' && Array.isArray(v.coordinates)) {
      return v.coordinates.map((c: unknown) => {
        const q = pointOf(c);
        if (!q) throw requestFailed(`Can't extract geo keys: invalid MultiPoint at ${where}`);
        return q;
      });
    }
    throw requestFailed(`[unsupported] stored ${v.type} at ${where}: the local database handles geo queries on points only`);
  }
  if (Array.isArray(v) && v.every((x) => pointOf(x))) return v.map((x) => pointOf(x) as LngLat);
  throw requestFailed(`Can't extract geo keys: ${where} is not a GeoJSON point (${JSON.stringify(v).slice(0, 80)})`);
}

const rad = (d: number): number => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LngLat, b: LngLat): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Bounding box of a circle of `metres` around c. */
export function circleBox(c: LngLat, metres: number): BBox {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI);
  const box: BBox = { latLo: Math.max(-90, c.lat - dLat), latHi: Math.min(90, c.lat + dLat) };
  const maxAbsLat = Math.max(Math.abs(box.latLo), Math.abs(box.latHi));
  if (maxAbsLat < 89) {
    const dLng = dLat / Math.cos(rad(maxAbsLat));
    if (c.lng - dLng >= -180 && c.lng + dLng <= 180) {
      box.lngLo = c.lng - dLng;
      box.lngHi = c.lng + dLng;
    }
  }
  return box;
}

type Ring = LngLat[];
interface Polygon {
  rings: Ring[];
}

function ring(coords: unknown, what: string): Ring {
  if (!Array.isArray(coords) || coords.length < 4) throw requestFailed(`${what}: a polygon ring needs at least 4 positions`);
  const pts = coords.map((c) => {
    const p = pointOf(c);
    if (!p) throw requestFailed(`${what}: invalid position ${JSON.stringify(c)}`);
    return p;
  });
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first.lng !== last.lng || first.lat !== last.lat) throw requestFailed(`${what}: Loop is not closed, first vertex does not equal last vertex`);
  return pts;
}

function polygonsOf(geometry: unknown, op: string): Polygon[] {
  if (!isPlainObject(geometry)) throw requestFailed(`${op}: $geometry must be a GeoJSON object`);
  if (geometry.type === 'Polygon' && Array.isArray(geometry.coordinates)) return [{ rings: geometry.coordinates.map((r: unknown) => ring(r, op)) }];
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
    return geometry.coordinates.map((p: unknown) => {
      if (!Array.isArray(p)) throw requestFailed(`${op}: invalid MultiPolygon`);
      return { rings: p.map((r: unknown) => ring(r, op)) };
    });
  }
  throw requestFailed(`${op}: $geometry must be a Polygon or MultiPolygon (got ${String(geometry.type)})`);
}

function inRing(p: LngLat, r: Ring): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const a = r[i];
    const b = r[j];
    if (a.lat > p.lat !== b.lat > p.lat && p.lng < ((b.lng - a.lng) * (p.lat - a.lat)) / (b.lat - a.lat) + a.lng) inside = !inside;
  }
  return inside;
}

const inPolygon = (p: LngLat, poly: Polygon): boolean => inRing(p, poly.rings[0]) && !poly.rings.slice(1).some((hole) => inRing(p, hole));

function boxOfPolygons(polys: Polygon[]): BBox {
  let latLo = 90;
  let latHi = -90;
  let lngLo = 180;
  let lngHi = -180;
  for (const p of polys) {
    for (const q of p.rings[0]) {
      latLo = Math.min(latLo, q.lat);
      latHi = Math.max(latHi, q.lat);
      lngLo = Math.min(lngLo, q.lng);
      lngHi = Math.max(lngHi, q.lng);
    }
  }
  return { latLo, latHi, lngLo, lngHi };
}

/** A compiled $geoWithin/$geoIntersects region: a point test and a bounding box for the index. */
export interface Region {
  contains(p: LngLat): boolean;
  box: BBox;
}

export function withinRegion(spec: unknown): Region {
  if (!isPlainObject(spec)) throw requestFailed('$geoWithin needs an object');
  if ('$geometry' in spec) {
    const polys = polygonsOf(spec.$geometry, '$geoWithin');
    return { contains: (p) => polys.some((poly) => inPolygon(p, poly)), box: boxOfPolygons(polys) };
  }
  if ('$centerSphere' in spec) {
    const cs = spec.$centerSphere;
    const c = Array.isArray(cs) ? pointOf(cs[0]) : null;
    if (!c || !isNum(cs[1]) || cs[1] < 0) throw requestFailed('$geoWithin: $centerSphere must be [[longitude, latitude], radius in radians]');
    const metres = cs[1] * EARTH_RADIUS_M;
    return { contains: (p) => distanceM(c, p) <= metres, box: circleBox(c, metres) };
  }
  const op = Object.keys(spec)[0] ?? '(empty)';
  throw requestFailed(`[unsupported] $geoWithin with ${op} is not supported: use $geometry (Polygon/MultiPolygon) or $centerSphere`);
}

export function intersectsRegion(spec: unknown): Region {
  if (!isPlainObject(spec) || !isPlainObject(spec.$geometry)) throw requestFailed('$geoIntersects needs {$geometry}');
  const g = spec.$geometry;
  if (g.type === 'Point') {
    const q = pointOf(g);
    if (!q) throw requestFailed('$geoIntersects: invalid Point');
    return { contains: (p) => p.lng === q.lng && p.lat === q.lat, box: { latLo: q.lat, latHi: q.lat, lngLo: q.lng, lngHi: q.lng } };
  }
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const polys = polygonsOf(g, '$geoIntersects');
    return { contains: (p) => polys.some((poly) => inPolygon(p, poly)), box: boxOfPolygons(polys) };
  }
  throw requestFailed(`[unsupported] $geoIntersects with a ${String(g.type)} is not supported locally (Point, Polygon and MultiPolygon are)`);
}

export interface NearSpec {
  field: string;
  op: '$near' | '$nearSphere';
  center: LngLat;
  min?: number;
  max?: number;
}

/** { $geometry: Point, $maxDistance?, $minDistance? } (metres), plus sibling $maxDistance/$minDistance. */
export function parseNearValue(op: '$near' | '$nearSphere', field: string, value: unknown, siblings: Record<string, unknown> = {}): NearSpec {
  if (!isPlainObject(value) || !('$geometry' in value)) {
    throw requestFailed(`[unsupported] ${op} with legacy coordinates is not supported: use {$geometry: {type: 'Point', coordinates: [lng, lat]}} (db.Geo.Point)`);
  }
  const center = pointOf(value.$geometry);
  if (!center || !isPlainObject(value.$geometry) || value.$geometry.type !== 'Point') throw requestFailed(`${op}: $geometry must be a GeoJSON Point`);
  const pick = (k: '$maxDistance' | '$minDistance'): number | undefined => {
    const v = value[k] ?? siblings[k];
    if (v === undefined || v === null) return undefined;
    if (!isNum(v) || v < 0) throw requestFailed(`${op}: ${k} must be a non-negative number`);
    return v;
  };
  return { field, op, center, max: pick('$maxDistance'), min: pick('$minDistance') };
}

function pointsAt(doc: unknown, selector: string): LngLat[] {
  return storedPoints(resolve(doc as Record<string, unknown>, selector), selector);
}

export function geoWithinPredicate(selector: string, spec: unknown): (doc: unknown) => boolean {
  const region = withinRegion(spec);
  return (doc) => pointsAt(doc, selector).some((p) => region.contains(p));
}

export function geoIntersectsPredicate(selector: string, spec: unknown): (doc: unknown) => boolean {
  const region = intersectsRegion(spec);
  return (doc) => pointsAt(doc, selector).some((p) => region.contains(p));
}

/** Nearest distance of a document's points to the centre (Infinity when it has none). */
export function nearestDistance(doc: unknown, field: string, center: LngLat): number {
  let best = Infinity;
  for (const p of pointsAt(doc, field)) best = Math.min(best, distanceM(center, p));
  return best;
}

/** The filter part of $near/$nearSphere: within [min, max] metres. The engine sorts by distance. */
export function nearPredicate(op: '$near' | '$nearSphere', selector: string, value: unknown): (doc: unknown) => boolean {
  const spec = parseNearValue(op, selector, value);
  return (doc) => {
    const d = nearestDistance(doc, selector, spec.center);
    return d !== Infinity && (spec.max === undefined || d <= spec.max) && (spec.min === undefined || d >= spec.min);
  };
}

const NEAR_OPS = ['$near', '$nearSphere'] as const;

/** The one top-level $near/$nearSphere of a filter, if any; refuses one nested in $or/$and/$nor/$elemMatch. */
export function findNear(filter: Record<string, any>): NearSpec | null {
  let found: NearSpec | null = null;
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) {
      if (containsNear(v)) throw requestFailed(`${k} cannot contain $near/$nearSphere: geo-near queries must be a top-level condition`);
      continue;
    }
    if (!isPlainObject(v)) continue;
    for (const op of NEAR_OPS) {
      if (!(op in v)) continue;
      if (found) throw requestFailed('Too many geoNear expressions: only one $near/$nearSphere per query');
      found = parseNearValue(op, k, v[op], v);
    }
  }
  return found;
}

export function containsNear(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(containsNear);
  if (!isPlainObject(v)) return false;
  return Object.entries(v).some(([k, x]) => k === '$near' || k === '$nearSphere' || containsNear(x));
}

/** Top-level $geoWithin/$geoIntersects conditions: (field, region) for the geo index. */
export function findRegions(filter: Record<string, any>): { field: string; region: Region }[] {
  const out: { field: string; region: Region }[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) out.push(...findRegions(sub));
      continue;
    }
    if (k.startsWith('$') || !isPlainObject(v)) continue;
    if ('$geoWithin' in v) out.push({ field: k, region: withinRegion(v.$geoWithin) });
    if ('$geoIntersects' in v) out.push({ field: k, region: intersectsRegion(v.$geoIntersects) });
  }
  return out;
}
