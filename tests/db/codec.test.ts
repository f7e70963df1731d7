/** Wire EJSON against the SDK's own bson, storage round trips, and MongoDB key order (memory = SQLite). */
import Database from 'better-sqlite3';
import { decodeWire, encodeWire, fromStorage, toStorage } from '../../runtime/db/ejson';
import { EMPTY_ARRAY, compareKeyParts, keyPart, payloadBytes } from '../../runtime/db/keys';
import { rng } from './harness';

// The bson the SDK serialises with (a dependency of @cloudbase/database).
const { EJSON } = require('bson');

const samples: unknown[] = [
  0, 1, -1, 2147483647, -2147483648, 2147483648, 2 ** 40, -(2 ** 52), 1.5, -0.25, 1e-7, 1e300, NaN, Infinity, -Infinity,
  'plain', '', '中文 ✓ 😀', 'with "quotes" and \\ and \n', true, false, null,
  new Date(0), new Date(-86400000), new Date('2026-05-06T07:08:09.123Z'),
  /^a.b$/i, /x/ms,
  [1, 'two', [3, [4]], { five: 5 }], { nested: { deep: [new Date(5), { n: 2.5 }] }, list: [] },
];

const same = (a: unknown, b: unknown): boolean => toStorage({ v: a }) === toStorage({ v: b });

describe('wire Extended JSON', () => {
  test('what the SDK sends decodes to the same values', () => {
    for (const v of samples) {
      const wire = EJSON.stringify({ v }, { relaxed: false });
      expect({ v, ok: same(decodeWire(wire, 0).v, v) }).toEqual({ v, ok: true });
    }
  });

  test('what the emulator replies is canonical EJSON the SDK parses back to the same values', () => {
    for (const v of samples) {
      if (v instanceof RegExp) continue; // bson parses regexes into BSONRegExp objects
      const mine = encodeWire({ v });
      if (!(typeof v === 'number' && (Number.isNaN(v) || !Number.isFinite(v) || v === 1e300))) {
        expect(mine).toBe(EJSON.stringify({ v }, { relaxed: false }));
      }
      expect({ v, ok: same(EJSON.parse(mine).v, v) }).toEqual({ v, ok: true });
    }
  });

  test('serverDate markers, $oid, relaxed forms', () => {
    expect(decodeWire('{"a":{"$tcb_server_date":{"offset":{"$numberInt":"-500"}}}}', 10_000).a.getTime()).toBe(9_500);
    expect(decodeWire('{"a":{"$date":"2026-01-02T03:04:05Z"}}', 0).a.getTime()).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(decodeWire('{"a":{"$oid":"5f1d7f1c8a2b3c4d5e6f7a8b"}}', 0).a).toBe('5f1d7f1c8a2b3c4d5e6f7a8b');
    expect(() => decodeWire('{"a":{"$binary":{"base64":"","subType":"00"}}}', 0)).toThrow(/unsupported/);
    expect(() => decodeWire('{"__proto__":{"x":1}}', 0)).toThrow(/__proto__/);
  });
});

describe('storage encoding', () => {
  test('round trips Dates, RegExps, non-finite numbers; drops undefined', () => {
    for (const v of samples) expect({ v, ok: same(fromStorage(toStorage({ v })).v, v) }).toEqual({ v, ok: true });
    expect(fromStorage(toStorage({ a: undefined, b: 1 }))).toEqual({ b: 1 });
    expect(Object.is(fromStorage(toStorage({ z: -0 })).z, 0)).toBe(true);
  });
});

describe('key order', () => {
  // MongoDB order: [] (as multikey "undefined") < null < numbers < strings < objects < arrays < booleans < dates < regex.
  const ordered: unknown[] = [
    EMPTY_ARRAY, null, NaN, -Infinity, -5, 0, 1.5, 2, Infinity,
    '', 'A', 'a', 'a\u0000', 'ab', 'b', '\uffff', '😀',
    // objects: per field, type first, then name, then value
    {}, { a: 1 }, { a: 1, b: 1 }, { a: 2 }, { b: 0 }, { a: 'x' },
    [], [1], [1, 2], [2], ['a'],
    false, true, new Date(-1), new Date(0), new Date(1e12), /a/,
  ];

  test('in memory', () => {
    for (let i = 1; i < ordered.length; i++) {
      const c = compareKeyParts(keyPart(ordered[i - 1]), keyPart(ordered[i]));
      expect({ a: ordered[i - 1], b: ordered[i], c }).toEqual({ a: ordered[i - 1], b: ordered[i], c: -1 });
    }
  });

  test('SQLite orders the (t, v) key columns the same way', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE k (t INTEGER NOT NULL, v NOT NULL, i INTEGER NOT NULL, PRIMARY KEY (t, v, i)) WITHOUT ROWID');
    const ins = db.prepare('INSERT INTO k VALUES (?, ?, ?)');
    const shuffled = ordered.map((v, i) => ({ v, i })).sort(() => 0.5 - Math.random());
    for (const { v, i } of shuffled) {
      const k = keyPart(v);
      ins.run(k.t, k.v, i);
    }
    const order = (db.prepare('SELECT i FROM k ORDER BY t, v').all() as { i: number }[]).map((r) => r.i);
    db.close();
    expect(order).toEqual(ordered.map((_v, i) => i));
  });

  test('nested byte encoding orders numbers and strings like their values', () => {
    const r = rng(11);
    const nums = Array.from({ length: 500 }, () => (r() - 0.5) * 10 ** Math.floor(r() * 20));
    const byBytes = [...nums].sort((a, b) => Buffer.compare(payloadBytes([a]), payloadBytes([b])));
    expect(byBytes).toEqual([...nums].sort((a, b) => a - b));
    const strs = Array.from({ length: 300 }, () => String.fromCodePoint(...Array.from({ length: 1 + Math.floor(r() * 4) }, () => Math.floor(r() * 0x1ffff) % 0x10ffff)).replace(/[\ud800-\udfff]/g, 'x'));
    const utf8 = [...strs].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...strs].sort((a, b) => compareKeyParts(keyPart(a), keyPart(b)))).toEqual(utf8);
    expect([...strs].sort((a, b) => Buffer.compare(payloadBytes({ s: a }), payloadBytes({ s: b })))).toEqual(utf8);
  });
});
