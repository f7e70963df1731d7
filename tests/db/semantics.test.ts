/**
 * Query and update semantics where mingo differs from MongoDB (and so from WeChat cloud), through the real
 * wx-server-sdk: unchanged writes, $elemMatch, $week, $substr, $indexOfCP, geo queries, unsupported operators.
 */
import { openDatabase, type LocalDatabase } from '../../runtime/db';
import { type Harness, sdkError, startHarness, testClock } from './harness';

const clock = testClock();
let db: LocalDatabase;
let h: Harness;
let _: any;
let $: any;

beforeAll(async () => {
  db = openDatabase({
    file: ':memory:',
    strict: true,
    now: clock.now,
    indexes: {
      collections: {
        docs: { smallCollection: true, indexes: [] },
        places: {
          indexes: [
            { name: 'location_2dsphere', fields: [{ field: 'location', direction: '2dsphere' }] },
            { name: 'kind', fields: [{ field: 'kind', direction: 1 }] },
          ],
        },
        plain: { indexes: [{ name: 'kind', fields: [{ field: 'kind', direction: 1 }] }] },
      },
    },
  });
  h = await startHarness(db);
  _ = h.sdb.command;
  $ = _.aggregate;
});
afterAll(async () => {
  await h.close();
  db.close();
});

const docs = () => h.sdb.collection('docs');
const agg = async (project: object, doc: object = {}): Promise<any> => {
  const { _id } = await docs().add({ data: doc });
  const r = await docs().aggregate().match({ _id }).project({ _id: 0, ...project }).end();
  return r.list[0];
};

describe('writes that match but change nothing', () => {
  test('doc().set() counts the matched document as updated; doc().update() does not', async () => {
    const { _id } = await docs().add({ data: { a: 1 } });
    expect((await docs().doc(_id).set({ data: { a: 1 } })).stats).toEqual({ updated: 1, created: 0 });
    expect((await docs().doc(_id).update({ data: { a: 1 } })).stats.updated).toBe(0);
    expect((await docs().doc(_id).set({ data: { a: 2 } })).stats).toEqual({ updated: 1, created: 0 });
  });

  test('updateAndReturn (modifyAndReturnDoc) counts the matched document as updated', async () => {
    const { _id } = await docs().add({ data: { a: 1 } });
    const reply: any = await db.handle({ action: 'database.modifyAndReturnDoc', collectionName: 'docs', query: JSON.stringify({ _id }), data: JSON.stringify({ $set: { a: 1 } }) });
    expect(reply.data.updated).toBe(1);
    expect(JSON.parse(reply.data.doc).a).toEqual({ $numberInt: '1' });
  });
});

describe('$elemMatch', () => {
  test('a field condition never matches an array of plain values', async () => {
    const a = await docs().add({ data: { tag: 'em', list: [1, 2, 3] } });
    const b = await docs().add({ data: { tag: 'em', list: [{ k: 1 }, { k: 5 }] } });
    const ids = async (cond: object) => (await docs().where({ tag: 'em', list: _.elemMatch(cond) }).get()).data.map((d: any) => d._id);
    expect(await ids({ k: 1 })).toEqual([b._id]);
    expect(await ids({ k: _.exists(false) })).toEqual([]);
    expect(await ids({ k: _.gt(3) })).toEqual([b._id]);
    // An operator-only condition matches element values.
    expect(await ids({ $gt: 2 } as any)).toEqual([a._id]);
  });
});

describe('expressions', () => {
  test('$week counts Sunday-based weeks (week 0 before the first Sunday), in a time zone too', async () => {
    // 2027-01-01 is a Friday, 2027-01-03 the first Sunday.
    const r = await agg(
      { fri: $.week('$fri'), sun: $.week('$sun'), sat: $.week('$sat'), tz: $.week({ date: '$satNight', timezone: '+08:00' }) },
      { fri: new Date(Date.UTC(2027, 0, 1, 12)), sun: new Date(Date.UTC(2027, 0, 3, 12)), sat: new Date(Date.UTC(2027, 0, 9, 12)), satNight: new Date(Date.UTC(2027, 0, 9, 20)) },
    );
    expect(r).toEqual({ fri: 0, sun: 1, sat: 1, tz: 2 });
  });

  test('$substr and $substrBytes with a negative length take the rest of the string', async () => {
    const r = await agg({ a: $.substr(['$s', 2, -1]), b: $.substrBytes(['$s', 1, -5]), c: $.substrBytes(['$s', 0, 100]), d: $.substrBytes(['$z', 3, -1]) }, { s: 'abcdef', z: '街道ab' });
    expect(r).toEqual({ a: 'cdef', b: 'bcdef', c: 'abcdef', d: '道ab' });
    const e = await sdkError(docs().aggregate().project({ x: $.substrBytes(['街道', 1, 2]) }).end());
    expect(e.message).toMatch(/continuation byte/);
  });

  test('$indexOfCP counts code points', async () => {
    const r = await agg({ a: $.indexOfCP(['$s', '道']), b: $.indexOfCP(['$s', 'x']), c: $.indexOfCP(['$s', '街', 1]), d: $.indexOfCP(['$s', 'b', 0, 3]) }, { s: '清河街道b' });
    expect(r).toEqual({ a: 3, b: -1, c: 2, d: -1 });
  });
});

describe('string order', () => {
  test('ranges, sorting and counts compare strings by code point, as MongoDB (mingo compares UTF-16 units)', async () => {
    // In code points: 'a' < '（' (U+FF08) < '\uffff' < '😀' (U+1F600) < '𠀀' (U+20000); in UTF-16 units the last two sort first.
    const kinds = ['𠀀', 'a', '😀', '\uffff', '（'];
    const plain = h.sdb.collection('plain');
    await plain.add({ data: kinds.map((kind) => ({ kind, tag: 'order' })) });
    await docs().add({ data: kinds.map((kind) => ({ kind, tag: 'order' })) });
    const above = ['😀', '𠀀'];
    expect((await plain.where({ kind: _.gt('\uffff') }).get()).data.map((d: any) => d.kind).sort()).toEqual(above);
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'kind' });
    // The same answer from an index-only count and from a scan of a small collection.
    expect((await plain.where({ kind: _.gt('\uffff') }).count()).total).toBe(2);
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', docsExamined: 0 });
    expect((await docs().where({ tag: 'order', kind: _.gt('\uffff') }).get()).data.map((d: any) => d.kind).sort()).toEqual(above);
    expect((await docs().where({ tag: 'order', kind: _.lte('（') }).count()).total).toBe(2);
    expect((await plain.where({ kind: _.gte('（').and(_.lt('😀')) }).count()).total).toBe(2);
    expect((await plain.where({ kind: _.in(kinds) }).orderBy('kind', 'asc').get()).data.map((d: any) => d.kind)).toEqual(['a', '（', '\uffff', '😀', '𠀀']);
  });
});

describe('geo (db.Geo.Point, 2dsphere index)', () => {
  // Around 清河街道: a few points at known distances east of the centre (1° of longitude ≈ 100 km here).
  const center = { lng: 116.3, lat: 39.9 };
  const east = (metres: number) => center.lng + metres / (111_319.5 * Math.cos((center.lat * Math.PI) / 180) * (6378100 / 6378137));
  let ids: Record<string, string>;
  beforeAll(async () => {
    const Geo = h.sdb.Geo;
    const add = async (name: string, m: number, kind: string) => (await h.sdb.collection('places').add({ data: { name, kind, location: new Geo.Point(east(m), center.lat) } }))._id;
    ids = {
      here: await add('here', 0, 'station'),
      m300: await add('m300', 300, 'appeal'),
      m900: await add('m900', 900, 'appeal'),
      m5000: await add('m5000', 5000, 'appeal'),
    };
    await h.sdb.collection('places').add({ data: { name: 'nowhere', kind: 'appeal' } });
  });
  const names = (list: any[]) => list.map((d) => d.name);

  test('points come back as db.Geo.Point and are stored as GeoJSON', async () => {
    const { data } = await h.sdb.collection('places').doc(ids.m300).get();
    expect(data.location.longitude).toBeCloseTo(east(300), 9);
    expect(data.location.latitude).toBe(center.lat);
    expect(db.collection('places').findOne({ _id: ids.m300 }).location).toEqual({ type: 'Point', coordinates: [east(300), center.lat] });
  });

  test('_.geoNear ($nearSphere) returns the nearest first, within max/min distance, through the 2dsphere index', async () => {
    const p = new h.sdb.Geo.Point(center.lng, center.lat);
    const near = (opts: object) => h.sdb.collection('places').where({ location: _.geoNear({ geometry: p, ...opts }) });
    expect(names((await near({ maxDistance: 1000 }).get()).data)).toEqual(['here', 'm300', 'm900']);
    expect(db.lastStats()).toMatchObject({ plan: 'GEO_NEAR', index: 'location_2dsphere' });
    expect(names((await near({ maxDistance: 1000, minDistance: 100 }).get()).data)).toEqual(['m300', 'm900']);
    expect(names((await near({}).limit(2).get()).data)).toEqual(['here', 'm300']);
    expect(names((await h.sdb.collection('places').where({ kind: 'appeal', location: _.geoNear({ geometry: p, maxDistance: 10_000 }) }).get()).data)).toEqual(['m300', 'm900', 'm5000']);
  });

  test('_.geoWithin with a polygon or a centre sphere', async () => {
    const { Polygon, LineString, Point } = h.sdb.Geo;
    const box = new Polygon([new LineString([new Point(center.lng - 0.001, center.lat - 0.001), new Point(east(1000), center.lat - 0.001), new Point(east(1000), center.lat + 0.001), new Point(center.lng - 0.001, center.lat + 0.001), new Point(center.lng - 0.001, center.lat - 0.001)])]);
    const within = (await h.sdb.collection('places').where({ location: _.geoWithin({ geometry: box }) }).get()).data;
    expect(names(within).sort()).toEqual(['here', 'm300', 'm900']);
    expect(db.lastStats()).toMatchObject({ plan: 'GEO', index: 'location_2dsphere', covered: true });
    const sphere = (await h.sdb.collection('places').where({ location: _.geoWithin({ centerSphere: [new Point(center.lng, center.lat), 500 / 6378100] }) }).get()).data;
    expect(names(sphere).sort()).toEqual(['here', 'm300']);
  });

  test('aggregate().geoNear adds the distance in metres and can filter', async () => {
    const r = await h.sdb.collection('places').aggregate().geoNear({ near: new h.sdb.Geo.Point(center.lng, center.lat), distanceField: 'dist', spherical: true, maxDistance: 2000, query: { kind: 'appeal' } }).end();
    expect(names(r.list)).toEqual(['m300', 'm900']);
    expect(r.list[0].dist).toBeCloseTo(300, 0);
    expect(r.list[1].dist).toBeCloseTo(900, 0);
  });

  test('what MongoDB refuses is refused: no index, count, $near inside $match, bad geometry in an indexed field', async () => {
    const p = new h.sdb.Geo.Point(center.lng, center.lat);
    await h.sdb.collection('plain').add({ data: { kind: 'x', location: p } });
    expect((await sdkError(h.sdb.collection('plain').where({ kind: 'x', location: _.geoNear({ geometry: p }) }).get())).message).toMatch(/unable to find index for \$geoNear query/);
    expect((await sdkError(h.sdb.collection('plain').aggregate().geoNear({ near: p, distanceField: 'd' }).end())).message).toMatch(/requires a 2d or 2dsphere index/);
    expect((await sdkError(h.sdb.collection('places').where({ location: _.geoNear({ geometry: p }) }).count())).message).toMatch(/not allowed in this context/);
    expect((await sdkError(h.sdb.collection('places').aggregate().match({ location: _.geoNear({ geometry: p }) }).end())).message).toMatch(/not allowed inside of a \$match/);
    expect((await sdkError(h.sdb.collection('places').add({ data: { kind: 'bad', location: { lng: 1 } } }))).message).toMatch(/Can't extract geo keys/);
    expect((await sdkError(h.sdb.collection('places').add({ data: { kind: 'bad', location: { type: 'Point', coordinates: [200, 0] } } }))).message).toMatch(/Can't extract geo keys/);
  });
});

describe('unsupported operators answer an error naming the operator', () => {
  const wire = (action: string, extra: object) => db.handle({ action: `database.${action}`, collectionName: 'docs', ...extra }) as Promise<any>;
  test.each([
    ['query $text', 'getDocument', { query: JSON.stringify({ $text: { $search: '路灯' } }) }, /\$text/],
    ['query $where', 'getDocument', { query: JSON.stringify({ $where: 'true' }) }, /\$where/],
    ['query $jsonSchema', 'getDocument', { query: JSON.stringify({ $jsonSchema: {} }) }, /\$jsonSchema/],
    ['a made-up query operator', 'getDocument', { query: JSON.stringify({ a: { $fuzzy: 1 } }) }, /operator \$fuzzy is not supported/],
    ['a made-up expression', 'aggregateDocuments', { stages: [{ stageKey: '$project', stageValue: JSON.stringify({ x: { $frobnicate: 1 } }) }] }, /operator \$frobnicate is not supported/],
    ['stage $out', 'aggregateDocuments', { stages: [{ stageKey: '$out', stageValue: '"copy"' }] }, /\$out is not supported/],
    ['stage $geoNear not first', 'aggregateDocuments', { stages: [{ stageKey: '$match', stageValue: '{}' }, { stageKey: '$geoNear', stageValue: '{}' }] }, /\$geoNear.*first stage/],
    ['$function', 'aggregateDocuments', { stages: [{ stageKey: '$project', stageValue: JSON.stringify({ x: { $function: { body: 'x', args: [], lang: 'js' } } }) }] }, /\$function/],
    ['$geoWithin $box', 'getDocument', { query: JSON.stringify({ p: { $geoWithin: { $box: [[0, 0], [1, 1]] } } }) }, /\$geoWithin with \$box/],
    ['$geoIntersects a LineString', 'getDocument', { query: JSON.stringify({ p: { $geoIntersects: { $geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } } } }) }, /\$geoIntersects with a LineString/],
  ])('%s', async (_name, action, extra, message) => {
    const r = await wire(action, extra);
    expect(r.code).toBe('DATABASE_REQUEST_FAILED');
    expect(r.message).toMatch(message);
  });
});
