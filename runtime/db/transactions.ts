/**
 * Transactions as on WeChat cloud: snapshot reads, write locks with immediate conflicts, plain writes that
 * wait, expiry. All of it talks to the store through `Store.capture`:
 * - a plain operation is a committed capture whose guard makes a write to a locked document wait
 *   (LockWait); its writes' before-images go into every open transaction's snapshot;
 * - a transaction's operation is a rolled-back capture on top of committed data with the transaction's
 *   snapshot and pending writes as base documents; its guard takes write locks (or conflicts) and its
 *   writes become pending writes;
 * - a commit is a committed capture of the pending writes, without guard.
 */
import { randomBytes } from 'node:crypto';
import { DbError, LockWait, txFail, writeConflict } from './errors';
import { type DocState, type Store, type Write, type WriteGuard, docKey } from './store';

interface Txn {
  id: string;
  startedAt: number;
  /** Snapshot: the state at the start of each document a committed write changed since (null = absent). */
  snapshot: Map<string, DocState>;
  /** Pending writes: document after the transaction's changes (null = deleted). */
  pending: Map<string, DocState>;
  /** Write locks held: document keys and unique index keys. */
  locks: Set<string>;
}

/** Most ended transactions remembered for the DATABASE_TRANSACTION_FAIL message. */
const ENDED_KEPT = 1000;

export const newTransactionId = (): string => randomBytes(16).toString('hex');

export class Transactions {
  private readonly open = new Map<string, Txn>();
  /** Why recently ended transactions ended (bounded). */
  private readonly ended = new Map<string, string>();
  /** Write lock → the open transaction holding it. */
  private readonly lockOwner = new Map<string, Txn>();
  /** Plain writes waiting for a transaction to end. */
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly store: Store,
    readonly timeoutMs: number,
    private readonly clock: () => number,
  ) {}

  start(now: number): string {
    const id = newTransactionId();
    this.open.set(id, { id, startedAt: now, snapshot: new Map(), pending: new Map(), locks: new Set() });
    return id;
  }

  /** Run one operation atomically: on committed data, or inside an open transaction's view. */
  run<T>(tid: string | undefined, write: boolean, fn: () => T): T {
    if (tid === undefined) return this.committed(fn, write, this.plainGuard);
    const txn = this.live(tid);
    try {
      return this.scratch(txn, fn);
    } catch (e) {
      // As in MongoDB, a write conflict or a duplicate key aborts the transaction.
      if (e instanceof DbError && (e.code === 'DATABASE_TRANSACTION_CONFLICT' || /duplicate key/.test(e.message))) {
        this.end(txn, `aborted by an error inside it: ${e.message.slice(0, 160)}`);
      }
      throw e;
    }
  }

  commit(tid: string, now: number): void {
    const txn = this.live(tid);
    // Locks go first: nothing can interleave before the writes below (synchronous).
    this.end(txn, 'committed');
    try {
      this.committed(
        () => {
          for (const e of txn.pending.values()) {
            const prev = this.store.getDoc(e.coll, e.id);
            if (prev || e.doc) this.store.write(e.coll, e.id, prev, e.doc, now);
          }
        },
        true,
        undefined,
      );
    } catch (e: any) {
      this.ended.set(tid, `aborted at commit: ${String(e?.message ?? e).slice(0, 160)}`);
      throw e;
    }
  }

  /** Roll back; harmless on a transaction that already ended. */
  abort(tid: string): void {
    const txn = this.open.get(tid);
    if (txn) this.end(txn, 'rolled back');
  }

  /** End the transactions older than the timeout. */
  sweep(now: number): void {
    for (const t of [...this.open.values()]) if (now - t.startedAt > this.timeoutMs) this.end(t, `expired: not committed within ${Math.round(this.timeoutMs / 1000)} s`);
  }

  /** Resolves when the transaction ends, at the latest when it would expire (a later sweep ends it). */
  waitFor(tid: string): Promise<void> {
    const txn = this.open.get(tid);
    if (!txn) return Promise.resolve();
    return new Promise((resolve) => {
      const remaining = Math.max(0, txn.startedAt + this.timeoutMs - this.clock()) + 5;
      const timer = setTimeout(done, remaining);
      timer.unref?.();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      const list = this.waiters.get(tid) ?? [];
      list.push(done);
      this.waiters.set(tid, list);
    });
  }

  closeAll(why: string): void {
    for (const t of [...this.open.values()]) this.end(t, why);
  }

  // ------------------------------------------------------------------ captures

  /** A committed capture; its writes reach the open snapshots only once it has committed. */
  private committed<T>(fn: () => T, write: boolean, guard: WriteGuard | undefined): T {
    const { value, writes } = this.store.capture(fn, { write, commit: true, guard });
    if (this.open.size > 0) this.remember(writes);
    return value;
  }

  /** Each open transaction keeps the first before-image of every document changed since it started. */
  private remember(writes: Write[]): void {
    for (const w of writes) {
      const key = docKey(w.coll, w.id);
      for (const t of this.open.values()) if (!t.snapshot.has(key)) t.snapshot.set(key, { coll: w.coll, id: w.id, doc: w.before ?? null });
    }
  }

  /**
   * A transaction's operation: committed data with its snapshot (documents changed since it started, as
   * they were) and its pending writes on top, in a capture that is always rolled back. Indexes, sorting and
   * read-your-writes work as for committed data; the operation's writes become pending writes.
   */
  private scratch<T>(txn: Txn, fn: () => T): T {
    // Unique keys of the committed documents changed since the transaction started.
    const changedUnique = new Set<string>();
    for (const e of txn.snapshot.values()) {
      const cur = this.store.getDoc(e.coll, e.id);
      if (cur) for (const k of this.store.uniqueKeys(e.coll, cur)) changedUnique.add(k);
    }
    const { value, writes } = this.store.capture(fn, {
      write: true,
      commit: false,
      base: [...txn.snapshot.values(), ...txn.pending.values()],
      guard: this.lockGuard(txn, changedUnique),
    });
    for (const w of writes) txn.pending.set(docKey(w.coll, w.id), { coll: w.coll, id: w.id, doc: w.after });
    return value;
  }

  // ------------------------------------------------------------------ locks

  /** Outside a transaction: a write to a document (or unique key) an open transaction holds waits for it. */
  private readonly plainGuard: WriteGuard = {
    document: (coll, id) => this.waitIfLocked(docKey(coll, id), `document ${coll}/${String(id)}`),
    uniqueKey: (key) => this.waitIfLocked(key, 'a unique index key'),
  };

  private waitIfLocked(key: string, what: string): void {
    const owner = this.lockOwner.get(key);
    if (owner) throw new LockWait(owner.id, what);
  }

  /**
   * Inside a transaction: a document (or unique key) another open transaction wrote, or one a committed
   * write changed after this transaction started, conflicts at once; otherwise the lock is taken.
   */
  private lockGuard(t: Txn, changedUnique: Set<string>): WriteGuard {
    const take = (key: string, what: string, changed: boolean): void => {
      const owner = this.lockOwner.get(key);
      if (owner && owner !== t) throw writeConflict(`${what} is being written by another open transaction`);
      if (changed) throw writeConflict(`${what} was changed by another write after this transaction started`);
      if (!owner) {
        this.lockOwner.set(key, t);
        t.locks.add(key);
      }
    };
    return {
      document: (coll, id) => {
        const key = docKey(coll, id);
        take(key, `document ${coll}/${String(id)}`, t.snapshot.has(key));
      },
      uniqueKey: (key) => take(key, 'a unique index key', changedUnique.has(key)),
    };
  }

  private live(tid: string): Txn {
    const txn = this.open.get(tid);
    if (!txn) throw txFail(tid, this.ended.get(tid) ?? 'unknown transaction');
    return txn;
  }

  /** End a transaction: release its locks and wake the writes waiting for it. */
  private end(txn: Txn, why: string): void {
    this.open.delete(txn.id);
    this.ended.set(txn.id, why);
    if (this.ended.size > ENDED_KEPT) this.ended.delete(this.ended.keys().next().value as string);
    for (const k of txn.locks) if (this.lockOwner.get(k) === txn) this.lockOwner.delete(k);
    txn.locks.clear();
    const waiting = this.waiters.get(txn.id);
    this.waiters.delete(txn.id);
    for (const wake of waiting ?? []) wake();
  }
}
