/** Real indexes: strict mode, index use on 5,000 documents, unique and multikey indexes, persistence. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type IndexFile, type LocalDatabase } from '../../runtime/db';
import { compileFilter } from '../../runtime/db/operators';
import { type Harness, rng, sdkError, startHarness, testClock } from './harness';

const INDEXES: IndexFile = {
  collections: {
    people: {
      indexes: [
        { name: 'city_age', fields: [{ field: 'city', direction: 1 }, { field: 'age', direction: -1 }] },
        { name: 'createdAt', fields: [{ field: 'createdAt', direction: -1 }] },
        { name: 'email_unique', unique: true, fields: [{ field: 'email', direction: 1 }] },
        { name: 'tags', fields: [{ field: 'tags', direction: 1 }] },
        { name: 'name', fields: [{ field: 'name', direction: 1 }] },
        { name: 'addr_zip', fields: [{ field: 'addr.zip', direction: 1 }] },
        { name: 'label', fields: [{ field: 'label', direction: 1 }] },
        { name: 'v_age', fields: [{ field: 'v', direction: 1 }, { field: 'age', direction: 1 }] },
      ],
    },
    accounts: { indexes: [{ name: 'openid_unique', unique: true, fields: [{ field: 'openid', direction: 1 }] }] },
    ref: { smallCollection: true, indexes: [] },
    pairs: { indexes: [{ name: 'a_b', fields: [{ field: 'a', direction: 1 }, { field: 'b', direction: 1 }] }] },
  },
};

const N = 5000;
const CITIES = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'];
const TAGS = ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'];
const T0 = Date.UTC(2025, 0, 1);
/** Characters whose UTF-16 order differs from their code point order ('\uffff' < '😀' in code points). */
const LETTERS = ['a', 'b', 'Z', '中', '\ue000', '\uffff', '😀', '𠀀'];
const randomLabel = (r: () => number): string => Array.from({ length: 1 + Math.floor(r() * 3) }, () => LETTERS[Math.floor(r() * LETTERS.length)]).join('');
/** A scalar of a random type: number, string, boolean, null, Date. */
const randomScalar = (r: () => number): unknown => {
  const pick = Math.floor(r() * 5);
  if (pick === 0) return Math.floor(r() * 20) - 5;
  if (pick === 1) return randomLabel(r);
  if (pick === 2) return r() < 0.5;
  if (pick === 3) return null;
  return new Date(T0 + Math.floor(r() * 10) * 86400_000);
};

function makePeople(): any[] {
  const r = rng(42);
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  return Array.from({ length: N }, (_x, i) => {
    const doc: any = {
      _id: `p${String(i).padStart(5, '0')}`,
      city: pick(CITIES),
      age: 18 + Math.floor(r() * 63),
      createdAt: new Date(T0 + Math.floor(r() * 365 * 86400_000)),
      email: `u${i}@example.com`,
      name: `${pick(['li', 'wang', 'zhang', 'liu', 'chen'])}${Math.floor(r() * 1000)}`,
      tags: TAGS.filter(() => r() < 0.3),
      nickname: `n${i}`,
    };
    if (r() < 0.1) delete doc.city; // missing values sort as null
    if (r() < 0.5) doc.addr = { zip: 100000 + Math.floor(r() * 50) };
    if (r() < 0.9) doc.label = randomLabel(r);
    if (r() < 0.8) doc.v = randomScalar(r); // mixed types, never an array
    return doc;
  });
}

const clock = testClock();
let db: LocalDatabase;
let h: Harness;
let _: any;
let people: any[];

beforeAll(async () => {
  db = openDatabase({ file: ':memory:', strict: true, now: clock.now, indexes: INDEXES });
  people = makePeople();
  db.collection('people').insertMany(people);
  db.collection('ref').insertMany(Array.from({ length: 30 }, (_x, i) => ({ code: i })));
  h = await startHarness(db);
  _ = h.sdb.command;
});
afterAll(async () => {
  await h.close();
  db.close();
});

const P = () => h.sdb.collection('people');
/** A full scan: every document tested with the database's own matcher (mingo with MongoDB's string order). */
const brute = (filter: object): any[] => {
  const q = compileFilter(filter as Record<string, unknown>);
  return people.filter((d) => q.test(d));
};

describe('strict mode', () => {
  test('refuses queries no index covers, naming the collection and the fields', async () => {
    const e = await sdkError(P().where({ nickname: 'n1' }).get());
    expect(e.errCode).toBe(-502001);
    expect(e.message).toMatch(/people/);
    expect(e.message).toMatch(/nickname/);
    // age alone is not a prefix of city_age
    expect((await sdkError(P().where({ age: 30 }).get())).message).toMatch(/\[strict\].*age/);
    expect((await sdkError(P().where({ nickname: 'n1' }).count())).message).toMatch(/strict/);
    expect((await sdkError(P().where({ nickname: 'n1' }).update({ data: { x: 1 } }))).message).toMatch(/strict/);
    expect((await sdkError(P().where({ nickname: 'n1' }).remove())).message).toMatch(/strict/);
    expect((await sdkError(P().aggregate().match({ nickname: 'n1' }).end())).message).toMatch(/strict/);
    // listing the whole collection in an unindexed order
    expect((await sdkError(P().orderBy('nickname', 'asc').get())).message).toMatch(/sort: \[nickname asc\]/);
    // a filtered scan of a sort index is not enough
    expect((await sdkError(P().where({ nickname: 'n1' }).orderBy('createdAt', 'desc').get())).message).toMatch(/strict/);
  });

  test('accepts indexed queries, _id lookups and smallCollection scans', async () => {
    expect((await P().where({ city: 'c1' }).limit(5).get()).data).toHaveLength(5);
    expect((await P().where({ city: 'c1', age: _.gte(60) }).get()).data.every((d: any) => d.city === 'c1' && d.age >= 60)).toBe(true);
    expect((await P().orderBy('createdAt', 'desc').limit(3).get()).data).toHaveLength(3);
    expect((await P().where({ city: 'c2', nickname: _.exists(true) }).limit(3).get()).data).toHaveLength(3);
    expect((await P().doc('p00007').get()).data.email).toBe('u7@example.com');
    expect((await P().where({ _id: _.in(['p00001', 'p00002']) }).get()).data).toHaveLength(2);
    // A long $in (batch fetch) is still an index lookup.
    const many = people.slice(0, 300).map((p) => p.email);
    expect((await P().where({ email: _.in(many) }).count()).total).toBe(300);
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'email_unique', docsExamined: 0 });
    expect((await P().where({ tags: _.all(['t1', 't2']) }).count()).total).toBe(brute({ tags: { $all: ['t1', 't2'] } }).length);
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'tags' });
    expect((await P().where(_.or([{ city: 'c1' }, { email: 'u3@example.com' }])).count()).total).toBe(brute({ $or: [{ city: 'c1' }, { email: 'u3@example.com' }] }).length);
    expect((await P().count()).total).toBe(N);
    expect((await h.sdb.collection('ref').where({ code: _.gt(25) }).get()).data).toHaveLength(4);
  });

  test('collections that are not declared do not exist (-502005), for reads and writes', async () => {
    expect((await sdkError(h.sdb.collection('undeclared').get())).errCode).toBe(-502005);
    expect((await sdkError(h.sdb.collection('undeclared').add({ data: { a: 1 } }))).errCode).toBe(-502005);
    await h.sdb.createCollection('created_at_runtime');
    await h.sdb.collection('created_at_runtime').add({ data: { _id: 'k', a: 1 } });
    expect((await h.sdb.collection('created_at_runtime').doc('k').get()).data.a).toBe(1);
  });
});

/** Random filters of one or two conditions over the people fields (indexed or not, multikey or not). */
function randomFilters(r: () => number): () => Record<string, unknown> {
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const range = (): string => pick(['$gt', '$gte', '$lt', '$lte']);
  const conds: (() => [string, any])[] = [
    () => ['city', pick(CITIES)],
    () => ['city', { $in: [pick(CITIES), pick(CITIES), null] }],
    () => ['city', { $in: [pick(CITIES), pick(CITIES)] }],
    () => ['age', { [range()]: 18 + Math.floor(r() * 63) }],
    () => ['createdAt', { $gte: new Date(T0 + Math.floor(r() * 365) * 86400_000) }],
    () => ['tags', pick(TAGS)],
    () => ['tags', { $gte: pick(TAGS), $lte: pick(TAGS) }],
    () => ['tags', { $all: [pick(TAGS), pick(TAGS)] }],
    () => ['name', new RegExp(`^${pick(['li', 'wang', 'zh', 'chen9'])}`)],
    () => ['addr.zip', { $in: [100000 + Math.floor(r() * 50), 100000 + Math.floor(r() * 50)] }],
    () => ['addr.zip', { [range()]: 100000 + Math.floor(r() * 50) }],
    () => ['email', `u${Math.floor(r() * N)}@example.com`],
    () => ['label', randomLabel(r)],
    () => ['label', { [range()]: randomLabel(r) }],
    () => ['label', { $gt: randomLabel(r), $lte: randomLabel(r) }],
    () => ['v', randomScalar(r)],
    () => ['v', { [range()]: randomScalar(r) }],
    () => ['v', { $in: [randomScalar(r), randomScalar(r)] }],
  ];
  return () => {
    const filter: Record<string, unknown> = {};
    const n = 1 + Math.floor(r() * 2);
    for (let j = 0; j < n; j++) {
      const [k, v] = pick(conds)();
      filter[k] = v;
    }
    return filter;
  };
}

describe('index use on 5,000 documents', () => {
  test('equality on an index prefix reads only the matching documents', async () => {
    const r = await P().where({ city: 'c3' }).limit(100).get();
    const s = db.lastStats()!;
    expect(s.plan).toBe('IXSCAN');
    expect(s.index).toBe('city_age');
    expect(s.docsExamined).toBe(r.data.length);
    // SQLite seeks the index table and looks documents up by primary key: no scan, no sort.
    expect(s.sqlPlan).toMatch(/^SEARCH x USING PRIMARY KEY \(t0=\? AND v0=\?\); SEARCH d USING PRIMARY KEY/);
    expect(r.data.length).toBe(Math.min(100, brute({ city: 'c3' }).length));
    // A count the index expresses exactly reads no document at all.
    const c = await P().where({ city: 'c3' }).count();
    expect(c.total).toBe(brute({ city: 'c3' }).length);
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', docsExamined: 0 });
    expect(db.lastStats()!.sqlPlan).toMatch(/^SEARCH x USING (COVERING INDEX|PRIMARY KEY)/);
    // A residual condition the index cannot express falls back to reading the candidates.
    const someone = brute({ city: 'c3' })[0].nickname;
    const r2 = await P().where({ city: 'c3', nickname: someone }).count();
    expect(r2.total).toBe(1);
    expect(db.lastStats()!.docsExamined).toBe(brute({ city: 'c3' }).length);
  });

  test('range with a limit stops early', async () => {
    const since = new Date(T0 + 300 * 86400_000);
    const r = await P().where({ createdAt: _.gte(since) }).orderBy('createdAt', 'desc').limit(10).get();
    const s = db.lastStats()!;
    expect(s).toMatchObject({ plan: 'IXSCAN', index: 'createdAt', sortInIndex: true, docsExamined: 10 });
    expect(s.sqlPlan).toMatch(/^SEARCH x USING PRIMARY KEY \(t0=\? AND v0[<>]\?\)/);
    expect(s.sqlPlan).not.toMatch(/TEMP B-TREE/);
    const expected = brute({ createdAt: { $gte: since } }).map((d) => d.createdAt.getTime()).sort((a, b) => b - a).slice(0, 10);
    expect(r.data.map((d: any) => d.createdAt.getTime())).toEqual(expected);
  });

  test('sort matching the index after an equality prefix streams with skip + limit (both directions)', async () => {
    const r = await P().where({ city: 'c5' }).orderBy('age', 'desc').skip(20).limit(5).get();
    const s = db.lastStats()!;
    expect(s).toMatchObject({ plan: 'IXSCAN', index: 'city_age', sortInIndex: true, inMemorySort: false, docsExamined: 25 });
    expect(s.sqlPlan).not.toMatch(/TEMP B-TREE|SCAN x/);
    const ages = brute({ city: 'c5' }).map((d) => d.age).sort((a, b) => b - a);
    expect(r.data.map((d: any) => d.age)).toEqual(ages.slice(20, 25));
    const up = await P().where({ city: 'c5' }).orderBy('age', 'asc').limit(4).get();
    expect(db.lastStats()).toMatchObject({ sortInIndex: true, docsExamined: 4 });
    expect(up.data.map((d: any) => d.age)).toEqual([...ages].reverse().slice(0, 4));
  });

  test('$in, compound equality + range, prefix regex, dotted path, missing values', async () => {
    const r1 = await P().where({ city: _.in(['c1', 'c2']), age: 30 }).get();
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'city_age' });
    expect(db.lastStats()!.docsExamined).toBe(r1.data.length);
    expect(r1.data.map((d: any) => d._id).sort()).toEqual(brute({ city: { $in: ['c1', 'c2'] }, age: 30 }).map((d) => d._id).sort());
    const r2 = await P().where({ city: 'c4', age: _.gt(40).and(_.lte(45)) }).get();
    expect(db.lastStats()!.docsExamined).toBe(r2.data.length);
    expect(r2.data.length).toBe(brute({ city: 'c4', age: { $gt: 40, $lte: 45 } }).length);
    const r3 = await P().where({ name: h.sdb.RegExp({ regexp: '^zhang1' }) }).count();
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'name' });
    expect(db.lastStats()!.docsExamined).toBe(r3.total);
    expect(r3.total).toBe(brute({ name: /^zhang1/ }).length);
    const r4 = await P().where({ 'addr.zip': _.lt(100005) }).count();
    expect(db.lastStats()).toMatchObject({ index: 'addr_zip' });
    expect(r4.total).toBe(brute({ 'addr.zip': { $lt: 100005 } }).length);
    const r5 = await P().where({ city: null }).count();
    expect(db.lastStats()).toMatchObject({ index: 'city_age' });
    expect(r5.total).toBe(brute({ city: null }).length);
    expect(r5.total).toBeGreaterThan(0);
  });

  test('randomised queries: index plans return exactly what a full scan would', () => {
    const r = rng(7);
    const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
    const randomFilter = randomFilters(r);
    const sortable = ['city', 'age', 'createdAt', 'tags', 'name', 'addr.zip', '_id'];
    const sortKey = (d: any, path: string, dir: number): any => {
      let v: any = path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), d);
      if (Array.isArray(v)) v = v.length ? [...v].sort()[dir === 1 ? 0 : v.length - 1] : undefined;
      if (v instanceof Date) return v.getTime();
      return v ?? null; // Array#sort moves undefined last whatever the comparator says
    };
    const cmp = (a: any, b: any): number => {
      const rank = (x: any): number => (x === undefined || x === null ? 0 : typeof x === 'number' ? 1 : 2);
      if (rank(a) !== rank(b)) return rank(a) - rank(b);
      return a === b || rank(a) === 0 ? 0 : a < b ? -1 : 1;
    };
    let indexed = 0;
    for (let i = 0; i < 250; i++) {
      const filter = randomFilter();
      const sortField = r() < 0.7 ? pick(sortable) : undefined;
      const dir = r() < 0.5 ? 1 : -1;
      const sort = sortField ? { [sortField]: dir as 1 | -1 } : undefined;
      const limit = 1 + Math.floor(r() * 40);
      const skip = Math.floor(r() * 10);
      const got = db.collection('people').find(filter, { sort, limit, skip });
      const stats = db.lastStats()!;
      if (stats.plan !== 'COLLSCAN') indexed++;
      const all = brute(filter);
      const ctx = JSON.stringify({ filter, sort, limit, skip, plan: stats.plan, index: stats.index });
      // Every result matches, no duplicates, right count.
      expect({ ctx, n: got.length }).toEqual({ ctx, n: Math.max(0, Math.min(limit, all.length - skip)) });
      expect(new Set(got.map((d) => d._id)).size).toBe(got.length);
      const ids = new Set(all.map((d) => d._id));
      expect(got.every((d) => ids.has(d._id))).toBe(true);
      if (sortField) {
        const keys = got.map((d) => sortKey(d, sortField, dir));
        const want = all.map((d) => sortKey(d, sortField, dir)).sort((a, b) => cmp(a, b) * dir).slice(skip, skip + limit);
        expect({ ctx, keys }).toEqual({ ctx, keys: want });
      } else if (all.length <= limit && skip === 0) {
        expect(got.map((d) => d._id).sort()).toEqual([...ids].sort());
      }
    }
    expect(indexed).toBeGreaterThan(150);
  });

  test('randomised counts: index plans, index-only counts included, count exactly what a full scan finds', () => {
    const r = rng(19);
    const randomFilter = randomFilters(r);
    let indexOnly = 0;
    let readDocs = 0;
    for (let i = 0; i < 200; i++) {
      const filter = randomFilter();
      const total = db.collection('people').count(filter);
      const stats = db.lastStats()!;
      if (stats.plan === 'IXSCAN' && stats.docsExamined === 0 && stats.keysExamined > 0) indexOnly++;
      else if (stats.docsExamined > 0) readDocs++;
      const ctx = JSON.stringify({ filter, plan: stats.plan, index: stats.index, docsExamined: stats.docsExamined });
      expect({ ctx, total }).toEqual({ ctx, total: brute(filter).length });
    }
    // Both ways of counting were exercised.
    expect(indexOnly).toBeGreaterThan(40);
    expect(readDocs).toBeGreaterThan(40);
  });
});

describe('unique indexes', () => {
  test('50 concurrent adds with the same key: exactly one succeeds', async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_x, i) => h.sdb.collection('accounts').add({ data: { openid: 'same', i } })));
    const ok = results.filter((x) => x.status === 'fulfilled');
    const failed = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(49);
    for (const f of failed) {
      expect(f.reason.errMsg + f.reason.errCode).toMatch(/-502001$/);
      expect(f.reason.errMsg).toMatch(/E11000 duplicate key.*openid_unique.*same/);
    }
    expect((await h.sdb.collection('accounts').where({ openid: 'same' }).count()).total).toBe(1);
  });

  test('a missing field counts as null: only one document may lack it', async () => {
    await h.sdb.collection('accounts').add({ data: { note: 'no openid' } });
    const e = await sdkError(h.sdb.collection('accounts').add({ data: { note: 'also none' } }));
    expect(e.message).toMatch(/duplicate key.*openid: null/);
    const e2 = await sdkError(h.sdb.collection('accounts').add({ data: { openid: null } }));
    expect(e2.message).toMatch(/duplicate key/);
  });

  test('updates and batch inserts that would duplicate fail atomically', async () => {
    const a = h.sdb.collection('accounts');
    const { _id } = await a.add({ data: { openid: 'x1', v: 1 } });
    await a.add({ data: { openid: 'x2' } });
    expect((await sdkError(a.doc(_id).update({ data: { openid: 'x2', v: 2 } }))).message).toMatch(/duplicate key/);
    expect((await a.doc(_id).get()).data).toMatchObject({ openid: 'x1', v: 1 });
    expect((await a.where({ openid: 'x1' }).get()).data.map((d: any) => d._id)).toEqual([_id]);
    expect((await sdkError(a.add({ data: [{ openid: 'y1' }, { openid: 'y1' }] }))).message).toMatch(/duplicate key/);
    expect((await a.where({ openid: 'y1' }).count()).total).toBe(0);
    // The freed key can be reused after the change.
    await a.doc(_id).update({ data: { openid: 'x3' } });
    await a.add({ data: { openid: 'x1' } });
    expect((await a.where({ openid: _.in(['x1', 'x3']) }).count()).total).toBe(2);
  });
});

describe('multikey indexes', () => {
  test('array fields are indexed per element and kept in sync on update', async () => {
    const c = h.sdb.collection('people');
    const r = await c.where({ tags: 't3' }).count();
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'tags' });
    expect(r.total).toBe(brute({ tags: 't3' }).length);
    expect(db.lastStats()!.docsExamined).toBe(r.total);
    await c.add({ data: { _id: 'mk', email: 'mk@example.com', tags: ['zz1', 'zz2', 'zz1'] } });
    expect((await c.where({ tags: 'zz1' }).get()).data.map((d: any) => d._id)).toEqual(['mk']);
    await c.doc('mk').update({ data: { tags: _.pull('zz1') } });
    expect((await c.where({ tags: 'zz1' }).get()).data).toEqual([]);
    expect((await c.where({ tags: 'zz2' }).get()).data.map((d: any) => d._id)).toEqual(['mk']);
    // Sorting on an array field uses its smallest (asc) / largest (desc) element.
    const top = await c.orderBy('tags', 'desc').limit(1).get();
    expect(db.lastStats()).toMatchObject({ sortInIndex: true });
    expect(top.data[0]._id).toBe('mk');
    await c.doc('mk').remove();
  });

  test('compound index over two arrays is refused (parallel arrays)', async () => {
    const e = await sdkError(h.sdb.collection('pairs').add({ data: { a: [1, 2], b: [3, 4] } }));
    expect(e.message).toMatch(/parallel arrays/);
    await h.sdb.collection('pairs').add({ data: { a: [1, 2], b: 3 } });
    expect((await h.sdb.collection('pairs').where({ a: 2, b: 3 }).count()).total).toBe(1);
  });
});

describe('persistence', () => {
  test('close and reopen the same file: documents, types and indexes intact; index changes rebuild', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'localdb-'));
    const file = join(dir, 'cloud.sqlite');
    try {
      const files: IndexFile = { collections: { users: { indexes: [{ name: 'openid_unique', unique: true, fields: [{ field: 'openid', direction: 1 }] }, { name: 'roles', fields: [{ field: 'roles', direction: 1 }] }] } } };
      const first = openDatabase({ file, indexes: files, strict: true, now: clock.now });
      h.use(first);
      expect(existsSync(`${file}-wal`)).toBe(true); // WAL journal
      const at = new Date('2026-03-04T05:06:07.089Z');
      const users = h.sdb.collection('users');
      await users.add({ data: { _id: 'u1', openid: 'o1', at, roles: ['admin', 'deputy'], score: 1.25, n: 3 } });
      await users.add({ data: { _id: 'u2', openid: 'o2', at, roles: ['resident'], level: 2 } });
      first.close();

      const second = openDatabase({ file, indexes: files, strict: true, now: clock.now });
      h.use(second);
      const { data } = await users.doc('u1').get();
      expect(data).toEqual({ _id: 'u1', openid: 'o1', at, roles: ['admin', 'deputy'], score: 1.25, n: 3 });
      expect(data.at).toBeInstanceOf(Date);
      expect((await users.where({ roles: 'deputy' }).get()).data.map((d: any) => d._id)).toEqual(['u1']);
      expect(second.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'roles' });
      expect((await sdkError(users.add({ data: { openid: 'o1' } }))).message).toMatch(/duplicate key/);
      expect((await sdkError(users.where({ level: 2 }).get())).message).toMatch(/strict/);
      second.close();

      // A new index in the file is built from the existing documents on open.
      const withLevel: IndexFile = { collections: { users: { indexes: [...files.collections.users.indexes, { name: 'level', fields: [{ field: 'level', direction: 1 }] }] } } };
      const third = openDatabase({ file, indexes: withLevel, strict: true, now: clock.now });
      h.use(third);
      expect((await users.where({ level: 2 }).get()).data.map((d: any) => d._id)).toEqual(['u2']);
      expect(third.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'level' });
      expect(third.listCollections()).toEqual([{ name: 'users', count: 2 }]);
      third.close();

      // Written by a non-strict run without a declaration: a strict run still treats it as missing.
      const loose = openDatabase({ file, indexes: withLevel, strict: false, now: clock.now });
      h.use(loose);
      await h.sdb.collection('scratchpad').add({ data: { a: 1 } });
      await h.sdb.createCollection('made_explicitly');
      loose.close();
      const strictAgain = openDatabase({ file, indexes: withLevel, strict: true, now: clock.now });
      h.use(strictAgain);
      expect((await sdkError(h.sdb.collection('scratchpad').get())).errCode).toBe(-502005);
      expect((await h.sdb.collection('made_explicitly').get()).data).toEqual([]);
      expect(strictAgain.listCollections().map((c) => c.name)).toEqual(['made_explicitly', 'scratchpad', 'users']);
      strictAgain.close();

      // A unique index that existing data violates refuses to open, loudly.
      const bad: IndexFile = { collections: { users: { indexes: [{ name: 'at_unique', unique: true, fields: [{ field: 'at', direction: 1 }] }] } } };
      expect(() => openDatabase({ file, indexes: bad, strict: true, now: clock.now })).toThrow(/cannot build index users.at_unique.*duplicate key/);
    } finally {
      h.use(db);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
