/**
 * The direct API: one collection in plain JS values (Date objects for dates), for the seed, the local
 * console (/api/dev/db) and tests. Every call is one engine operation, never strict, without the get() cap;
 * a write to a document an open transaction holds is refused (it cannot wait), not queued.
 */
import { DbError, LockWait } from './errors';
import type { Doc } from './ejson';
import { COLLECTION_NAME, type Engine, type OpContext } from './engine';
import { type ExecStats, type FindSpec, parseSort } from './executor';
import { isOperatorDoc } from './update';

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
  /** Replace the whole document (its _id stays). False when it does not exist. */
  replaceOne(id: string, doc: object): boolean;
  removeOne(id: string): boolean;
  /** How a find would run: plan, index, keys and documents examined. */
  explain(query?: object, opts?: FindOptions): ExecStats;
}

export function directCollection(engine: Engine, name: string, now: () => number): DirectCollection {
  if (!COLLECTION_NAME.test(name)) throw new Error(`invalid collection name ${JSON.stringify(name)}`);
  const ctx = (): OpContext => ({ now: now(), strict: false });
  const run = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e: any) {
      if (e instanceof DbError) throw new Error(`${e.code}: ${e.message}`);
      if (e instanceof LockWait) throw new Error(`${e.message}: try again when it ends (at most ${Math.round(engine.transactionTimeoutMs / 1000)} s)`);
      throw e;
    }
  };
  const spec = (query: object, o?: FindOptions): FindSpec => ({ filter: query as Doc, sort: o?.sort ? parseSort(o.sort) : [], skip: o?.skip, limit: o?.limit || undefined });
  const byId = (id: string): Doc => ({ _id: id });
  return {
    insertMany: (docs) => run(() => engine.insert(ctx(), name, docs).map(String)),
    find: (query = {}, o) => run(() => engine.find(ctx(), name, spec(query, o))),
    findOne: (query) => run(() => engine.find(ctx(), name, { filter: query as Doc, limit: 1 })[0] ?? null),
    count: (query = {}) => run(() => engine.count(ctx(), name, query as Doc)),
    updateOne: (id, update) => {
      const modifier = isOperatorDoc(update as Doc) ? update : { $set: update };
      return run(() => engine.update(ctx(), name, byId(id), modifier, { multi: false, upsert: false }).matched > 0);
    },
    replaceOne: (id, doc) => run(() => engine.replace(ctx(), name, byId(id), doc, { upsert: false }).matched > 0),
    removeOne: (id) => run(() => engine.remove(ctx(), name, byId(id), { multi: false }) > 0),
    explain: (query = {}, o) => run(() => engine.explain(ctx(), name, spec(query, o))),
  };
}
