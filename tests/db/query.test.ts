/** Reads through the real wx-server-sdk: query operators, ordering, paging, projections, types. */
import { openDatabase, type LocalDatabase } from '../../runtime/db';
import { type Harness, sdkError, startHarness, testClock } from './harness';

const clock = testClock();
let db: LocalDatabase;
let h: Harness;
let _: any;

const items = [
  { _id: 'i1', n: 1, s: 'apple', tags: ['a', 'b'], o: { x: 1, y: 'p' }, arr: [{ q: 1, r: 'x' }, { q: 2, r: 'y' }], d: new Date('2026-01-01T00:00:00Z'), b: true },
  { _id: 'i2', n: 2, s: 'Banana', tags: ['b'], o: { x: 2, y: 'q' }, arr: [{ q: 3, r: 'x' }], d: new Date('2026-02-01T00:00:00Z'), b: false },
  { _id: 'i3', n: 3, s: 'cherry', tags: [], o: { x: 3 }, arr: [], d: new Date('2026-03-01T00:00:00Z'), nul: null },
  { _id: 'i4', n: 4.5, s: 'apricot', tags: ['c', 'a', 'd'], o: { x: 1, y: 'r' }, d: new Date('2026-04-01T00:00:00Z') },
  { _id: 'i5', n: -1, s: 'date', o: { x: 5, y: 'p' } },
];

const ids = (r: { data: { _id: string }[] }): string[] => r.data.map((d) => d._id);
const sorted = (r: { data: { _id: string }[] }): string[] => ids(r).sort();

beforeAll(async () => {
  db = openDatabase({
    file: ':memory:',
    strict: false,
    now: clock.now,
    indexes: { collections: { items: { indexes: [{ name: 'n', fields: [{ field: 'n', direction: 1 }] }] }, many: { indexes: [] } } },
  });
  db.collection('items').insertMany(items);
  h = await startHarness(db);
  _ = h.sdb.command;
});
afterAll(async () => {
  await h.close();
  db.close();
});

const where = (q: unknown) => h.sdb.collection('items').where(q).get();

describe('query operators', () => {
  test('equality, including numbers, booleans, strings and Dates', async () => {
    expect(ids(await where({ n: 2 }))).toEqual(['i2']);
    expect(ids(await where({ b: false }))).toEqual(['i2']);
    expect(ids(await where({ s: 'cherry' }))).toEqual(['i3']);
    expect(ids(await where({ d: new Date('2026-03-01T00:00:00Z') }))).toEqual(['i3']);
    expect(ids(await where({ n: _.eq(4.5) }))).toEqual(['i4']);
  });

  test('neq / lt / lte / gt / gte (type bracketed)', async () => {
    expect(sorted(await where({ n: _.neq(2) }))).toEqual(['i1', 'i3', 'i4', 'i5']);
    expect(sorted(await where({ n: _.lt(2) }))).toEqual(['i1', 'i5']);
    expect(sorted(await where({ n: _.lte(2) }))).toEqual(['i1', 'i2', 'i5']);
    expect(sorted(await where({ n: _.gt(2) }))).toEqual(['i3', 'i4']);
    expect(sorted(await where({ n: _.gte(3) }))).toEqual(['i3', 'i4']);
    expect(sorted(await where({ d: _.gte(new Date('2026-02-15T00:00:00Z')) }))).toEqual(['i3', 'i4']);
    // A string bound never matches numbers.
    expect(ids(await where({ n: _.gt('a') }))).toEqual([]);
  });

  test('in / nin', async () => {
    expect(sorted(await where({ n: _.in([1, 3, 99]) }))).toEqual(['i1', 'i3']);
    expect(sorted(await where({ s: _.nin(['apple', 'date']) }))).toEqual(['i2', 'i3', 'i4']);
    expect(sorted(await where({ tags: _.in(['d']) }))).toEqual(['i4']);
  });

  test('and / or (field level and top level)', async () => {
    expect(sorted(await where({ n: _.gt(1).and(_.lt(4)) }))).toEqual(['i2', 'i3']);
    expect(sorted(await where(_.and([{ n: _.gt(0) }, { 'o.y': 'p' }])))).toEqual(['i1']);
    expect(sorted(await where({ n: _.lt(0).or(_.gt(4)) }))).toEqual(['i4', 'i5']);
    expect(sorted(await where(_.or([{ s: 'apple' }, { 'o.x': 5 }])))).toEqual(['i1', 'i5']);
    expect(sorted(await where(_.or([{ n: 1 }, { n: 2 }])))).toEqual(['i1', 'i2']);
  });

  test('exists / size / elemMatch', async () => {
    expect(sorted(await where({ tags: _.exists(false) }))).toEqual(['i5']);
    expect(sorted(await where({ nul: _.exists(true) }))).toEqual(['i3']);
    expect(sorted(await where({ tags: _.size(3) }))).toEqual(['i4']);
    expect(sorted(await where({ tags: _.size(0) }))).toEqual(['i3']);
    expect(sorted(await where({ arr: _.elemMatch({ q: _.gte(2), r: 'x' }) }))).toEqual(['i2']);
    // Without elemMatch the two conditions may match different elements.
    expect(sorted(await where({ 'arr.q': _.gte(2), 'arr.r': 'x' }))).toEqual(['i1', 'i2']);
  });

  test('regular expressions via db.RegExp and JS RegExp', async () => {
    expect(sorted(await where({ s: h.sdb.RegExp({ regexp: '^a', options: '' }) }))).toEqual(['i1', 'i4']);
    expect(sorted(await where({ s: h.sdb.RegExp({ regexp: '^b', options: 'i' }) }))).toEqual(['i2']);
    expect(sorted(await where({ s: /rr/ }))).toEqual(['i3']);
  });

  test('nested fields: dot paths, nested objects, arrays of objects, array elements', async () => {
    expect(sorted(await where({ 'o.x': 1 }))).toEqual(['i1', 'i4']);
    expect(sorted(await where({ o: { x: 1, y: 'r' } }))).toEqual(['i4']);
    expect(sorted(await where({ 'arr.r': 'y' }))).toEqual(['i1']);
    expect(sorted(await where({ tags: 'a' }))).toEqual(['i1', 'i4']);
    expect(sorted(await where({ 'tags.0': 'c' }))).toEqual(['i4']);
    expect(sorted(await where({ nul: null }))).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
  });
});

describe('ordering, paging, projection, count', () => {
  test('orderBy on several fields, skip and limit', async () => {
    const c = h.sdb.collection('items');
    expect(ids(await c.orderBy('n', 'desc').get())).toEqual(['i4', 'i3', 'i2', 'i1', 'i5']);
    expect(ids(await c.orderBy('o.x', 'asc').orderBy('n', 'desc').get())).toEqual(['i4', 'i1', 'i2', 'i3', 'i5']);
    expect(ids(await c.orderBy('o.y', 'asc').orderBy('_id', 'desc').get())).toEqual(['i3', 'i5', 'i1', 'i2', 'i4']);
    expect(ids(await c.orderBy('n', 'asc').skip(1).limit(2).get())).toEqual(['i1', 'i2']);
    expect(ids(await c.where({ n: _.gt(0) }).orderBy('s', 'asc').get())).toEqual(['i2', 'i1', 'i4', 'i3']);
  });

  test('field() includes or excludes fields; doc().field()', async () => {
    const r = await h.sdb.collection('items').where({ _id: 'i1' }).field({ s: true, 'o.x': true }).get();
    expect(r.data).toEqual([{ _id: 'i1', s: 'apple', o: { x: 1 } }]);
    const r2 = await h.sdb.collection('items').where({ _id: 'i2' }).field({ arr: false, o: false, d: false, tags: false }).get();
    expect(r2.data).toEqual([{ _id: 'i2', n: 2, s: 'Banana', b: false }]);
    const r3 = await h.sdb.collection('items').doc('i3').field({ n: true }).get();
    expect(r3.data).toEqual({ _id: 'i3', n: 3 });
  });

  test('count', async () => {
    expect((await h.sdb.collection('items').count()).total).toBe(5);
    expect((await h.sdb.collection('items').where({ n: _.gt(1) }).count()).total).toBe(3);
    expect((await h.sdb.collection('items').where({ s: /^zz/ }).count()).total).toBe(0);
  });

  test('doc().get() returns the document or fails when missing', async () => {
    const r = await h.sdb.collection('items').doc('i2').get();
    expect(r.data.s).toBe('Banana');
    const e = await sdkError(h.sdb.collection('items').doc('missing').get());
    expect(e.message).toMatch(/does not exist/);
  });

  test('at most 100 documents per get, whatever the limit', async () => {
    const docs = Array.from({ length: 150 }, (_x, i) => ({ _id: `m${String(i).padStart(3, '0')}`, i }));
    db.collection('many').insertMany(docs);
    const c = h.sdb.collection('many');
    expect((await c.get()).data).toHaveLength(100);
    expect((await c.limit(120).get()).data).toHaveLength(100);
    expect((await c.limit(5000).get()).data).toHaveLength(100);
    expect((await c.limit(7).get()).data).toHaveLength(7);
    const page2 = await c.orderBy('i', 'asc').skip(100).limit(100).get();
    expect(page2.data).toHaveLength(50);
    expect(page2.data[0].i).toBe(100);
    // What the SDK itself sends: limit 100 by default, never more than 1000.
    const sent = h.requests.filter((r) => r.action === 'database.getDocument' && r.collectionName === 'many').map((r) => r.limit);
    expect(sent.slice(0, 4)).toEqual([100, 120, 1000, 7]);
  });
});

describe('values', () => {
  test('Dates round-trip as Date objects, also nested; numbers keep their value', async () => {
    const at = new Date('2025-05-06T07:08:09.123Z');
    const { _id } = await h.sdb.collection('values').add({ data: { at, list: [at, { deep: at }], int: 7, dbl: 2.25, big: 2 ** 40, neg: -3, zero: 0, nul: null, t: true, s: '中文' } });
    const { data } = await h.sdb.collection('values').doc(_id).get();
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.getTime()).toBe(at.getTime());
    expect(data.list[0]).toBeInstanceOf(Date);
    expect(data.list[1].deep.getTime()).toBe(at.getTime());
    expect(data).toMatchObject({ int: 7, dbl: 2.25, big: 2 ** 40, neg: -3, zero: 0, nul: null, t: true, s: '中文' });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    // Dates are comparable in queries.
    const r = await h.sdb.collection('values').where({ at: _.gt(new Date('2025-01-01T00:00:00Z')) }).get();
    expect(ids(r)).toEqual([_id]);
  });

  test('unknown collection: empty in non-strict mode', async () => {
    expect((await h.sdb.collection('nothing_here').get()).data).toEqual([]);
    expect((await h.sdb.collection('nothing_here').count()).total).toBe(0);
  });
});
