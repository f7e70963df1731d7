import type { Db, Doc, Query } from './db';
import { AppError } from './errors';

export const PAGE_SIZE = 20;
/** Extra rows fetched so documents sharing the cursor's timestamp are not skipped. */
const TIE_SLACK = 10;

interface Cursor { t: number; id: string }

function decode(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof parsed.t === 'number' && Number.isFinite(parsed.t) && typeof parsed.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(parsed.id)) return parsed;
  } catch {
    // fall through
  }
  throw new AppError('INVALID_ARGUMENT', '分页参数无效，请刷新后重试');
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/**
 * Keyset paging on (field, _id) — no skip, so page N costs what page 1 costs. `base` holds the equality
 * filters and receives the range on `field`; the index must be (…equalities, field, _id).
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
  const range = c ? { [field]: direction === 'desc' ? _.lte(new Date(c.t)) : _.gte(new Date(c.t)) } : {};
  const rows = (await base(range).orderBy(field, direction).orderBy('_id', direction).limit(size + 1 + (c ? TIE_SLACK : 0)).get()).data;
  const beyond = (d: Doc) => {
    const t = new Date(d[field]).getTime();
    return direction === 'desc' ? t < c!.t || (t === c!.t && d._id < c!.id) : t > c!.t || (t === c!.t && d._id > c!.id);
  };
  const after = c ? rows.filter(beyond) : rows;
  const docs = after.slice(0, size);
  const last = docs[docs.length - 1];
  return after.length > size && last ? { docs, nextCursor: encode({ t: new Date(last[field]).getTime(), id: last._id }) } : { docs };
}

export const pageResult = <T>(items: T[], nextCursor?: string) => (nextCursor ? { items, nextCursor } : { items });
