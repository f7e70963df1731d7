/**
 * The wire protocol of wx-server-sdk 4.0.2 (@cloudbase/database 1.4.3): each `database.*` request body is
 * decoded (Extended JSON, SDK defaults and caps), answered by one engine call, and the result shaped as the
 * SDK reads it. Failures become `{ code, message }`; a plain write to a document an open transaction holds
 * waits for it to end and runs again.
 */
import { randomBytes } from 'node:crypto';
import { DbError, type DbErrorCode, LockWait, requestFailed } from './errors';
import { type Doc, decodeWire, encodeWire, isPlainObject, numberOf } from './ejson';
import { COLLECTION_NAME, type Engine, type OpContext, type WriteResult } from './engine';
import { parseSort } from './executor';
import type { DocId } from './schema';
import { isOperatorDoc } from './update';

export interface WireOptions {
  /** Refuse undeclared collections and uncovered queries. */
  strict: boolean;
  now: () => number;
  /** Most documents one get() returns in a cloud function. */
  maxGetLimit: number;
  /** Documents an aggregate without a $limit stage returns (0 = no cap). */
  aggregateDefaultLimit: number;
}

type Body = Record<string, any>;
type Reply = Record<string, unknown>;

const requestId = (): string => randomBytes(16).toString('hex');

function collectionOf(body: Body): string {
  const name = body.collectionName;
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) throw new DbError('INVALID_PARAM', `invalid collection name ${JSON.stringify(name)}`);
  return name;
}

function filterOf(query: unknown, now: number): Doc {
  const f = decodeWire(query, now);
  if (f === undefined || f === null) return {};
  if (!isPlainObject(f)) throw requestFailed('query must be an object');
  return f;
}

function transactionOf(body: Body): string | undefined {
  const tid = body.transactionId;
  return tid === undefined || tid === null || tid === '' ? undefined : String(tid);
}

/** updated as the SDK reports it: a matched replacement counts (the cloud does), an upsert reports its id. */
function modifyReply(r: WriteResult, replaced: boolean): { updated: number; upsert_id?: DocId } {
  if (r.upsertedId !== undefined) return { updated: 0, upsert_id: r.upsertedId };
  return { updated: replaced ? r.matched : r.modified };
}

export class WireProtocol {
  constructor(
    private readonly engine: Engine,
    private readonly opts: WireOptions,
  ) {}

  /** Never rejects: failures come back as { code, message, requestId } the SDK maps to errCode. */
  async handle(body: Body): Promise<unknown> {
    const rid = requestId();
    for (;;) {
      try {
        if (!body || typeof body !== 'object') throw new DbError('INVALID_PARAM', 'request body must be a JSON object');
        return { requestId: rid, ...this.dispatch(body, this.opts.now()) };
      } catch (e: any) {
        if (e instanceof LockWait) {
          await this.engine.waitForTransaction(e.owner);
          continue;
        }
        if (e instanceof DbError) return { code: e.code, message: e.message, requestId: rid };
        const code: DbErrorCode = 'DATABASE_REQUEST_FAILED';
        return { code, message: String(e?.message ?? e), requestId: rid };
      }
    }
  }

  private dispatch(body: Body, now: number): Reply {
    const action = String(body.action ?? '');
    const ctx: OpContext = { now, strict: this.opts.strict, transactionId: transactionOf(body) };
    switch (action) {
      case 'database.startTransaction':
        return { transactionId: this.engine.startTransaction(now) };
      case 'database.commitTransaction':
        this.engine.commitTransaction(String(body.transactionId ?? ''), now);
        return {};
      case 'database.abortTransaction':
        this.engine.abortTransaction(String(body.transactionId ?? ''), now);
        return {};
      case 'database.getDocument':
        return { data: this.get(ctx, body, body.query) };
      case 'database.insertDocument':
        return { data: { insertedIds: this.insert(ctx, body) } };
      case 'database.modifyDocument':
        return { data: this.modify(ctx, body, body.query) };
      case 'database.removeDocument':
        return { data: { deleted: this.remove(ctx, body, body.query) } };
      case 'database.modifyAndReturnDoc': {
        const coll = collectionOf(body);
        const r = this.engine.updateAndReturn(ctx, coll, filterOf(body.query, now), decodeWire(body.data, now));
        // As on the cloud: a matched document counts as updated even when nothing changed.
        return { data: { updated: r.matched, doc: r.doc ? encodeWire(r.doc) : null } };
      }
      case 'database.calculateDocument': {
        const coll = collectionOf(body);
        return { data: { total: this.engine.count(ctx, coll, filterOf(body.query, now)) } };
      }
      case 'database.aggregateDocuments':
        return { data: { list: this.aggregate(ctx, body).map(encodeWire) } };
      case 'database.addCollection':
        this.engine.createCollection(ctx, collectionOf(body));
        return {};
      // Older transaction API (@cloudbase/database transaction.js): the document is body._id.
      case 'database.getInTransaction':
        return { data: this.get(ctx, body, { _id: body._id }).list[0] ?? 'null' };
      case 'database.updateDocInTransaction': {
        const data = decodeWire(body.data, now);
        const operator = isPlainObject(data) && isOperatorDoc(data);
        const r = this.modify(ctx, { ...body, data, merge: operator, upsert: body.upsert === true, multi: false }, { _id: body._id });
        return { updated: encodeWire(r.updated), upserted: r.upsert_id !== undefined ? JSON.stringify([{ _id: r.upsert_id }]) : null };
      }
      case 'database.deleteDocInTransaction':
        return { deleted: encodeWire(this.remove(ctx, { ...body, multi: false }, { _id: body._id })) };
      default:
        throw new DbError('INVALID_PARAM', `unsupported action "${action}"`);
    }
  }

  /** getDocument: offset, limit (the SDK's default 100; never more than maxGetLimit), order, projection. */
  private get(ctx: OpContext, body: Body, query: unknown): { list: string[]; offset: number; limit: number } {
    const coll = collectionOf(body);
    const filter = filterOf(query, ctx.now);
    const offset = Math.max(0, Math.floor(numberOf(body.offset) ?? 0));
    let limit = Math.floor(numberOf(body.limit) ?? 0);
    if (limit <= 0 || limit > this.opts.maxGetLimit) limit = this.opts.maxGetLimit;
    const sort = parseSort(decodeWire(body.order, ctx.now));
    const projection = decodeWire(body.projection, ctx.now);
    const docs = this.engine.find(ctx, coll, { filter, sort, skip: offset, limit, projection });
    return { list: docs.map(encodeWire), offset, limit };
  }

  private insert(ctx: OpContext, body: Body): DocId[] {
    const coll = collectionOf(body);
    const items: unknown[] = Array.isArray(body.data) ? body.data : [body.data];
    if (items.length === 0) throw requestFailed('insert requires at least one document');
    return this.engine.insert(
      ctx,
      coll,
      items.map((item) => decodeWire(item, ctx.now)),
    );
  }

  /** modifyDocument: merge false is doc().set() (a replacement, upsert), otherwise update operators. */
  private modify(ctx: OpContext, body: Body, query: unknown): { updated: number; upsert_id?: DocId } {
    const coll = collectionOf(body);
    const filter = filterOf(query, ctx.now);
    const data = typeof body.data === 'string' ? decodeWire(body.data, ctx.now) : body.data;
    const upsert = body.upsert === true;
    if (body.merge === false) return modifyReply(this.engine.replace(ctx, coll, filter, data, { upsert }), true);
    return modifyReply(this.engine.update(ctx, coll, filter, data, { multi: body.multi === true, upsert }), false);
  }

  private remove(ctx: OpContext, body: Body, query: unknown): number {
    const coll = collectionOf(body);
    return this.engine.remove(ctx, coll, filterOf(query, ctx.now), { multi: body.multi === true });
  }

  /** aggregateDocuments: stages [{stageKey, stageValue}]; without a $limit stage at most aggregateDefaultLimit. */
  private aggregate(ctx: OpContext, body: Body): Doc[] {
    const coll = collectionOf(body);
    const stages: unknown[] = Array.isArray(body.stages) ? body.stages : [];
    const pipeline: Doc[] = stages.map((s: any) => {
      if (!s || typeof s.stageKey !== 'string') throw requestFailed('aggregate stage must be { stageKey, stageValue }');
      return { [s.stageKey]: decodeWire(s.stageValue, ctx.now) };
    });
    if (this.opts.aggregateDefaultLimit > 0 && !pipeline.some((s) => '$limit' in s)) pipeline.push({ $limit: this.opts.aggregateDefaultLimit });
    return this.engine.aggregate(ctx, coll, pipeline);
  }
}
