/**
 * Index keys in MongoDB order. A key part is (t, v): t is the BSON type rank, v a value that SQLite
 * orders correctly within that rank (REAL for numbers, TEXT for strings (memcmp of UTF-8 = code point
 * order, as MongoDB's simple collation), INTEGER for booleans and dates, BLOB of an order-preserving
 * byte encoding for objects and arrays). v is never NULL, so SQLite's "NULLs are distinct" rule does
 * not apply: a missing field and null share one key, as in MongoDB unique indexes.
 */
import { isPlainObject } from './ejson';

export const RANK = {
  emptyArray: 5, // MongoDB indexes [] as `undefined`, below null
  null: 10, // null and missing
  nan: 15,
  number: 20,
  string: 30,
  object: 40,
  array: 50,
  bool: 80,
  date: 90,
  regex: 110,
} as const;

export type KeyValue = number | string | Buffer;
export interface KeyPart {
  t: number;
  v: KeyValue;
}

/** Marker for an empty array reached at the end of an index path. */
export const EMPTY_ARRAY: unique symbol = Symbol('emptyArray');

export function rankOf(v: unknown, topLevelArrayEmpty = false): number {
  if (v === undefined || v === null) return RANK.null;
  if (v === EMPTY_ARRAY) return RANK.emptyArray;
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? RANK.nan : RANK.number;
    case 'string':
      return RANK.string;
    case 'boolean':
      return RANK.bool;
    case 'bigint':
      return RANK.number;
    default:
      break;
  }
  if (v instanceof Date) return RANK.date;
  if (v instanceof RegExp) return RANK.regex;
  if (Array.isArray(v)) return topLevelArrayEmpty && v.length === 0 ? RANK.emptyArray : RANK.array;
  return RANK.object;
}

// ------------------------------------------------------------ byte encoding (nested values)

class ByteWriter {
  private buf = Buffer.allocUnsafe(64);
  private len = 0;
  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  double(n: number): void {
    this.ensure(8);
    const x = Object.is(n, -0) ? 0 : n;
    this.buf.writeDoubleBE(x, this.len);
    // Flip so that memcmp orders doubles numerically.
    if (this.buf[this.len] & 0x80) {
      for (let i = 0; i < 8; i++) this.buf[this.len + i] ^= 0xff;
    } else {
      this.buf[this.len] ^= 0x80;
    }
    this.len += 8;
  }
  /** UTF-8 with 0x00 escaped as 00 FF and terminated by 00 01, so prefixes sort first. */
  text(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.ensure(b.length * 2 + 2);
    for (const c of b) {
      this.buf[this.len++] = c;
      if (c === 0) this.buf[this.len++] = 0xff;
    }
    this.buf[this.len++] = 0;
    this.buf[this.len++] = 1;
  }
  result(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}

function writePayload(w: ByteWriter, v: any): void {
  const r = rankOf(v);
  switch (r) {
    case RANK.null:
    case RANK.nan:
    case RANK.emptyArray:
      return;
    case RANK.number:
      w.double(Number(v));
      return;
    case RANK.string:
      w.text(v);
      return;
    case RANK.bool:
      w.byte(v ? 1 : 0);
      return;
    case RANK.date:
      w.double((v as Date).getTime());
      return;
    case RANK.regex:
      w.text((v as RegExp).source);
      w.text((v as RegExp).flags);
      return;
    case RANK.array:
      for (const el of v as any[]) {
        w.byte(2);
        w.byte(rankOf(el));
        writePayload(w, el);
      }
      w.byte(1);
      return;
    default:
      for (const k of Object.keys(v)) {
        if (v[k] === undefined) continue;
        w.byte(2);
        w.byte(rankOf(v[k]));
        w.text(k);
        writePayload(w, v[k]);
      }
      w.byte(1);
  }
}

/** Order-preserving bytes of a value's payload (without its rank). */
export function payloadBytes(v: unknown): Buffer {
  const w = new ByteWriter();
  writePayload(w, v);
  return w.result();
}

/** Key part of one (already multikey-expanded) value. Arrays here are nested arrays (rank array). */
export function keyPart(v: unknown): KeyPart {
  const t = rankOf(v);
  switch (t) {
    case RANK.null:
    case RANK.nan:
    case RANK.emptyArray:
      return { t, v: 0 };
    case RANK.number:
      return { t, v: Object.is(v, -0) ? 0 : Number(v) };
    case RANK.string:
      return { t, v: v as string };
    case RANK.bool:
      return { t, v: v ? 1 : 0 };
    case RANK.date:
      return { t, v: (v as Date).getTime() };
    case RANK.regex:
      return { t, v: `${(v as RegExp).source}/${(v as RegExp).flags}` };
    default:
      return { t, v: payloadBytes(v) };
  }
}

/** Compare code points (= UTF-8 byte order, = SQLite BINARY collation), not UTF-16 units. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (D800–DFFF) encode code points above every BMP unit.
      if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
      if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
      return x < y ? -1 : 1;
    }
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareKeyParts(a: KeyPart, b: KeyPart): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  const x = a.v;
  const y = b.v;
  if (typeof x === 'number' && typeof y === 'number') return x === y ? 0 : x < y ? -1 : 1;
  if (typeof x === 'string' && typeof y === 'string') return compareStrings(x, y);
  if (Buffer.isBuffer(x) && Buffer.isBuffer(y)) return Buffer.compare(x, y);
  return 0;
}

/** Stable string identity of a key part (for de-duplication). */
export function keyId(k: KeyPart): string {
  const v = Buffer.isBuffer(k.v) ? k.v.toString('base64') : typeof k.v === 'string' ? JSON.stringify(k.v) : String(k.v);
  return `${k.t}:${v}`;
}

// ------------------------------------------------------------ path extraction

export interface PathValues {
  values: unknown[];
  /** Path prefixes at which an array was traversed or expanded (non-empty = multikey). */
  arrayPaths: string[];
}

/**
 * Values an index (or a sort) sees for a dotted path, with MongoDB's multikey rules: arrays met on the
 * way are traversed element by element (numeric components also index positionally), an array at the
 * end contributes each element ([] contributes EMPTY_ARRAY), a missing field contributes undefined.
 */
export function pathValues(doc: unknown, path: string): PathValues {
  const parts = path.split('.');
  const values: unknown[] = [];
  const arrayPaths: string[] = [];
  const walk = (node: any, i: number, prefix: string): void => {
    if (i === parts.length) {
      if (Array.isArray(node)) {
        arrayPaths.push(prefix);
        if (node.length === 0) values.push(EMPTY_ARRAY);
        else for (const el of node) values.push(el);
      } else {
        values.push(node);
      }
      return;
    }
    const part = parts[i];
    if (Array.isArray(node)) {
      arrayPaths.push(prefix);
      if (/^\d+$/.test(part)) {
        walk(node[Number(part)], i + 1, `${prefix}.${part}`);
        return;
      }
      if (node.length === 0) {
        values.push(undefined);
        return;
      }
      for (const el of node) {
        if (isPlainObject(el)) walk(el[part], i + 1, `${prefix}.${part}`);
        else values.push(undefined);
      }
      return;
    }
    if (isPlainObject(node)) {
      walk(node[part], i + 1, prefix ? `${prefix}.${part}` : part);
      return;
    }
    values.push(undefined);
  };
  walk(doc, 0, '');
  return { values, arrayPaths };
}

/** Distinct key parts for a path. */
export function pathKeys(doc: unknown, path: string): { keys: KeyPart[]; arrayPaths: string[] } {
  const { values, arrayPaths } = pathValues(doc, path);
  const seen = new Set<string>();
  const keys: KeyPart[] = [];
  for (const v of values) {
    const k = keyPart(v);
    const id = keyId(k);
    if (seen.has(id)) continue;
    seen.add(id);
    keys.push(k);
  }
  return { keys, arrayPaths };
}

/** MongoDB sort key of a document for one field: smallest key ascending, largest descending. */
export function sortKey(doc: unknown, path: string, dir: 1 | -1): KeyPart {
  const { values } = pathValues(doc, path);
  let best = keyPart(values[0]);
  for (let i = 1; i < values.length; i++) {
    const k = keyPart(values[i]);
    const c = compareKeyParts(k, best);
    if (dir === 1 ? c < 0 : c > 0) best = k;
  }
  return best;
}

/** Order of `_id` values (strings and numbers), consistent with SQLite's ordering of the id column. */
export function compareIds(a: unknown, b: unknown): number {
  return compareKeyParts(keyPart(a), keyPart(b));
}
