/** Aggregation through the real wx-server-sdk. */
import { openDatabase, type LocalDatabase } from '../../runtime/db';
import { type Harness, sdkError, startHarness, testClock } from './harness';

const clock = testClock();
let db: LocalDatabase;
let h: Harness;
let _: any;
let $: any;

const D = (day: number) => new Date(Date.UTC(2026, 0, day));

beforeAll(async () => {
  db = openDatabase({
    file: ':memory:',
    strict: true,
    now: clock.now,
    indexes: {
      collections: {
        orders: {
          indexes: [
            { name: 'status_at', fields: [{ field: 'status', direction: 1 }, { field: 'at', direction: -1 }] },
            { name: 'customer', fields: [{ field: 'customer', direction: 1 }] },
          ],
        },
        customers: { smallCollection: true, indexes: [] },
      },
    },
  });
  db.collection('customers').insertMany([
    { _id: 'c1', name: 'Ann', city: 'sh' },
    { _id: 'c2', name: 'Bob', city: 'bj' },
    { _id: 'c3', name: 'Cai', city: 'sh' },
  ]);
  const orders = [];
  for (let i = 0; i < 30; i++) {
    orders.push({
      _id: `o${String(i).padStart(2, '0')}`,
      customer: ['c1', 'c2', 'c3'][i % 3],
      amount: (i % 7) * 10 + 5,
      status: i % 4 === 0 ? 'open' : 'done',
      at: D(1 + i),
      items: [{ sku: 's1', qty: 1 + (i % 2) }, { sku: `s${2 + (i % 3)}`, qty: 1 }],
    });
  }
  db.collection('orders').insertMany(orders);
  h = await startHarness(db);
  _ = h.sdb.command;
  $ = _.aggregate;
});
afterAll(async () => {
  await h.close();
  db.close();
});

const orders = () => h.sdb.collection('orders').aggregate();

test('$match (on an index) + $group + $sort + $project', async () => {
  const r = await orders()
    .match({ status: 'done' })
    .group({ _id: '$customer', total: $.sum('$amount'), n: $.sum(1), last: $.max('$at') })
    .sort({ total: -1 })
    .project({ total: 1, n: 1, last: 1, avg: $.divide(['$total', '$n']) })
    .end();
  expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'status_at' });
  const done = db.collection('orders').find({ status: 'done' });
  const expected = ['c1', 'c2', 'c3']
    .map((c) => ({ _id: c, total: done.filter((o) => o.customer === c).reduce((s, o) => s + o.amount, 0) }))
    .sort((a, b) => b.total - a.total);
  expect(r.list.map((g: any) => ({ _id: g._id, total: g.total }))).toEqual(expected);
  expect(r.list[0].last).toBeInstanceOf(Date);
  expect(r.list[0].avg).toBeCloseTo(r.list[0].total / r.list[0].n);
});

test('$match + $sort on the index + $skip + $limit streams from the index', async () => {
  const r = await orders().match({ status: 'done' }).sort({ at: -1 }).skip(2).limit(3).project({ at: 1 }).end();
  expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', sortInIndex: true, docsExamined: 5 });
  const all = db.collection('orders').find({ status: 'done' }, { sort: { at: -1 } });
  expect(r.list.map((o: any) => o._id)).toEqual(all.slice(2, 5).map((o) => o._id));
});

test('$lookup + $unwind + $addFields + $count', async () => {
  const r = await orders()
    .match({ customer: 'c1', amount: _.gte(30) })
    .lookup({ from: 'customers', localField: 'customer', foreignField: '_id', as: 'who' })
    .unwind('$who')
    .addFields({ name: '$who.name', big: $.gte(['$amount', 50]) })
    .project({ who: 0, items: 0 })
    .limit(100)
    .end();
  const expected = db.collection('orders').find({ customer: 'c1', amount: { $gte: 30 } });
  expect(r.list).toHaveLength(expected.length);
  for (const row of r.list) {
    expect(row.name).toBe('Ann');
    expect(row.big).toBe(row.amount >= 50);
    expect(row.items).toBeUndefined();
  }
  const c = await orders().match({ customer: 'c2' }).unwind('$items').count('lines').end();
  expect(c.list).toEqual([{ lines: 20 }]);
});

test('without a $limit stage an aggregate returns at most 20 documents, like the cloud', async () => {
  expect((await orders().match({ status: _.in(['open', 'done']) }).end()).list).toHaveLength(20);
  expect((await orders().match({ status: _.in(['open', 'done']) }).limit(25).end()).list).toHaveLength(25);
  // $group output is capped the same way.
  const g = await orders().match({ status: _.in(['open', 'done']) }).group({ _id: '$amount' }).end();
  expect(g.list.length).toBe(7);
});

test('strict mode: the first $match must be indexed; a small collection may be scanned', async () => {
  expect((await sdkError(orders().match({ amount: _.gt(10) }).end())).message).toMatch(/strict.*orders.*amount/);
  // No filter at all is not an index question (the cloud scans too): allowed, as get() is.
  const byStatus = await orders().group({ _id: '$status', n: $.sum(1) }).sort({ _id: 1 }).end();
  expect(byStatus.list).toEqual([
    { _id: 'done', n: 22 },
    { _id: 'open', n: 8 },
  ]);
  expect(db.lastStats()).toMatchObject({ plan: 'COLLSCAN', covered: true });
  expect((await sdkError(orders().sort({ amount: -1 }).limit(3).end())).message).toMatch(/strict.*sort: \[amount desc\]/);
  const cities = await h.sdb.collection('customers').aggregate().group({ _id: '$city', n: $.sum(1) }).sort({ _id: 1 }).end();
  expect(cities.list).toEqual([
    { _id: 'bj', n: 1 },
    { _id: 'sh', n: 2 },
  ]);
});

test('Dates in $match and unknown operators', async () => {
  const r = await orders().match({ status: 'open', at: _.gte(D(20)) }).project({ at: 1 }).limit(50).end();
  expect(r.list.every((o: any) => o.at instanceof Date && o.at >= D(20))).toBe(true);
  expect(r.list.length).toBe(db.collection('orders').count({ status: 'open', at: { $gte: D(20) } }));
  expect((await sdkError(orders().match({ status: 'open' }).project({ x: { $nope: 1 } }).end())).message).toMatch(/aggregate failed/);
});

describe('$lookup with a sub-pipeline', () => {
  const customers = () => h.sdb.collection('customers').aggregate();

  test('uncorrelated: the sub-pipeline runs once, its leading $match on the indexes (query commands and Dates decoded)', async () => {
    const r = await customers()
      .match({ _id: 'c1' })
      .lookup({ from: 'orders', pipeline: $.pipeline().match({ customer: 'c1' }).group({ _id: '$status', n: $.sum(1), total: $.sum('$amount') }).sort({ _id: 1 }).done(), as: 'tally' })
      .lookup({ from: 'orders', pipeline: $.pipeline().match({ status: 'done', at: _.lte(D(20)) }).count('n').done(), as: 'done' })
      .lookup({ from: 'orders', pipeline: $.pipeline().match({ status: _.in(['open']) }).sort({ at: -1 }).limit(3).project({ at: 1 }).done(), as: 'latest' })
      .end();
    const stats = db.lastStats();
    const mine = db.collection('orders').find({ customer: 'c1' });
    const tally = ['done', 'open'].map((s) => ({ _id: s, n: mine.filter((o) => o.status === s).length, total: mine.filter((o) => o.status === s).reduce((t, o) => t + o.amount, 0) }));
    const latest = db.collection('orders').find({ status: 'open' }, { sort: { at: -1 }, limit: 3 });
    expect(r.list).toEqual([
      {
        _id: 'c1',
        name: 'Ann',
        city: 'sh',
        tally,
        done: [{ n: db.collection('orders').count({ status: 'done', at: { $lte: D(20) } }) }],
        latest: latest.map((o) => ({ _id: o._id, at: o.at })),
      },
    ]);
    expect(stats).toMatchObject({
      collection: 'customers',
      plan: 'IDHACK',
      lookups: [
        { collection: 'orders', plan: 'IXSCAN', index: 'customer', docsExamined: mine.length },
        { collection: 'orders', plan: 'IXSCAN', index: 'status_at' },
        { collection: 'orders', plan: 'IXSCAN', index: 'status_at', sortInIndex: true, docsExamined: 3 },
      ],
    });
    // Every input document gets the same rows; the sub-pipeline still runs once.
    const all = await customers().lookup({ from: 'orders', pipeline: $.pipeline().match({ customer: 'c2' }).count('n').done(), as: 'c2' }).sort({ _id: 1 }).end();
    expect(all.list.map((c: any) => c.c2)).toEqual([[{ n: 10 }], [{ n: 10 }], [{ n: 10 }]]);
    expect(db.lastStats()?.lookups).toEqual([expect.objectContaining({ index: 'customer', docsExamined: 10 })]);
  });

  test('strict mode: an uncovered sub-pipeline $match or $sort is refused like a top-level one', async () => {
    const top = (await sdkError(orders().match({ amount: _.gt(10) }).end())).message;
    const sub = (await sdkError(customers().lookup({ from: 'orders', pipeline: $.pipeline().match({ amount: _.gt(10) }).done(), as: 'big' }).end())).message;
    expect(sub).toMatch(/strict.*orders.*amount/);
    expect(sub).toBe(top);
    expect((await sdkError(customers().match({ _id: 'c1' }).lookup({ from: 'orders', pipeline: $.pipeline().sort({ amount: -1 }).limit(3).done(), as: 'top' }).end())).message).toMatch(/strict.*sort: \[amount desc\]/);
    // A small collection may be scanned, and an empty sub-pipeline reads the collection whole (as get() may).
    const sh = await orders().match({ customer: 'c1' }).limit(1).lookup({ from: 'customers', pipeline: $.pipeline().match({ city: 'sh' }).project({ _id: 1 }).done(), as: 'sh' }).end();
    expect(sh.list[0].sh).toEqual([{ _id: 'c1' }, { _id: 'c3' }]);
  });

  test('a sub-pipeline result is not capped at 20 like a top-level aggregate; its own $limit applies', async () => {
    const r = await customers().match({ _id: 'c1' }).lookup({ from: 'orders', pipeline: $.pipeline().match({ status: 'done' }).done(), as: 'done' }).end();
    expect(r.list[0].done).toHaveLength(db.collection('orders').count({ status: 'done' }));
    expect(r.list[0].done.length).toBeGreaterThan(20);
    const five = await customers().match({ _id: 'c1' }).lookup({ from: 'orders', pipeline: $.pipeline().match({ status: 'done' }).limit(5).done(), as: 'done' }).end();
    expect(five.list[0].done).toHaveLength(5);
  });

  test('an equality lookup is one query of the other collection on its index, strict like any query', async () => {
    // Array localField: every element joins (MongoDB semantics); missing values join documents lacking the field.
    const r = await h.sdb.collection('customers').aggregate().match({ _id: 'c1' })
      .addFields({ picks: ['o00', 'o04', 'none'] })
      .lookup({ from: 'orders', localField: 'picks', foreignField: '_id', as: 'picked' })
      .lookup({ from: 'orders', localField: '_id', foreignField: 'customer', as: 'mine' })
      .end();
    expect(r.list[0].picked.map((o: { _id: string }) => o._id).sort()).toEqual(['o00', 'o04']);
    expect(r.list[0].mine).toHaveLength(10);
    expect(db.lastStats()?.lookups).toEqual([expect.objectContaining({ docsExamined: 2 }), expect.objectContaining({ index: 'customer', docsExamined: 10 })]);
    // A join on a field no index covers is refused, as a query on it would be.
    expect((await sdkError(h.sdb.collection('customers').aggregate().match({ _id: 'c1' }).lookup({ from: 'orders', localField: 'name', foreignField: 'amount', as: 'x' }).end())).message).toMatch(/strict/);
  });

  test('correlated lookups (let + pipeline) still join per document', async () => {
    const r = await orders()
      .match({ customer: 'c2' })
      .lookup({ from: 'customers', let: { c: '$customer' }, pipeline: $.pipeline().match(_.expr($.eq(['$_id', '$$c']))).project({ name: 1 }).done(), as: 'who' })
      .limit(50)
      .end();
    expect(r.list).toHaveLength(10);
    for (const o of r.list) expect(o.who).toEqual([{ _id: 'c2', name: 'Bob' }]);
    expect(db.lastStats()?.lookups).toBeUndefined();
  });
});
