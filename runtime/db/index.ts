/**
 * Embedded database behind the local WeChat-cloud emulator.
 *
 * The real wx-server-sdk posts every database call as JSON to /admin; `handle(body)` answers it with
 * the reply shape the SDK expects. Storage: SQLite (WAL, synchronous=FULL), MongoDB semantics: mingo,
 * real secondary indexes: see store.ts and planner.ts.
 */
import { randomBytes } from 'node:crypto';
import { Aggregator } from 'mingo/aggregator';
import { Query } from 'mingo/query';
import { containsNear, pointOf } from './geo';
import { QUERY_OPTIONS, explainMingoError } from './operators';
import { DbError, DbErrorCode, LockWait, requestFailed, txFail, writeConflict } from './errors';
import { Doc, decodeWire, encodeWire, isPlainObject, normalise, setPath, toStorage } from './ejson';
import { ExecOptions, ExecStats, Executor, SortSpec, parseSort } from './executor';
import { DocId, IndexFile, Store, docKey, newId } from './store';
import { applyUpdate, isOperatorDoc, replaceDoc, upsertSeed } from './update';

export type { IndexField, IndexSpec, IndexFile, DocId } from './store';
export type { ExecStats } from './executor';
export { DbError } from './errors';

export interface DatabaseOptions {
  /** SQLite file path, or ':memory:' */
  file: string;
  indexes: IndexFile;
  /** Refuse unindexed queries and undeclared collections, like a deployed environment would hurt. */
  strict: boolean;
  /** Clock in ms; db.serverDate() and transaction expiry use it. */
  now: () => number;
  /** Lifetime of a transaction from its start (default 30 s, as on WeChat cloud). */
  transactionTimeoutMs?: number;
  /** Most documents one get() returns in a cloud function (default 100). */
  maxGetLimit?: number;
  /** Documents an aggregate without a $limit stage returns (default 20, as the cloud does; 0 = no cap). */
  aggregateDefaultLimit?: number;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export interface DirectCollection {
  insertMany(docs: object[]): string[];
  find(query?: object, opts?: FindOptions): any[];
  findOne(query: object): any | null;
  count(query?: object): number;
  /** Operators ($set, $inc, …) or a plain object merged like $set. False when the document does not exist. */
  updateOne(id: string, update: object): boolean;
  replaceOne(id: string, doc: object): boolean;
  removeOne(id: string): boolean;
  /** How a find would run: plan, index, keys and documents examined. */
  explain(query?: object, opts?: FindOptions): ExecStats;
}

export interface LocalDatabase {
  /**
   * Handle one SDK wire request (parsed JSON body). Resolves to the JSON object to send back as the HTTP
   * reply. Never rejects: failures come back as { code, message, requestId } the SDK maps to errCode.
   * A plain write to a document an open transaction has written resolves only after that transaction ends.
   */
  handle(body: Record<string, any>): Promise<unknown>;
  /** Direct API in plain JS values (Date objects for dates): seed, dev console, tests. Not strict. */
  collection(name: string): DirectCollection;
  listCollections(): { name: string; count: number }[];
  /** Execution stats of the most recent query (get, count, update, remove, aggregate; direct find/count). */
  lastStats(): ExecStats | undefined;
  close(): void;
}

interface TxnEntry {
  coll: string;
  id: DocId;
  doc: Doc | null;
}

interface Txn {
  id: string;
  startedAt: number;
  /** Snapshot: the state at the start of each document a committed write changed since (null = absent). */
  snapshot: Map<string, TxnEntry>;
  /** Pending writes: document after the transaction's changes (null = deleted). */
  overlay: Map<string, TxnEntry>;
  /** Write locks held: document keys and unique index keys. */
  locks: Set<string>;
}

const COLLECTION_NAME = /^[^$\0]{1,128}$/;

const reqId = (): string => randomBytes(16).toString('hex');

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function project(docs: Doc[], projection: Doc): Doc[] {
  if (!isPlainObject(projection) || Object.keys(projection).length === 0) return docs;
  try {
    return new Query({}, QUERY_OPTIONS).find(docs, projection).all() as Doc[];
  } catch (e: any) {
    if (e instanceof DbError) throw e;
    throw requestFailed(`invalid projection: ${explainMingoError(e.message)}`);
  }
}

class Engine implements LocalDatabase {
  private readonly store: Store;
  private readonly exec: Executor;
  private readonly txns = new Map<string, Txn>();
  /** Why recently ended transactions ended (bounded), for the DATABASE_TRANSACTION_FAIL message. */
  private readonly ended = new Map<string, string>();
  /** Write lock → the open transaction holding it. */
  private readonly lockOwner = new Map<string, Txn>();
  /** Plain writes waiting for a transaction to end. */
  private readonly waiters = new Map<string, (() => void)[]>();
  /** Committed writes of the current SQLite transaction, applied to open snapshots when it commits. */
  private pendingSnapshots: { key: string; entry: TxnEntry }[] = [];
  /** The transaction whose operation is running (scratch view), if any. */
  private current: Txn | null = null;
  /** Unique keys of documents changed since the current transaction started. */
  private changedUnique: Set<string> | null = null;
  /** Replaying a snapshot/overlay or applying a commit: no lock checks. */
  private unchecked = false;
  private last: ExecStats | undefined;
  private readonly timeout: number;
  private readonly maxGetLimit: number;
  private readonly aggLimit: number;

  constructor(private readonly opts: DatabaseOptions) {
    this.store = new Store(opts.file, opts.indexes);
    this.exec = new Executor(this.store);
    this.timeout = opts.transactionTimeoutMs ?? 30_000;
    this.maxGetLimit = opts.maxGetLimit ?? 100;
    this.aggLimit = opts.aggregateDefaultLimit ?? 20;
    this.store.hooks.beforeWrite = (coll, id) => this.lockCheck(docKey(coll, id), `document ${coll}/${String(id)}`, false);
    this.store.hooks.beforeUniqueKey = (key) => this.lockCheck(key, 'a unique index key', true);
    this.store.hooks.afterWrite = (coll, id, prev) => {
      if (this.txns.size > 0) this.pendingSnapshots.push({ key: docKey(coll, id), entry: { coll, id, doc: prev ?? null } });
    };
  }

  // ------------------------------------------------------------------ wire

  async handle(body: Record<string, any>): Promise<unknown> {
    const requestId = reqId();
    for (;;) {
      try {
        if (!body || typeof body !== 'object') throw new DbError('INVALID_PARAM', 'request body must be a JSON object');
        const now = this.opts.now();
        this.sweep(now);
        return { requestId, ...this.dispatch(body, now) };
      } catch (e: any) {
        // A plain write to a document an open transaction has written waits for it to end, then runs again.
        if (e instanceof LockWait) {
          await this.waitFor(e.owner);
          continue;
        }
        if (e instanceof DbError) return { code: e.code, message: e.message, requestId };
        const code: DbErrorCode = 'DATABASE_REQUEST_FAILED';
        return { code, message: String(e?.message ?? e), requestId };
      }
    }
  }

  private dispatch(body: Record<string, any>, now: number): Record<string, unknown> {
    const action = String(body.action ?? '');
    switch (action) {
      case 'database.startTransaction': {
        const id = reqId();
        this.txns.set(id, { id, startedAt: now, snapshot: new Map(), overlay: new Map(), locks: new Set() });
        return { transactionId: id };
      }
      case 'database.commitTransaction':
        this.commit(String(body.transactionId ?? ''), now);
        return {};
      case 'database.abortTransaction':
        this.abort(String(body.transactionId ?? ''));
        return {};
      case 'database.getDocument':
        return this.scoped(body, now, false, () => this.opGet(body, now));
      case 'database.insertDocument':
        return this.scoped(body, now, true, () => this.opInsert(body, now));
      case 'database.modifyDocument':
        return this.scoped(body, now, true, () => this.opModify(body, now));
      case 'database.removeDocument':
        return this.scoped(body, now, true, () => this.opRemove(body, now));
      case 'database.modifyAndReturnDoc':
        return this.scoped(body, now, true, () => this.opModifyAndReturn(body, now));
      case 'database.calculateDocument':
        return this.scoped(body, now, false, () => this.opCount(body, now));
      case 'database.aggregateDocuments':
        return this.scoped(body, now, false, () => this.opAggregate(body, now));
      case 'database.addCollection':
        return this.scoped(body, now, true, () => this.opAddCollection(body, now));
      // Older transaction API (@cloudbase/database transaction.js).
      case 'database.getInTransaction':
        return this.scoped(body, now, false, () => {
          const r = this.opGet({ ...body, query: { _id: body._id } }, now) as { data: { list: string[] } };
          return { data: r.data.list[0] ?? 'null' };
        });
      case 'database.updateDocInTransaction':
        return this.scoped(body, now, true, () => {
          const data = decodeWire(body.data, now);
          const operator = isPlainObject(data) && isOperatorDoc(data);
          const r = this.opModify({ ...body, query: { _id: body._id }, data, merge: operator, upsert: body.upsert === true, multi: false }, now) as any;
          return { updated: encodeWire(r.data.updated), upserted: r.data.upsert_id !== undefined ? JSON.stringify([{ _id: r.data.upsert_id }]) : null };
        });
      case 'database.deleteDocInTransaction':
        return this.scoped(body, now, true, () => {
          const r = this.opRemove({ ...body, query: { _id: body._id }, multi: false }, now) as any;
          return { deleted: encodeWire(r.data.deleted) };
        });
      default:
        throw new DbError('INVALID_PARAM', `unsupported action "${action}"`);
    }
  }

  // ------------------------------------------------------------------ transactions

  /** Run an operation atomically, inside its transaction's view when it carries a transactionId. */
  private scoped<T>(body: Record<string, any>, now: number, write: boolean, fn: () => T): T {
    const tid = body.transactionId;
    if (tid === undefined || tid === null || tid === '') return this.committed(fn, write);
    const txn = this.live(String(tid));
    try {
      return this.scratch(txn, now, fn);
    } catch (e) {
      // As in MongoDB, a write conflict or a duplicate key aborts the transaction.
      if (e instanceof DbError && (e.code === 'DATABASE_TRANSACTION_CONFLICT' || /duplicate key/.test(e.message))) {
        this.end(txn, `aborted by an error inside it: ${e.message.slice(0, 160)}`);
      }
      throw e;
    }
  }

  /** One committed SQLite transaction; its writes reach open snapshots only if it commits. */
  private committed<T>(fn: () => T, write: boolean): T {
    this.pendingSnapshots = [];
    try {
      const r = this.store.atomic(fn, { write, commit: true });
      for (const { key, entry } of this.pendingSnapshots) {
        for (const t of this.txns.values()) if (!t.snapshot.has(key)) t.snapshot.set(key, entry);
      }
      return r;
    } finally {
      this.pendingSnapshots = [];
    }
  }

  /**
   * Transaction ops run against committed data with the transaction's snapshot (documents changed since
   * it started, as they were) and then its pending writes replayed on top, inside a SQLite transaction that
   * is always rolled back: indexes, sorting and read-your-writes work as for committed data, and the op's
   * own changes are captured into the overlay.
   */
  private scratch<T>(txn: Txn, now: number, fn: () => T): T {
    return this.store.atomic(
      () => {
        this.store.tracking = false;
        this.unchecked = true;
        const changedUnique = new Set<string>();
        try {
          for (const e of txn.snapshot.values()) {
            const cur = this.store.getDoc(e.coll, e.id);
            if (cur) for (const k of this.store.uniqueKeys(e.coll, cur)) changedUnique.add(k);
            if (cur || e.doc) this.store.write(e.coll, e.id, cur, e.doc, now);
          }
          for (const e of txn.overlay.values()) {
            const cur = this.store.getDoc(e.coll, e.id);
            if (cur || e.doc) this.store.write(e.coll, e.id, cur, e.doc, now);
          }
          this.unchecked = false;
          this.current = txn;
          this.changedUnique = changedUnique;
          this.store.changes = [];
          const r = fn();
          for (const c of this.store.changes) txn.overlay.set(docKey(c.coll, c.id), { coll: c.coll, id: c.id, doc: c.after });
          return r;
        } finally {
          this.store.tracking = true;
          this.store.changes = null;
          this.current = null;
          this.changedUnique = null;
          this.unchecked = false;
        }
      },
      { write: true, commit: false },
    );
  }

  /**
   * Write locks. Inside a transaction: a document (or unique key) another open transaction wrote, or one a
   * committed write changed after this transaction started, conflicts at once. Outside: the write waits.
   */
  private lockCheck(key: string, what: string, unique: boolean): void {
    if (this.unchecked) return;
    const owner = this.lockOwner.get(key);
    const t = this.current;
    if (!t) {
      if (owner) throw new LockWait(owner.id, what);
      return;
    }
    if (owner && owner !== t) throw writeConflict(`${what} is being written by another open transaction`);
    if (unique ? this.changedUnique?.has(key) : t.snapshot.has(key)) throw writeConflict(`${what} was changed by another write after this transaction started`);
    if (!owner) {
      this.lockOwner.set(key, t);
      t.locks.add(key);
    }
  }

  private live(tid: string): Txn {
    const txn = this.txns.get(tid);
    if (!txn) throw txFail(tid, this.ended.get(tid) ?? 'unknown transaction');
    return txn;
  }

  /** End a transaction: release its locks and wake the writes waiting for it. */
  private end(txn: Txn, why: string): void {
    this.txns.delete(txn.id);
    this.ended.set(txn.id, why);
    if (this.ended.size > 1000) this.ended.delete(this.ended.keys().next().value as string);
    for (const k of txn.locks) if (this.lockOwner.get(k) === txn) this.lockOwner.delete(k);
    txn.locks.clear();
    const waiting = this.waiters.get(txn.id);
    this.waiters.delete(txn.id);
    for (const wake of waiting ?? []) wake();
  }

  private waitFor(tid: string): Promise<void> {
    const txn = this.txns.get(tid);
    if (!txn) return Promise.resolve();
    return new Promise((resolve) => {
      // Woken when the transaction ends; at the latest when it would expire (then sweep ends it).
      const remaining = Math.max(0, txn.startedAt + this.timeout - this.opts.now()) + 5;
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

  private commit(tid: string, now: number): void {
    const txn = this.live(tid);
    // Locks go first: nothing can interleave before the writes below (synchronous).
    this.end(txn, 'committed');
    this.unchecked = true;
    try {
      this.committed(() => {
        for (const e of txn.overlay.values()) {
          const prev = this.store.getDoc(e.coll, e.id);
          if (!prev && !e.doc) continue;
          this.store.write(e.coll, e.id, prev, e.doc, now);
        }
      }, true);
    } catch (e: any) {
      this.ended.set(tid, `aborted at commit: ${String(e?.message ?? e).slice(0, 160)}`);
      throw e;
    } finally {
      this.unchecked = false;
    }
  }

  private abort(tid: string): void {
    const txn = this.txns.get(tid);
    if (txn) this.end(txn, 'rolled back');
  }

  private sweep(now: number): void {
    for (const t of [...this.txns.values()]) if (now - t.startedAt > this.timeout) this.end(t, `expired: not committed within ${Math.round(this.timeout / 1000)} s`);
  }

  // ------------------------------------------------------------------ operations

  private coll(body: Record<string, any>): string {
    const name = body.collectionName;
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) throw new DbError('INVALID_PARAM', `invalid collection name ${JSON.stringify(name)}`);
    return name;
  }

  /** Strict: declared in the index file or made by createCollection. Otherwise: also created by a write. */
  private exists(coll: string): boolean {
    if (Object.prototype.hasOwnProperty.call(this.opts.indexes.collections, coll)) return true;
    const origin = this.store.collectionOrigin(coll);
    return origin !== undefined && (!this.opts.strict || origin === 'created');
  }

  /** false: the collection does not exist and the caller should answer "nothing". */
  private requireCollection(coll: string): boolean {
    if (this.exists(coll)) return true;
    if (this.opts.strict) {
      throw new DbError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `[ResourceNotFound] collection "${coll}" does not exist: declare it in the index file (the cloud needs it created in the console first)`,
      );
    }
    return false;
  }

  private execOpts(coll: string): ExecOptions {
    return { strict: this.opts.strict, small: !!this.opts.indexes.collections[coll]?.smallCollection };
  }

  private filterOf(body: Record<string, any>, now: number): Doc {
    const f = decodeWire(body.query, now);
    if (f === undefined || f === null) return {};
    if (!isPlainObject(f)) throw requestFailed('query must be an object');
    return f;
  }

  private opGet(body: Record<string, any>, now: number): Record<string, unknown> {
    const coll = this.coll(body);
    const offset = Math.max(0, Math.floor(num(body.offset) ?? 0));
    let limit = Math.floor(num(body.limit) ?? 0);
    if (limit <= 0 || limit > this.maxGetLimit) limit = this.maxGetLimit;
    if (!this.requireCollection(coll)) return { data: { list: [], offset, limit } };
    const filter = this.filterOf(body, now);
    const sort = parseSort(decodeWire(body.order, now));
    const projection = decodeWire(body.projection, now);
    const { docs, stats } = this.exec.find(coll, { filter, sort, skip: offset, limit }, this.execOpts(coll));
    this.last = stats;
    return { data: { list: (projection ? project(docs, projection) : docs).map(encodeWire), offset, limit } };
  }

  private opCount(body: Record<string, any>, now: number): Record<string, unknown> {
    const coll = this.coll(body);
    if (!this.requireCollection(coll)) return { data: { total: 0 } };
    const { total, stats } = this.exec.count(coll, this.filterOf(body, now), this.execOpts(coll));
    this.last = stats;
    return { data: { total } };
  }

  private opInsert(body: Record<string, any>, now: number): Record<string, unknown> {
    const coll = this.coll(body);
    this.requireCollection(coll);
    const items: unknown[] = Array.isArray(body.data) ? body.data : [body.data];
    if (items.length === 0) throw requestFailed('insert requires at least one document');
    const ids: DocId[] = [];
    for (const item of items) {
      const doc = decodeWire(item, now);
      if (!isPlainObject(doc)) throw requestFailed('each inserted document must be an object');
      ids.push(this.insertOne(coll, doc, now));
    }
    return { data: { insertedIds: ids } };
  }

  private insertOne(coll: string, doc: Doc, now: number): DocId {
    const id: DocId = doc._id === undefined ? newId(now) : doc._id;
    const { _id: _drop, ...rest } = doc;
    const full = normalise({ _id: id, ...rest });
    this.store.write(coll, id, undefined, full, now);
    return id;
  }

  private opModify(body: Record<string, any>, now: number): Record<string, unknown> {
    const coll = this.coll(body);
    const upsert = body.upsert === true;
    const multi = body.multi === true;
    const merge = body.merge !== false;
    const filter = this.filterOf(body, now);
    const data = typeof body.data === 'string' ? decodeWire(body.data, now) : body.data;
    if (!isPlainObject(data)) throw requestFailed('update data must be an object');
    if (!this.requireCollection(coll) && !upsert) return { data: { updated: 0 } };
    const idInFilter: DocId | undefined = typeof filter._id === 'string' || typeof filter._id === 'number' ? filter._id : undefined;
    if (!merge) {
      const { docs, stats } = this.exec.find(coll, { filter, limit: 1 }, this.execOpts(coll));
      this.last = stats;
      if (docs.length) {
        const prev = docs[0];
        const next = replaceDoc(prev._id, data);
        // The cloud counts a matched replacement as updated even when nothing changed.
        if (toStorage(prev) !== toStorage(next)) this.store.write(coll, prev._id, prev, next, now);
        return { data: { updated: 1 } };
      }
      if (!upsert) return { data: { updated: 0 } };
      const id = idInFilter ?? newId(now);
      this.store.write(coll, id, undefined, replaceDoc(id, data), now);
      return { data: { updated: 0, upsert_id: id } };
    }
    if (Object.keys(data).length === 0) return { data: { updated: 0 } };
    if (!isOperatorDoc(data)) throw requestFailed('update data must only contain update operators ($set, $inc, …)');
    const { docs, stats } = this.exec.find(coll, { filter, limit: multi ? undefined : 1 }, this.execOpts(coll));
    this.last = stats;
    let updated = 0;
    for (const prev of docs) {
      const next = applyUpdate(prev, data, filter);
      if (toStorage(prev) === toStorage(next)) continue;
      this.store.write(coll, prev._id, prev, next, now);
      updated++;
    }
    if (docs.length === 0 && upsert) {
      const seed = upsertSeed(filter);
      const id: DocId = idInFilter ?? newId(now);
      const doc = applyUpdate({ ...seed, _id: id }, data);
      this.store.write(coll, id, undefined, doc, now);
      return { data: { updated: 0, upsert_id: id } };
    }
    return { data: { updated } };
  }

  private opModifyAndReturn(body: Record<string, any>, now: number): Record<string, unknown> {
    const coll = this.coll(body);
    const filter = this.filterOf(body, now);
    const data = decodeWire(body.data, now);
    if (!isPlainObject(data) || !isOperatorDoc(data)) throw requestFailed('update data must only contain update operators ($set, $inc, …)');
    if (!this.requireCollection(coll)) return { data: { updated: 0, doc: null } };
    const { docs, stats } = this.exec.find(coll, { filter, limit: 1 }, this.execOpts(coll));
    this.last = stats;
    if (!docs.length) return { data: { updated: 0, doc: null } };
    const prev = docs[0];
    const next = applyUpdate(prev, data, filter);
    if (toStorage(prev) !== toStorage(next)) this.store.write(coll, prev._id, prev, next, now);
    // As on the cloud: a matched document counts as updated even when nothing changed.
    return { data: { updated: 1, doc: encodeWire(next) } };
  }

  private opRemove(body: Record<string, any>, now: number): Record<string, unknown> {
    const coll = this.coll(body);
    if (!this.requireCollection(coll)) return { data: { deleted: 0 } };
    const filter = this.filterOf(body, now);
    const { docs, stats } = this.exec.find(coll, { filter, limit: body.multi === true ? undefined : 1 }, this.execOpts(coll));
    this.last = stats;
    for (const d of docs) this.store.write(coll, d._id, d, null, now);
    return { data: { deleted: docs.length } };
  }

  private opAddCollection(body: Record<string, any>, now: number): Record<string, unknown> {
    const coll = this.coll(body);
    if (this.exists(coll)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] collection "${coll}" already exists`);
    this.store.ensureCollection(coll, now, 'created');
    return {};
  }

  private opAggregate(body: Record<string, any>, now: number): Record<string, unknown> {
    const coll = this.coll(body);
    const stages: unknown[] = Array.isArray(body.stages) ? body.stages : [];
    const pipeline: Doc[] = stages.map((s: any) => {
      if (!s || typeof s.stageKey !== 'string') throw requestFailed('aggregate stage must be { stageKey, stageValue }');
      return { [s.stageKey]: decodeWire(s.stageValue, now) };
    });
    if (!this.requireCollection(coll)) return { data: { list: [] } };
    for (const st of pipeline) if ('$match' in st && containsNear(st.$match)) throw requestFailed('$near and $nearSphere are not allowed inside of a $match aggregation expression; use the $geoNear stage (aggregate().geoNear)');
    let i = 0;
    let docs: Doc[];
    if (pipeline[0] && '$geoNear' in pipeline[0]) {
      docs = this.geoNearStage(coll, pipeline[0].$geoNear);
      i = 1;
    } else {
      // Leading $match / $sort / $skip / $limit run on the indexes like a get.
      let filter: Doc = {};
      let sort: SortSpec = [];
      let skip = 0;
      let limit: number | undefined;
      if (pipeline[i] && '$match' in pipeline[i]) {
        const m = pipeline[i++].$match;
        if (!isPlainObject(m)) throw requestFailed('$match expects an object');
        filter = m;
      }
      if (pipeline[i] && '$sort' in pipeline[i]) sort = parseSort(pipeline[i++].$sort);
      if (pipeline[i] && '$skip' in pipeline[i]) skip = Math.max(0, num(pipeline[i++].$skip) ?? 0);
      if (pipeline[i] && '$limit' in pipeline[i]) limit = Math.max(0, num(pipeline[i++].$limit) ?? 0);
      const found = this.exec.find(coll, { filter, sort, skip, limit }, this.execOpts(coll));
      docs = found.docs;
      this.last = found.stats;
    }
    const rest = pipeline.slice(i);
    if (this.aggLimit > 0 && !pipeline.some((s) => '$limit' in s)) rest.push({ $limit: this.aggLimit });
    let out: Doc[] = docs;
    if (rest.length) {
      const cache = new Map<string, Doc[]>();
      const resolver = (name: string): Doc[] => {
        let list = cache.get(name);
        if (!list) {
          list = this.exec.find(name, { filter: {} }, { strict: false, small: true }).docs;
          cache.set(name, list);
        }
        return list;
      };
      try {
        out = new Aggregator(rest, { ...QUERY_OPTIONS, collectionResolver: resolver }).run(docs) as Doc[];
      } catch (e: any) {
        if (e instanceof DbError) throw e;
        throw requestFailed(`aggregate failed: ${explainMingoError(e.message)}`);
      }
    }
    return { data: { list: out.map(encodeWire) } };
  }

  /** The $geoNear stage (first in the pipeline): documents nearest first, with their distance in metres. */
  private geoNearStage(coll: string, spec: unknown): Doc[] {
    if (!isPlainObject(spec)) throw requestFailed('$geoNear expects an object');
    const distanceField = spec.distanceField;
    if (typeof distanceField !== 'string' || !distanceField) throw requestFailed("$geoNear requires a 'distanceField' option as a String");
    const near = spec.near;
    const center = isPlainObject(near) && near.type === 'Point' ? pointOf(near) : null;
    if (!center) throw requestFailed("[unsupported] $geoNear 'near' must be a GeoJSON Point (db.Geo.Point); legacy coordinate pairs are not emulated");
    let field = typeof spec.key === 'string' ? spec.key : undefined;
    if (!field) {
      const geo = this.store.indexesOf(coll).filter((ix) => ix.geo);
      if (geo.length === 0) throw requestFailed(`$geoNear requires a 2d or 2dsphere index, but none were found (collection ${coll})`);
      if (geo.length > 1) throw requestFailed(`There is more than one 2dsphere index on ${coll}; unsure which to use for $geoNear: give 'key'`);
      field = geo[0].fields[0].field;
    }
    const query = spec.query === undefined ? {} : spec.query;
    if (!isPlainObject(query)) throw requestFailed("$geoNear 'query' must be an object");
    if (containsNear(query)) throw requestFailed("$geoNear 'query' cannot contain $near/$nearSphere");
    const metres = (k: 'maxDistance' | 'minDistance'): number | undefined => {
      const v = spec[k];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'number' || !(v >= 0)) throw requestFailed(`$geoNear '${k}' must be a non-negative number (metres)`);
      return v;
    };
    const multiplier = spec.distanceMultiplier === undefined ? 1 : Number(spec.distanceMultiplier);
    if (!Number.isFinite(multiplier) || multiplier < 0) throw requestFailed("$geoNear 'distanceMultiplier' must be a non-negative number");
    const stats = { collection: coll, plan: 'GEO_NEAR', sortInIndex: false, inMemorySort: true, keysExamined: 0, docsExamined: 0, returned: 0, covered: true } as ExecStats;
    const found = this.exec.near(coll, field, center, metres('minDistance'), metres('maxDistance'), query, stats);
    stats.returned = found.length;
    this.last = stats;
    return found.map(({ doc, distance }) => {
      const out = normalise(doc);
      setPath(out, distanceField, distance * multiplier);
      if (typeof spec.includeLocs === 'string' && spec.includeLocs) {
        const here = field.split('.').reduce<any>((node, k) => (isPlainObject(node) ? node[k] : undefined), doc);
        setPath(out, spec.includeLocs, here);
      }
      return out;
    });
  }

  // ------------------------------------------------------------------ direct API

  collection(name: string): DirectCollection {
    if (!COLLECTION_NAME.test(name)) throw new Error(`invalid collection name ${JSON.stringify(name)}`);
    const store = this.store;
    const now = (): number => this.opts.now();
    const opts: ExecOptions = { strict: false, small: true };
    const sortOf = (o?: FindOptions): SortSpec => (o?.sort ? parseSort(o.sort) : []);
    const run = <T>(write: boolean, fn: () => T): T => {
      try {
        this.sweep(now());
        return this.committed(fn, write);
      } catch (e: any) {
        if (e instanceof DbError) throw new Error(`${e.code}: ${e.message}`);
        if (e instanceof LockWait) throw new Error(`${e.message}: try again when it ends (at most ${Math.round(this.timeout / 1000)} s)`);
        throw e;
      }
    };
    return {
      insertMany: (docs) =>
        run(true, () =>
          docs.map((d) => {
            if (!isPlainObject(d)) throw requestFailed('documents must be objects');
            return String(this.insertOne(name, d as Doc, now()));
          }),
        ),
      find: (query = {}, o) => run(false, () => this.record(this.exec.find(name, { filter: query as Doc, sort: sortOf(o), skip: o?.skip, limit: o?.limit || undefined }, opts)).docs),
      findOne: (query) => run(false, () => this.record(this.exec.find(name, { filter: query as Doc, limit: 1 }, opts)).docs[0] ?? null),
      count: (query = {}) => run(false, () => this.record(this.exec.count(name, query as Doc, opts)).total),
      updateOne: (id, update) =>
        run(true, () => {
          const prev = store.getDoc(name, id);
          if (!prev) return false;
          const u = update as Doc;
          const next = applyUpdate(prev, isOperatorDoc(u) ? u : { $set: u });
          if (toStorage(prev) !== toStorage(next)) store.write(name, id, prev, next, now());
          return true;
        }),
      replaceOne: (id, doc) =>
        run(true, () => {
          const prev = store.getDoc(name, id);
          if (!prev) return false;
          store.write(name, id, prev, replaceDoc(id, doc as Doc), now());
          return true;
        }),
      removeOne: (id) =>
        run(true, () => {
          const prev = store.getDoc(name, id);
          if (!prev) return false;
          store.write(name, id, prev, null, now());
          return true;
        }),
      explain: (query = {}, o) => run(false, () => this.exec.find(name, { filter: query as Doc, sort: sortOf(o), skip: o?.skip, limit: o?.limit || undefined }, opts).stats),
    };
  }

  listCollections(): { name: string; count: number }[] {
    return this.store.listCollections();
  }

  private record<T extends { stats: ExecStats }>(r: T): T {
    this.last = r.stats;
    return r;
  }

  lastStats(): ExecStats | undefined {
    return this.last;
  }

  close(): void {
    for (const t of [...this.txns.values()]) this.end(t, 'database closed');
    this.store.close();
  }
}

export function openDatabase(opts: DatabaseOptions): LocalDatabase {
  return new Engine(opts);
}
