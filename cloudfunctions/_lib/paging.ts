import type { Doc, Query } from './db';
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
 * Keyset paging, newest first, on (field desc, _id desc) — no skip, so page N costs what page 1 costs.
 * `base` must already hold the equality filters; this adds the range on `field`.
 */
export async function pageByTime(base: (extra: object) => Query, field: string, cursor: string | undefined, lte: (v: Date) => unknown, size = PAGE_SIZE): Promise<{ docs: Doc[]; nextCursor?: string }> {
  const c = decode(cursor);
  const query = base(c ? { [field]: lte(new Date(c.t)) } : {});
  const rows = (await query.orderBy(field, 'desc').orderBy('_id', 'desc').limit(size + 1 + (c ? TIE_SLACK : 0)).get()).data;
  const after = c ? rows.filter((d) => new Date(d[field]).getTime() < c.t || d._id < c.id) : rows;
  const docs = after.slice(0, size);
  const last = docs[docs.length - 1];
  const more = after.length > size;
  return more && last ? { docs, nextCursor: encode({ t: new Date(last[field]).getTime(), id: last._id }) } : { docs };
}
