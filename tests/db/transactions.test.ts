/** Transactions through the real wx-server-sdk: commit, rollback, isolation, conflicts and SDK retries. */
import { openDatabase, type LocalDatabase } from '../../runtime/db';
import { type Harness, rng, sdkError, startHarness, testClock } from './harness';

const clock = testClock();
let db: LocalDatabase;
let h: Harness;
let _: any;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  db = openDatabase({
    file: ':memory:',
    strict: true,
    now: clock.now,
    transactionTimeoutMs: 10_000,
    indexes: {
      collections: {
        acct: {
          indexes: [
            { name: 'owner', fields: [{ field: 'owner', direction: 1 }] },
            { name: 'code_unique', unique: true, fields: [{ field: 'code', direction: 1 }] },
          ],
        },
        log: { smallCollection: true, indexes: [] },
      },
    },
  });
  h = await startHarness(db);
  _ = h.sdb.command;
});
afterAll(async () => {
  await h.close();
  db.close();
});

beforeEach(() => {
  const a = db.collection('acct');
  for (const d of a.find({}, {})) a.removeOne(d._id);
  a.insertMany([
    { _id: 'a', owner: 'ann', bal: 100, code: 'A' },
    { _id: 'b', owner: 'bob', bal: 50, code: 'B' },
    { _id: 'd', owner: 'dan', bal: 0, code: 'D' },
  ]);
});

const acct = () => h.sdb.collection('acct');
const bal = async (id: string) => (await acct().doc(id).get()).data.bal;

describe('commit and rollback', () => {
  test('runTransaction commits every operation together and returns the callback result', async () => {
    const res = await h.sdb.runTransaction(async (t: any) => {
      const a = (await t.collection('acct').doc('a').get()).data;
      await t.collection('acct').doc('a').update({ data: { bal: a.bal - 30 } });
      await t.collection('acct').doc('b').update({ data: { bal: _.inc(30) } });
      await t.collection('acct').doc('c').set({ data: { owner: 'cat', bal: 1, code: 'C' } });
      await t.collection('acct').doc('d').remove();
      const added = await t.collection('log').add({ data: { what: 'transfer', at: h.sdb.serverDate() } });
      return { added: added._id };
    });
    expect(res.added).toMatch(/^[0-9a-f]{32}$/);
    expect(await bal('a')).toBe(70);
    expect(await bal('b')).toBe(80);
    expect(await bal('c')).toBe(1);
    expect((await acct().where({ _id: 'd' }).count()).total).toBe(0);
    const log = (await h.sdb.collection('log').doc(res.added).get()).data;
    expect(log.at.getTime()).toBe(clock.now());
    expect(h.requests.filter((r) => r.action === 'database.commitTransaction')).toHaveLength(1);
  });

  test('an exception in the callback rolls everything back and reaches the caller', async () => {
    const e = await sdkError(
      h.sdb.runTransaction(async (t: any) => {
        await t.collection('acct').doc('a').update({ data: { bal: 0 } });
        await t.collection('acct').doc('new').set({ data: { owner: 'x', bal: 5, code: 'N' } });
        throw new Error('boom');
      }),
    );
    expect(e.message).toMatch(/boom/);
    expect(h.requests[h.requests.length - 1].action).toBe('database.abortTransaction');
    expect(await bal('a')).toBe(100);
    expect((await acct().where({ _id: 'new' }).count()).total).toBe(0);
  });

  test('transaction.rollback(reason) inside runTransaction discards the writes and rejects with the reason', async () => {
    let reason: unknown;
    try {
      await h.sdb.runTransaction(async (t: any) => {
        await t.collection('acct').doc('b').update({ data: { bal: 1 } });
        await t.rollback('insufficient funds');
      });
    } catch (e) {
      reason = e;
    }
    expect(reason).toBe('insufficient funds');
    expect(await bal('b')).toBe(50);
  });
});

describe('isolation and read-your-writes', () => {
  test('a transaction sees its own writes (doc and indexed where), others only after commit', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('a').update({ data: { bal: 1 } });
    await t.collection('acct').add({ data: { _id: 'z', owner: 'zed', bal: 9, code: 'Z' } });
    await t.collection('acct').doc('b').remove();
    expect((await t.collection('acct').doc('a').get()).data.bal).toBe(1);
    expect((await t.collection('acct').where({ owner: 'zed' }).get()).data.map((d: any) => d._id)).toEqual(['z']);
    expect((await t.collection('acct').where({ owner: _.in(['ann', 'bob', 'zed']) }).get()).data.map((d: any) => d._id).sort()).toEqual(['a', 'z']);
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'owner' });
    // Outside the transaction nothing changed yet.
    expect(await bal('a')).toBe(100);
    expect((await acct().where({ owner: 'zed' }).count()).total).toBe(0);
    expect(await bal('b')).toBe(50);
    await t.commit();
    expect(await bal('a')).toBe(1);
    expect((await acct().where({ owner: 'zed' }).get()).data.map((d: any) => d._id)).toEqual(['z']);
    expect((await acct().where({ _id: 'b' }).count()).total).toBe(0);
  });

  test('strict mode applies inside transactions too', async () => {
    const t = await h.sdb.startTransaction();
    expect((await sdkError(t.collection('acct').where({ bal: 1 }).get())).message).toMatch(/strict.*acct.*bal/);
    await t.rollback();
  });

  test('SDK quirk: where().update() inside a transaction carries no transactionId and applies at once', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').where({ owner: 'dan' }).update({ data: { bal: 7 } });
    const sent = h.requests[h.requests.length - 1];
    expect(sent.action).toBe('database.modifyDocument');
    expect(sent.transactionId).toBeUndefined();
    await t.rollback();
    expect(await bal('d')).toBe(7);
  });
});

describe('conflicts', () => {
  test('racing read-modify-write transactions on one document: SDK retries, no lost update', async () => {
    const r = rng(3);
    // Random delays make the reads, writes and commits interleave differently in every round,
    // including writes that land after a competitor's commit and change nothing visible.
    const racer = () =>
      h.sdb.runTransaction(async (t: any) => {
        await sleep(r() * 6);
        const { data } = await t.collection('acct').doc('a').get();
        await sleep(r() * 12);
        await t.collection('acct').doc('a').update({ data: { bal: data.bal + 1 } });
      });
    const before = h.requests.filter((x) => x.action === 'database.startTransaction').length;
    for (let round = 1; round <= 8; round++) {
      await Promise.all([racer(), racer(), racer()]);
      expect(await bal('a')).toBe(100 + 3 * round);
    }
    const started = h.requests.filter((x) => x.action === 'database.startTransaction').length - before;
    expect(started).toBeGreaterThan(24); // conflicts happened and were retried by the SDK
  });

  test('an update that changes nothing still joins the write set (stale read is detected)', async () => {
    const t = await h.sdb.startTransaction();
    const { data } = await t.collection('acct').doc('a').get();
    await acct().doc('a').update({ data: { bal: data.bal + 1 } });
    // Same value as the competitor wrote: nothing changes, but it was computed from a stale read.
    expect((await t.collection('acct').doc('a').update({ data: { bal: data.bal + 1 } })).stats.updated).toBe(0);
    expect((await sdkError(t.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  });

  test('a write outside a transaction to a document the transaction wrote is not lost: the commit conflicts', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('a').update({ data: { bal: 0 } });
    await acct().doc('a').update({ data: { bal: _.inc(5) } });
    const e = await sdkError(t.commit());
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await bal('a')).toBe(105);
  });

  test('two live transactions writing one document: the later commit conflicts', async () => {
    const t1 = await h.sdb.startTransaction();
    const t2 = await h.sdb.startTransaction();
    await t1.collection('acct').doc('b').update({ data: { bal: _.inc(1) } });
    await t2.collection('acct').doc('b').update({ data: { bal: _.inc(2) } });
    await t1.commit();
    expect((await sdkError(t2.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await bal('b')).toBe(51);
  });

  test('a transaction that only read a document does not conflict with a later write to it', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('a').get();
    await t.collection('acct').doc('b').update({ data: { bal: 0 } });
    await acct().doc('a').update({ data: { bal: 1 } });
    await t.commit();
    expect(await bal('b')).toBe(0);
    expect(await bal('a')).toBe(1);
  });

  test('unique index violations surface as duplicate key, in the op or at commit', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').add({ data: { owner: 'u', code: 'U' } });
    expect((await sdkError(t.collection('acct').add({ data: { owner: 'u2', code: 'U' } }))).message).toMatch(/duplicate key/);
    await acct().add({ data: { owner: 'outside', code: 'U' } });
    const e = await sdkError(t.commit());
    expect(e.code).toBe('DATABASE_REQUEST_FAILED');
    expect(e.message).toMatch(/duplicate key/);
    expect((await acct().where({ code: 'U' }).get()).data.map((d: any) => d.owner)).toEqual(['outside']);
  });

  test('abandoned transactions time out: later operations and the commit fail', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('a').update({ data: { bal: 0 } });
    clock.advance(11_000);
    expect((await sdkError(t.collection('acct').doc('a').get())).message).toMatch(/expired/);
    expect((await sdkError(t.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await bal('a')).toBe(100);
    // Aborting an expired transaction is harmless.
    await t.rollback();
  });
});
