/**
 * Value codecs.
 * - Wire: canonical Extended JSON as the SDK (bson 4 EJSON, relaxed:false) writes and reads it.
 * - Storage: compact JSON with a few tags ({"$date":ms}, {"$regex","$options"}, {"$numberDouble"}).
 *   Stored field names never start with '$', so the tags cannot collide with data.
 */
import { requestFailed } from './errors';

export type Doc = Record<string, any>;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export function isPlainObject(v: unknown): v is Record<string, any> {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v) || v instanceof Date || v instanceof RegExp) return false;
  return true;
}

/** A number, or a string holding one (as the SDK may send offset/limit); undefined otherwise. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Set a dotted path, creating (or replacing non-object) intermediate objects. */
export function setPath(obj: Record<string, any>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: any = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(node[parts[i]])) node[parts[i]] = {};
    node = node[parts[i]];
  }
  node[parts[parts.length - 1]] = value;
}

function setKey(out: Record<string, any>, key: string, value: any): void {
  if (key === '__proto__') throw requestFailed('field name "__proto__" is not allowed');
  out[key] = value;
}

const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u']);

export function makeRegExp(pattern: string, options: string): RegExp {
  let flags = '';
  for (const f of options || '') {
    if (JS_REGEX_FLAGS.has(f)) {
      if (!flags.includes(f)) flags += f;
    } else if (f !== 'l') {
      // 'x' (extended) has no JavaScript equivalent; refuse rather than match differently.
      throw requestFailed(`unsupported regular expression option "${f}"`);
    }
  }
  try {
    return new RegExp(pattern, flags);
  } catch (e: any) {
    throw requestFailed(`invalid regular expression /${pattern}/: ${e.message}`);
  }
}

function numberFrom(v: any, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === 'NaN') return NaN;
    if (t === 'Infinity' || t === '+Infinity') return Infinity;
    if (t === '-Infinity') return -Infinity;
    const n = Number(t);
    if (t !== '' && !Number.isNaN(n)) return n;
  }
  throw requestFailed(`invalid ${what} value ${JSON.stringify(v)}`);
}

/** Extended JSON (canonical or relaxed) → JS values. serverDate markers become Date(now + offset). */
export function fromEjson(v: any, now: number): any {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => fromEjson(x, now));
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const k = keys[0];
    const x = v[k];
    switch (k) {
      case '$numberInt':
      case '$numberLong':
      case '$numberDouble':
      case '$numberDecimal':
        return numberFrom(x, k);
      case '$date': {
        let ms: number;
        if (typeof x === 'string' && !/^-?\d+$/.test(x)) ms = Date.parse(x);
        else if (x !== null && typeof x === 'object') ms = numberFrom(fromEjson(x, now), '$date');
        else ms = numberFrom(x, '$date');
        if (Number.isNaN(ms)) throw requestFailed(`invalid $date value ${JSON.stringify(x)}`);
        return new Date(ms);
      }
      case '$regularExpression':
        if (!x || typeof x.pattern !== 'string') throw requestFailed('invalid $regularExpression value');
        return makeRegExp(x.pattern, typeof x.options === 'string' ? x.options : '');
      case '$oid':
        // ObjectId values are kept as their hex string.
        return String(x);
      case '$tcb_server_date': {
        const offset = x && x.offset !== undefined ? numberFrom(fromEjson(x.offset, now), 'serverDate offset') : 0;
        return new Date(now + offset);
      }
      case '$undefined':
        return null;
      case '$binary':
      case '$timestamp':
      case '$minKey':
      case '$maxKey':
      case '$symbol':
      case '$code':
      case '$dbPointer':
        throw requestFailed(`unsupported Extended JSON type ${k}`);
      default:
        break;
    }
  }
  const out: Record<string, any> = {};
  for (const k of keys) setKey(out, k, fromEjson(v[k], now));
  return out;
}

export function decodeWire(text: unknown, now: number): any {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') return fromEjson(text, now);
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw requestFailed(`malformed Extended JSON: ${text.slice(0, 200)}`);
  }
  return fromEjson(parsed, now);
}

function doubleString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '-0.0';
  return String(n);
}

/** JS values → canonical Extended JSON object (what bson EJSON.stringify(relaxed:false) produces). */
export function toEjson(v: any): any {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      if (Number.isInteger(v) && !Object.is(v, -0)) {
        if (v >= INT32_MIN && v <= INT32_MAX) return { $numberInt: String(v) };
        if (Number.isSafeInteger(v)) return { $numberLong: String(v) };
      }
      return { $numberDouble: doubleString(v) };
    case 'string':
    case 'boolean':
      return v;
    case 'bigint':
      return { $numberLong: v.toString() };
    case 'object':
      break;
    default:
      return null;
  }
  if (v instanceof Date) return { $date: { $numberLong: String(v.getTime()) } };
  if (v instanceof RegExp) return { $regularExpression: { pattern: v.source, options: v.flags.split('').sort().join('') } };
  if (Array.isArray(v)) return v.map(toEjson);
  const out: Record<string, any> = {};
  for (const k of Object.keys(v)) {
    if (v[k] === undefined) continue;
    out[k] = toEjson(v[k]);
  }
  return out;
}

export const encodeWire = (v: any): string => JSON.stringify(toEjson(v));

// ---------------------------------------------------------------- storage

function storageReplacer(this: any, key: string, value: any): any {
  // JSON.stringify calls Date#toJSON before the replacer sees the value: read the raw holder value.
  const raw = this[key];
  if (raw instanceof Date) return { $date: raw.getTime() };
  if (raw instanceof RegExp) return { $regex: raw.source, $options: raw.flags };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { $numberDouble: doubleString(raw) };
    if (Object.is(raw, -0)) return 0;
  }
  return value;
}

/** Revive storage tags in place (faster than a JSON.parse reviver). */
function revive(v: any): any {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === 'object') v[i] = revive(x);
    }
    return v;
  }
  if (v.$date !== undefined) return new Date(v.$date);
  if (v.$regex !== undefined) return new RegExp(v.$regex, v.$options);
  if (v.$numberDouble !== undefined) return numberFrom(v.$numberDouble, '$numberDouble');
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (x !== null && typeof x === 'object') v[k] = revive(x);
  }
  return v;
}

export function toStorage(doc: any): string {
  return JSON.stringify(doc, storageReplacer);
}

export function fromStorage(text: string): any {
  const v = JSON.parse(text);
  return v !== null && typeof v === 'object' && text.includes('"$') ? revive(v) : v;
}

/** Deep copy through the storage encoding: drops undefined, normalises -0; Dates and RegExps survive. */
export function normalise<T>(v: T): T {
  return fromStorage(toStorage(v));
}
