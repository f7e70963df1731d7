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
  add(opts: { data: object }): Promise<{ _id: string }>;
  aggregate(): any;
}

export interface TxCollection {
  doc(id: string): DocRef;
  add(opts: { data: object }): Promise<{ _id: string }>;
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
 * One document and, in the same request, what goes with it from other collections — `one`: a document by _id
 * (null when missing), `many`: the rows of a sub-pipeline (`p` is `db.command.aggregate.pipeline()`; its first
 * match must be on indexed fields). Each is an uncorrelated `lookup` sub-pipeline. Null when the first is missing.
 */
export async function findByIdWith<K extends string = never, L extends string = never>(
  db: Db,
  collection: string,
  id: string,
  joins: { one?: Record<K, { collection: string; id: string }>; many?: Record<L, { collection: string; pipeline: (p: any) => any }> },
): Promise<{ doc: Doc; one: Record<K, Doc | null>; many: Record<L, Doc[]> } | null> {
  const $ = db.command.aggregate;
  const one = Object.entries(joins.one ?? {}) as [K, { collection: string; id: string }][];
  const many = Object.entries(joins.many ?? {}) as [L, { collection: string; pipeline: (p: any) => any }][];
  let agg = db.collection(collection).aggregate().match({ _id: id });
  for (const [as, o] of one) agg = agg.lookup({ from: o.collection, pipeline: $.pipeline().match({ _id: o.id }).limit(1).done(), as });
  for (const [as, m] of many) agg = agg.lookup({ from: m.collection, pipeline: m.pipeline($.pipeline()).done(), as });
  const [row] = (await agg.limit(1).end()).list as Record<string, unknown>[];
  if (!row) return null;
  const joined = new Set<string>([...one.map(([as]) => as), ...many.map(([as]) => as)]);
  const doc = Object.fromEntries(Object.entries(row).filter(([k]) => !joined.has(k))) as Doc;
  return {
    doc,
    one: Object.fromEntries(one.map(([as]) => [as, ((row[as] as Doc[] | undefined) ?? [])[0] ?? null])) as Record<K, Doc | null>,
    many: Object.fromEntries(many.map(([as]) => [as, (row[as] as Doc[] | undefined) ?? []])) as Record<L, Doc[]>,
  };
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
