/**
 * The slice of the wx-server-sdk database API that 连心桥 uses, typed without the SDK's callback overloads.
 * Runtime objects are the SDK's own; this file only narrows their types.
 */
export type Doc = Record<string, any> & { _id: string };

export interface Query {
  where(filter: object): Query;
  orderBy(field: string, direction: 'asc' | 'desc'): Query;
  limit(n: number): Query;
  skip(n: number): Query;
  field(projection: Record<string, boolean>): Query;
  get(): Promise<{ data: Doc[] }>;
  count(): Promise<{ total: number }>;
  update(opts: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocRef {
  get(): Promise<{ data: Doc }>;
  set(opts: { data: object }): Promise<unknown>;
  update(opts: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Collection extends Query {
  doc(id: string): DocRef;
  add(opts: { data: object | object[] }): Promise<{ _id: string }>;
  aggregate(): any;
}

export interface TxCollection {
  doc(id: string): DocRef;
  add(opts: { data: object | object[] }): Promise<{ _id: string }>;
}

export interface Transaction {
  collection(name: string): TxCollection;
  rollback(reason?: unknown): Promise<void>;
}

export interface Db {
  collection(name: string): Collection;
  command: any;
  serverDate(opts?: { offset?: number }): unknown;
  runTransaction<T>(fn: (tx: Transaction) => Promise<T>, retries?: number): Promise<T>;
  RegExp(opts: { regexp: string; options?: string }): unknown;
}

/** True when the SDK error means "no such document" (doc().get() on a missing id). */
export function isNotFound(err: unknown): boolean {
  const text = String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? err);
  return /does not exist|not exist|cannot find document|找不到|document.*not found/i.test(text);
}

export function isDuplicateKey(err: unknown): boolean {
  return /duplicate key|E11000/i.test(String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? err));
}

/** doc(id).get() that answers null instead of throwing when the document is missing. */
export async function findById(db: Db | Transaction, collection: string, id: string): Promise<Doc | null> {
  try {
    const res = await db.collection(collection).doc(id).get();
    return res.data ?? null;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/**
 * What findByIdWith joins: a document by _id, the rows of a sub-pipeline (built with
 * db.command.aggregate.pipeline()), or the rows whose `foreignField` equals the document's `localField` (an
 * array: any of its values — e.g. the _ids it lists).
 */
export type Joined = { collection: string; id: string } | { collection: string; pipeline: unknown } | { collection: string; localField: string; foreignField: string };
export type JoinedResult<J extends Joined> = J extends { id: string } ? Doc | null : Doc[];

/**
 * One document and, in the same request, documents of other collections (each an uncorrelated `lookup`
 * sub-pipeline: by _id, on the primary key, or a given pipeline whose leading $match is on indexed fields):
 * null when the first is missing; a missing other by _id is null, a pipeline answers its rows.
 */
export async function findByIdWith<O extends Record<string, Joined>>(db: Db, collection: string, id: string, others: O): Promise<{ doc: Doc; with: { [K in keyof O]: JoinedResult<O[K]> } } | null> {
  let agg = db.collection(collection).aggregate().match({ _id: id });
  for (const [as, o] of Object.entries(others)) {
    if ('localField' in o) agg = agg.lookup({ from: o.collection, localField: o.localField, foreignField: o.foreignField, as });
    else agg = agg.lookup({ from: o.collection, pipeline: 'id' in o ? db.command.aggregate.pipeline().match({ _id: o.id }).limit(1).done() : o.pipeline, as });
  }
  const [row] = (await agg.limit(1).end()).list as Record<string, unknown>[];
  if (!row) return null;
  const names = Object.keys(others);
  const rows = (as: string) => (row[as] as Doc[] | undefined) ?? [];
  const joined = Object.fromEntries(names.map((as) => [as, 'id' in others[as] ? (rows(as)[0] ?? null) : rows(as)])) as { [K in keyof O]: JoinedResult<O[K]> };
  const doc = Object.fromEntries(Object.entries(row).filter(([k]) => !names.includes(k))) as Doc;
  return { doc, with: joined };
}

/**
 * Several new documents of one collection in one request: `add` takes an array (one insertDocument with every
 * document; CloudBase's insert takes a transaction id, so inside a transaction they commit or roll back
 * together). Outside a transaction a duplicate key may leave the earlier ones written, as an ordered insert does:
 * use it there only for documents that cannot collide.
 */
export async function insertAll(db: Db | Transaction, collection: string, docs: readonly object[]): Promise<void> {
  if (docs.length === 0) return;
  await db.collection(collection).add({ data: docs.length === 1 ? docs[0] : [...docs] });
}

/** True for the transaction handle of runTransaction/startTransaction (it has no runTransaction itself). */
export function isTransaction(db: Db | Transaction): db is Transaction {
  return typeof (db as Db).runTransaction !== 'function';
}

/**
 * Insert a document with a chosen _id unless one exists. Outside a transaction a duplicate key is simply
 * caught; inside one it would abort the whole transaction (as on WeChat cloud), so look first: the
 * transaction's snapshot read plus its write lock make this exact (a concurrent insert conflicts).
 */
export async function insertOnce(db: Db | Transaction, collection: string, data: { _id: string } & Record<string, unknown>): Promise<boolean> {
  if (isTransaction(db)) {
    if (await findById(db, collection, data._id)) return false;
    await db.collection(collection).add({ data });
    return true;
  }
  try {
    await db.collection(collection).add({ data });
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return false;
  }
}
