import type { Db, Doc, Query } from './db';
import { AppError } from './errors';

export const PAGE_SIZE = 20;
/** The range a Date can hold (ECMAScript): a cursor time outside it is not a cursor this code made. */
const MAX_TIME = 8.64e15;

interface Cursor { t: number; id: string }

const badCursor = () => new AppError('INVALID_ARGUMENT', '分页参数无效，请刷新后重试');

function decode(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const c = parsed as Partial<Cursor> | null;
  if (!c || typeof c !== 'object' || typeof c.t !== 'number' || !Number.isSafeInteger(c.t) || Math.abs(c.t) > MAX_TIME) throw badCursor();
  if (typeof c.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(c.id)) throw badCursor();
  return { t: c.t, id: c.id };
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/**
 * Keyset paging on (field, _id) — no skip, so page N costs what page 1 costs, and no row is lost however many
 * share one time. After a cursor: first the rest of the cursor's time (field = t, _id beyond), then the times
 * beyond it — two prefix queries on the index (…equalities, field, _id), each plain enough for the cloud.
 */
export async function pageByTime(
  db: Db,
  base: (extra: object) => Query,
  field: string,
  cursor: string | undefined,
  direction: 'desc' | 'asc' = 'desc',
  size = PAGE_SIZE,
): Promise<{ docs: Doc[]; nextCursor?: string }> {
  const _ = db.command;
  const c = decode(cursor);
  const want = size + 1;
  const ordered = (extra: object, n: number) => base(extra).orderBy(field, direction).orderBy('_id', direction).limit(n).get();
  let rows: Doc[];
  if (!c) {
    rows = (await ordered({}, want)).data;
  } else {
    const at = new Date(c.t);
    const beyondId = direction === 'desc' ? _.lt(c.id) : _.gt(c.id);
    rows = (await ordered({ [field]: at, _id: beyondId }, want)).data;
    if (rows.length < want) rows = rows.concat((await ordered({ [field]: direction === 'desc' ? _.lt(at) : _.gt(at) }, want - rows.length)).data);
  }
  const docs = rows.slice(0, size);
  const last = docs[docs.length - 1];
  return rows.length > size && last ? { docs, nextCursor: encode({ t: new Date(last[field]).getTime(), id: last._id }) } : { docs };
}

/** Every document of a keyset-paged query, page by page, up to `max` (a bound, not a silent cut: callers pick it). */
export async function allByTime(db: Db, base: (extra: object) => Query, field: string, direction: 'desc' | 'asc', max: number): Promise<{ docs: Doc[]; more: boolean }> {
  const docs: Doc[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageByTime(db, base, field, cursor, direction, 100);
    docs.push(...page.docs);
    cursor = page.nextCursor;
  } while (cursor && docs.length < max);
  return { docs: docs.slice(0, max), more: !!cursor || docs.length > max };
}

export const pageResult = <T>(items: T[], nextCursor?: string) => (nextCursor ? { items, nextCursor } : { items });
