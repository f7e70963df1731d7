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

describe('write locks (as on WeChat cloud: conflicts surface inside the callback)', () => {
  /** The retry a function needs on the cloud: the SDK retries only commit-time conflicts, which never come. */
  async function withRetry<T>(fn: () => Promise<T>, attempts = 12): Promise<{ value: T; tries: number }> {
    for (let i = 1; ; i++) {
      try {
        return { value: await fn(), tries: i };
      } catch (e: any) {
        if (i >= attempts || !/TransactionConflict|DATABASE_TRANSACTION_CONFLICT/.test(String(e?.errMsg ?? e?.message ?? e))) throw e;
        await sleep(1 + i * 2);
      }
    }
  }

  test('a second transaction writing a locked document fails at once, inside its callback, and is aborted', async () => {
    const t1 = await h.sdb.startTransaction();
    const t2 = await h.sdb.startTransaction();
    await t1.collection('acct').doc('b').update({ data: { bal: _.inc(1) } });
    const e = await sdkError(t2.collection('acct').doc('b').update({ data: { bal: _.inc(2) } }));
    expect(e.errCode).toBe(-501001); // the SDK keeps only the message of an op error
    expect(e.message).toMatch(/TransactionConflict/);
    // A write conflict aborts the transaction, as in MongoDB.
    const c = await sdkError(t2.commit());
    expect(c.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(c.message).toMatch(/TransactionNotExist.*aborted/);
    await t1.commit();
    expect(await bal('b')).toBe(51);
  });

  test('runTransaction does not retry a conflict raised inside the callback', async () => {
    const blocker = await h.sdb.startTransaction();
    await blocker.collection('acct').doc('a').update({ data: { bal: 1 } });
    const before = h.requests.filter((x) => x.action === 'database.startTransaction').length;
    const e = await sdkError(h.sdb.runTransaction(async (t: any) => t.collection('acct').doc('a').update({ data: { bal: 2 } })));
    expect(e.message).toMatch(/TransactionConflict/);
    expect(h.requests.filter((x) => x.action === 'database.startTransaction').length - before).toBe(1);
    await blocker.rollback();
    expect(await bal('a')).toBe(100);
  });

  test('racing read-modify-write transactions on one document: a bounded retry of the whole unit loses no update', async () => {
    const r = rng(3);
    let retried = 0;
    const racer = async () => {
      const { tries } = await withRetry(() =>
        h.sdb.runTransaction(async (t: any) => {
          await sleep(r() * 6);
          const { data } = await t.collection('acct').doc('a').get();
          await sleep(r() * 12);
          await t.collection('acct').doc('a').update({ data: { bal: data.bal + 1 } });
        }),
      );
      retried += tries - 1;
    };
    const started = () => h.requests.filter((x) => x.action === 'database.startTransaction').length;
    const before = started();
    for (let round = 1; round <= 8; round++) {
      await Promise.all([racer(), racer(), racer()]);
      expect(await bal('a')).toBe(100 + 3 * round);
    }
    expect(retried).toBeGreaterThan(0);
    // Every attempt is one of ours: the SDK retried nothing (no conflict ever reached a commit).
    expect(started() - before).toBe(24 + retried);
  });

  test('a transaction writing a document changed after it started conflicts (its read was stale)', async () => {
    const t = await h.sdb.startTransaction();
    const { data } = await t.collection('acct').doc('a').get();
    await acct().doc('a').update({ data: { bal: data.bal + 1 } });
    const e = await sdkError(t.collection('acct').doc('a').update({ data: { bal: data.bal + 1 } }));
    expect(e.message).toMatch(/TransactionConflict.*changed by another write after this transaction started/);
    expect(await bal('a')).toBe(101);
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

  test('a plain write to a locked document waits for the commit, then applies on top', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('a').update({ data: { bal: 0 } });
    let done = false;
    const plain = acct().doc('a').update({ data: { bal: _.inc(5) } }).then((r: any) => { done = true; return r; });
    await sleep(50);
    expect(done).toBe(false);
    await t.commit();
    expect((await plain).stats.updated).toBe(1);
    expect(await bal('a')).toBe(5);
  });

  test('a plain multi-document update waits for a rollback, then runs against the restored data', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('d').update({ data: { bal: 99 } });
    const plain = acct().where({ owner: _.in(['ann', 'dan']) }).update({ data: { bal: _.inc(1) } });
    await sleep(30);
    await t.rollback();
    expect((await plain).stats.updated).toBe(2);
    expect(await bal('d')).toBe(1);
    expect(await bal('a')).toBe(101);
  });

  test('a duplicate key inside a transaction aborts it: nothing commits', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').add({ data: { owner: 'u', code: 'U' } });
    expect((await sdkError(t.collection('acct').add({ data: { owner: 'u2', code: 'U' } }))).message).toMatch(/duplicate key/);
    expect((await sdkError(t.collection('acct').doc('a').get())).message).toMatch(/TransactionNotExist/);
    expect((await sdkError(t.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
    expect((await acct().where({ code: 'U' }).count()).total).toBe(0);
  });

  test('several documents in one insert inside a transaction: one request, committed together', async () => {
    const before = h.requests.length;
    const t = await h.sdb.startTransaction();
    const added = await t.collection('acct').add({ data: [{ owner: 'm1', code: 'M1' }, { owner: 'm2', code: 'M2' }, { _id: 'm3', owner: 'm3', code: 'M3' }] });
    expect(added._ids).toHaveLength(3);
    expect(added._ids[2]).toBe('m3');
    // Not visible outside before the commit.
    expect((await acct().where({ owner: _.in(['m1', 'm2', 'm3']) }).count()).total).toBe(0);
    await t.commit();
    expect((await acct().where({ owner: _.in(['m1', 'm2', 'm3']) }).count()).total).toBe(3);
    expect(h.requests.slice(before).filter((r) => r.action === 'database.insertDocument')).toHaveLength(1);
  });

  test('a duplicate among several documents of one insert aborts the transaction: none of them commits', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('b').update({ data: { bal: 1 } });
    expect((await sdkError(t.collection('acct').add({ data: [{ owner: 'n1', code: 'N1' }, { owner: 'n2', code: 'A' }] }))).message).toMatch(/duplicate key/);
    expect((await sdkError(t.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
    expect((await acct().where({ code: 'N1' }).count()).total).toBe(0);
    expect(await bal('b')).toBe(50);
  });

  test('two open transactions inserting the same _id or unique key: the second conflicts at once', async () => {
    const t1 = await h.sdb.startTransaction();
    const t2 = await h.sdb.startTransaction();
    await t1.collection('acct').add({ data: { _id: 'x1', owner: 'x', code: 'X' } });
    expect((await sdkError(t2.collection('acct').add({ data: { _id: 'x1', owner: 'y', code: 'Y' } }))).message).toMatch(/TransactionConflict/);
    const t3 = await h.sdb.startTransaction();
    expect((await sdkError(t3.collection('acct').add({ data: { _id: 'x2', owner: 'z', code: 'X' } }))).message).toMatch(/TransactionConflict.*unique index key/);
    await t1.commit();
    expect((await acct().where({ code: 'X' }).get()).data.map((d: any) => d._id)).toEqual(['x1']);
  });

  test('a plain insert of a unique key an open transaction holds waits, then fails as a duplicate', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').add({ data: { owner: 'v', code: 'V' } });
    const plain = sdkError(acct().add({ data: { owner: 'outside', code: 'V' } }));
    await sleep(30);
    await t.commit();
    expect((await plain).message).toMatch(/duplicate key/);
    expect((await acct().where({ code: 'V' }).get()).data.map((d: any) => d.owner)).toEqual(['v']);
  });
});

describe('snapshot reads', () => {
  test('reads inside a transaction see the data as it was when the transaction started', async () => {
    const t = await h.sdb.startTransaction();
    await acct().doc('a').update({ data: { bal: 1 } });
    await acct().add({ data: { _id: 'late', owner: 'ann', bal: 7, code: 'L' } });
    await acct().doc('d').remove();
    expect((await t.collection('acct').doc('a').get()).data.bal).toBe(100);
    expect((await t.collection('acct').where({ owner: 'ann' }).get()).data.map((d: any) => d._id)).toEqual(['a']);
    expect((await t.collection('acct').where({ owner: 'dan' }).get()).data.map((d: any) => d.bal)).toEqual([0]);
    expect(db.lastStats()).toMatchObject({ plan: 'IXSCAN', index: 'owner' });
    // Its own writes on top of the snapshot.
    await t.collection('acct').doc('b').update({ data: { bal: 3 } });
    expect((await t.collection('acct').doc('b').get()).data.bal).toBe(3);
    await t.commit();
    expect(await bal('a')).toBe(1);
    expect(await bal('b')).toBe(3);
  });
});

describe('finished and expired transactions', () => {
  test('an operation or commit on a committed transaction answers DATABASE_TRANSACTION_FAIL', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('a').get();
    await t.commit();
    expect((await sdkError(t.collection('acct').doc('a').update({ data: { bal: 0 } }))).message).toMatch(/TransactionNotExist.*committed/);
    expect((await sdkError(t.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(await bal('a')).toBe(100);
  });

  test('transactions live about 30 s: after that operations and the commit fail, and the locks are gone', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('a').update({ data: { bal: 0 } });
    clock.advance(29_000);
    expect((await t.collection('acct').doc('a').get()).data.bal).toBe(0);
    clock.advance(2_000);
    const e = await sdkError(t.collection('acct').doc('a').get());
    expect(e.message).toMatch(/TransactionNotExist.*expired/);
    expect((await sdkError(t.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(await bal('a')).toBe(100);
    await acct().doc('a').update({ data: { bal: 2 } }); // not locked any more
    expect(await bal('a')).toBe(2);
    // Aborting an expired transaction is harmless.
    await t.rollback();
  });

  test('a plain write waiting for an abandoned transaction runs once it expires', async () => {
    const t = await h.sdb.startTransaction();
    await t.collection('acct').doc('b').update({ data: { bal: 0 } });
    const plain = acct().doc('b').update({ data: { bal: _.inc(1) } });
    await sleep(20);
    clock.advance(31_000);
    await acct().doc('d').get(); // any request sweeps expired transactions
    expect((await plain).stats.updated).toBe(1);
    expect(await bal('b')).toBe(51);
  });
});
