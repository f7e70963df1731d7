/**
 * The database engine: collections and their operations — find, count, insert, update, replace, remove,
 * update-and-return, aggregate — on plain JS values, each one atomic (committed, or inside an open
 * transaction's view), plus the transactions themselves. The wire protocol (wire.ts) and the direct API
 * (direct.ts) both call it; neither touches the store.
 */
import { Query } from 'mingo/query';
import { aggregate } from './aggregate';
import { DbError, requestFailed } from './errors';
import { type Doc, isPlainObject, normalise, toStorage } from './ejson';
import { type ExecOptions, type ExecStats, Executor, type FindSpec } from './executor';
import { QUERY_OPTIONS, explainMingoError } from './operators';
import { type DocId, type IndexFile, newId } from './schema';
import { Store } from './store';
import { Transactions } from './transactions';
import { applyUpdate, isOperatorDoc, replaceDoc, upsertSeed } from './update';

export interface EngineOptions {
  /** SQLite file path, or ':memory:' */
  file: string;
  indexes: IndexFile;
  /** Clock in ms: how long a plain write waits for a transaction at most. */
  now: () => number;
  /** Lifetime of a transaction from its start (default 30 s, as on WeChat cloud). */
  transactionTimeoutMs?: number;
}

/** Who runs an operation, when, and where. */
export interface OpContext {
  /** Request time (ms): generated ids, new collections, transaction expiry. */
  now: number;
  /** Strict mode: undeclared collections do not exist and queries must be covered by an index. */
  strict: boolean;
  /** Run inside this open transaction's view. */
  transactionId?: string;
}

export interface QuerySpec extends FindSpec {
  /** A MongoDB projection ({field: 1} or {field: 0}). */
  projection?: Doc;
}

export interface WriteResult {
  /** Documents the filter matched. */
  matched: number;
  /** Matched documents the write changed. */
  modified: number;
  /** Set when an upsert created the document. */
  upsertedId?: DocId;
}

export const COLLECTION_NAME = /^[^$\0]{1,128}$/;

function project(docs: Doc[], projection: Doc): Doc[] {
  if (!isPlainObject(projection) || Object.keys(projection).length === 0) return docs;
  try {
    return new Query({}, QUERY_OPTIONS).find(docs, projection).all() as Doc[];
  } catch (e: any) {
    if (e instanceof DbError) throw e;
    throw requestFailed(`invalid projection: ${explainMingoError(e.message)}`);
  }
}

const changed = (a: Doc, b: Doc): boolean => toStorage(a) !== toStorage(b);

/** The _id an upsert gets from its filter ({_id: 'x'}), if any. */
function idInFilter(filter: Doc): DocId | undefined {
  return typeof filter._id === 'string' || typeof filter._id === 'number' ? filter._id : undefined;
}

export class Engine {
  private readonly store: Store;
  private readonly exec: Executor;
  private readonly txns: Transactions;
  private last: ExecStats | undefined;

  constructor(private readonly opts: EngineOptions) {
    this.store = new Store(opts.file, opts.indexes);
    this.exec = new Executor(this.store);
    this.txns = new Transactions(this.store, opts.transactionTimeoutMs ?? 30_000, opts.now);
  }

  // ------------------------------------------------------------------ transactions

  get transactionTimeoutMs(): number {
    return this.txns.timeoutMs;
  }

  startTransaction(now: number): string {
    this.txns.sweep(now);
    return this.txns.start(now);
  }

  commitTransaction(tid: string, now: number): void {
    this.txns.sweep(now);
    this.txns.commit(tid, now);
  }

  abortTransaction(tid: string, now: number): void {
    this.txns.sweep(now);
    this.txns.abort(tid);
  }

  /** A plain write refused with LockWait runs again once this resolves. */
  waitForTransaction(tid: string): Promise<void> {
    return this.txns.waitFor(tid);
  }

  /** One atomic operation: expired transactions end first. */
  private unit<T>(ctx: OpContext, write: boolean, fn: () => T): T {
    this.txns.sweep(ctx.now);
    return this.txns.run(ctx.transactionId, write, fn);
  }

  // ------------------------------------------------------------------ collections

  /** Declared in the index file or made by createCollection; outside strict mode also created by a write. */
  private exists(coll: string, strict: boolean): boolean {
    if (Object.prototype.hasOwnProperty.call(this.opts.indexes.collections, coll)) return true;
    const origin = this.store.collectionOrigin(coll);
    return origin !== undefined && (!strict || origin === 'created');
  }

  /** false: the collection does not exist and the operation answers "nothing". Strict mode refuses it. */
  private requireCollection(coll: string, strict: boolean): boolean {
    if (this.exists(coll, strict)) return true;
    if (strict) {
      throw new DbError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `[ResourceNotFound] collection "${coll}" does not exist: declare it in the index file (the cloud needs it created in the console first)`,
      );
    }
    return false;
  }

  private execOpts(coll: string, strict: boolean): ExecOptions {
    return { strict, small: !!this.opts.indexes.collections[coll]?.smallCollection };
  }

  createCollection(ctx: OpContext, coll: string): void {
    this.unit(ctx, true, () => {
      if (this.exists(coll, ctx.strict)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] collection "${coll}" already exists`);
      this.store.ensureCollection(coll, ctx.now, 'created');
    });
  }

  listCollections(): { name: string; count: number }[] {
    return this.store.listCollections();
  }

  // ------------------------------------------------------------------ reads

  find(ctx: OpContext, coll: string, spec: QuerySpec): Doc[] {
    return this.unit(ctx, false, () => {
      if (!this.requireCollection(coll, ctx.strict)) return [];
      const docs = this.query(coll, spec, ctx.strict);
      return spec.projection ? project(docs, spec.projection) : docs;
    });
  }

  /** How a find would run (not recorded as the last query). */
  explain(ctx: OpContext, coll: string, spec: FindSpec): ExecStats {
    return this.unit(ctx, false, () => this.exec.find(coll, spec, this.execOpts(coll, ctx.strict)).stats);
  }

  count(ctx: OpContext, coll: string, filter: Doc): number {
    return this.unit(ctx, false, () => {
      if (!this.requireCollection(coll, ctx.strict)) return 0;
      const { total, stats } = this.exec.count(coll, filter, this.execOpts(coll, ctx.strict));
      this.last = stats;
      return total;
    });
  }

  aggregate(ctx: OpContext, coll: string, pipeline: Doc[]): Doc[] {
    return this.unit(ctx, false, () => {
      if (!this.requireCollection(coll, ctx.strict)) return [];
      const { docs, stats } = aggregate(this.exec, this.store, coll, pipeline, (c) => (this.exists(c, ctx.strict) ? this.execOpts(c, ctx.strict) : null));
      this.last = stats;
      return docs;
    });
  }

  /** A find inside an operation, recorded as the last query. */
  private query(coll: string, spec: FindSpec, strict: boolean): Doc[] {
    const { docs, stats } = this.exec.find(coll, spec, this.execOpts(coll, strict));
    this.last = stats;
    return docs;
  }

  // ------------------------------------------------------------------ writes

  insert(ctx: OpContext, coll: string, docs: unknown[]): DocId[] {
    return this.unit(ctx, true, () => {
      this.requireCollection(coll, ctx.strict);
      return docs.map((doc) => {
        if (!isPlainObject(doc)) throw requestFailed('each inserted document must be an object');
        const id: DocId = doc._id === undefined ? newId(ctx.now) : doc._id;
        const { _id: _drop, ...rest } = doc;
        this.store.write(coll, id, undefined, normalise({ _id: id, ...rest }), ctx.now);
        return id;
      });
    });
  }

  /** Update operators on the first (or every, multi) match; an upsert creates the document from the filter. */
  update(ctx: OpContext, coll: string, filter: Doc, modifier: unknown, opts: { multi: boolean; upsert: boolean }): WriteResult {
    return this.unit(ctx, true, () => {
      if (!isPlainObject(modifier)) throw requestFailed('update data must be an object');
      if (!this.requireCollection(coll, ctx.strict) && !opts.upsert) return { matched: 0, modified: 0 };
      // What the SDK sends for update({data: {}}): nothing to do.
      if (Object.keys(modifier).length === 0) return { matched: 0, modified: 0 };
      if (!isOperatorDoc(modifier)) throw requestFailed('update data must only contain update operators ($set, $inc, …)');
      const docs = this.query(coll, { filter, limit: opts.multi ? undefined : 1 }, ctx.strict);
      let modified = 0;
      for (const prev of docs) {
        const next = applyUpdate(prev, modifier, filter);
        if (!changed(prev, next)) continue;
        this.store.write(coll, prev._id, prev, next, ctx.now);
        modified++;
      }
      if (docs.length === 0 && opts.upsert) {
        const id: DocId = idInFilter(filter) ?? newId(ctx.now);
        this.store.write(coll, id, undefined, applyUpdate({ ...upsertSeed(filter), _id: id }, modifier), ctx.now);
        return { matched: 0, modified: 0, upsertedId: id };
      }
      return { matched: docs.length, modified };
    });
  }

  /** Replace the first match (keeping its _id); an upsert creates it with the filter's _id. */
  replace(ctx: OpContext, coll: string, filter: Doc, doc: unknown, opts: { upsert: boolean }): WriteResult {
    return this.unit(ctx, true, () => {
      if (!isPlainObject(doc)) throw requestFailed('update data must be an object');
      if (!this.requireCollection(coll, ctx.strict) && !opts.upsert) return { matched: 0, modified: 0 };
      const [prev] = this.query(coll, { filter, limit: 1 }, ctx.strict);
      if (prev) {
        const next = replaceDoc(prev._id, doc);
        if (!changed(prev, next)) return { matched: 1, modified: 0 };
        this.store.write(coll, prev._id, prev, next, ctx.now);
        return { matched: 1, modified: 1 };
      }
      if (!opts.upsert) return { matched: 0, modified: 0 };
      const id: DocId = idInFilter(filter) ?? newId(ctx.now);
      this.store.write(coll, id, undefined, replaceDoc(id, doc), ctx.now);
      return { matched: 0, modified: 0, upsertedId: id };
    });
  }

  /** Update operators on the first match; the document after the update (null: none matched). */
  updateAndReturn(ctx: OpContext, coll: string, filter: Doc, modifier: unknown): { matched: number; doc: Doc | null } {
    return this.unit(ctx, true, () => {
      if (!isPlainObject(modifier) || !isOperatorDoc(modifier)) throw requestFailed('update data must only contain update operators ($set, $inc, …)');
      if (!this.requireCollection(coll, ctx.strict)) return { matched: 0, doc: null };
      const [prev] = this.query(coll, { filter, limit: 1 }, ctx.strict);
      if (!prev) return { matched: 0, doc: null };
      const next = applyUpdate(prev, modifier, filter);
      if (changed(prev, next)) this.store.write(coll, prev._id, prev, next, ctx.now);
      return { matched: 1, doc: next };
    });
  }

  /** Remove the first (or every, multi) match; how many were removed. */
  remove(ctx: OpContext, coll: string, filter: Doc, opts: { multi: boolean }): number {
    return this.unit(ctx, true, () => {
      if (!this.requireCollection(coll, ctx.strict)) return 0;
      const docs = this.query(coll, { filter, limit: opts.multi ? undefined : 1 }, ctx.strict);
      for (const d of docs) this.store.write(coll, d._id, d, null, ctx.now);
      return docs.length;
    });
  }

  // ------------------------------------------------------------------ the rest

  /** Execution stats of the most recent query (find, count, update, remove, aggregate). */
  lastStats(): ExecStats | undefined {
    return this.last;
  }

  close(): void {
    this.txns.closeAll('database closed');
    this.store.close();
  }
}
