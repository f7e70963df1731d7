/**
 * Open data over HTTP (HTTP 访问服务 on the cloud, /http/opendata/… on the local runtime): Open311 GeoReport v2
 * `services.json`, `requests.json`, `requests/<id>.json`, and `requests.csv` for the committee. Published
 * appeals only, no personal data, paged. The event is the HTTP access service's (path, httpMethod,
 * queryStringParameters, headers, body); the answer is statusCode, headers and body.
 */
import { fromChinaWallClock } from '../../../domain/time';
import { PUBLIC_STATUSES, SERVICE_FIELDS, toCsv, toOpen311, type Open311Request, type Open311Service } from '../../../domain/pulse/open311';
import type { Db, Doc } from '../../_platform/db';

export interface HttpEvent {
  path?: string;
  httpMethod?: string;
  queryStringParameters?: Record<string, string | undefined> | null;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 100;
const CSV_MAX_ROWS = 2000;

const CORS = { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' };
const json = (status: number, body: unknown): HttpAnswer => ({ statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8', ...CORS }, body: JSON.stringify(body), isBase64Encoded: false });
/** GeoReport errors: a list of { code, description }. */
const fail = (status: number, description: string) => json(status, [{ code: status, description }]);

export function isHttpEvent(event: unknown): event is HttpEvent {
  return !!event && typeof event === 'object' && typeof (event as HttpEvent).httpMethod === 'string' && typeof (event as HttpEvent).path === 'string';
}

async function reference(db: Db) {
  const [categories, communities, stations] = await Promise.all(['categories', 'communities', 'stations'].map(async (c) => (await db.collection(c).limit(100).get()).data));
  const byId = (docs: Doc[]) => new Map(docs.map((d) => [d._id, d]));
  return { categories, category: byId(categories), community: byId(communities), station: byId(stations) };
}

type Ref = Awaited<ReturnType<typeof reference>>;

function toRequest(d: Doc, ref: Ref): Open311Request {
  const community = ref.community.get(d.communityId);
  const station = community?.stationId ? ref.station.get(community.stationId) : undefined;
  return toOpen311(
    {
      _id: d._id, status: d.status, category: d.category, communityId: d.communityId, content: String(d.wall?.summary ?? ''),
      reply: d.wall?.reply || undefined, resolution: d.resolution, createdAt: d.createdAt, updatedAt: d.updatedAt ?? d.createdAt, replyDeadline: d.replyDeadline,
      location: d.location && typeof d.location.latitude === 'number' ? d.location : undefined,
    },
    { category: ref.category.get(d.category)?.name, community: community?.name, station: station?.name },
  );
}

/**
 * Only what the mapping reads: the 回音壁 copy the resident published (already redacted, staff may have edited
 * it), never the live text, contact, submitter openid or images.
 */
const FIELDS = { status: true, category: true, communityId: true, wall: true, resolution: true, createdAt: true, updatedAt: true, replyDeadline: true, location: true, publish: true };

function dateParam(value: string | undefined, end: boolean): Date | null | 'bad' {
  if (!value) return null;
  const day = /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0];
  const at = day ? fromChinaWallClock(day, end ? '23:59' : '00:00') : null;
  return at ?? (Number.isNaN(Date.parse(value)) ? 'bad' : new Date(value));
}

interface Filter {
  where: Record<string, unknown>;
  page: number;
  pageSize: number;
}

function filterOf(db: Db, q: Record<string, string | undefined>, csv: boolean): Filter | HttpAnswer {
  const _ = db.command;
  const where: Record<string, unknown> = { publish: true };
  const status = q.status;
  if (status && status !== 'open' && status !== 'closed') return fail(400, 'status 只能是 open 或 closed');
  where.status = status === 'closed' ? 'closed' : status === 'open' ? _.in(PUBLIC_STATUSES.filter((s) => s !== 'closed')) : _.in([...PUBLIC_STATUSES]);
  if (q.service_code) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(q.service_code)) return fail(400, 'service_code 格式不正确');
    where.category = q.service_code;
  }
  const from = dateParam(q.start_date, false);
  const to = dateParam(q.end_date, true);
  if (from === 'bad' || to === 'bad') return fail(400, 'start_date / end_date 应为日期，如 2026-11-01');
  if (from && to) where.createdAt = _.and(_.gte(from), _.lte(to));
  else if (from) where.createdAt = _.gte(from);
  else if (to) where.createdAt = _.lte(to);
  const page = q.page ? Number(q.page) : 1;
  const maxSize = csv ? CSV_MAX_ROWS : MAX_PAGE_SIZE;
  const pageSize = q.page_size ? Number(q.page_size) : csv ? CSV_MAX_ROWS : DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) return fail(400, `page 应为 1 到 ${MAX_PAGE} 的整数`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxSize) return fail(400, `page_size 应为 1 到 ${maxSize} 的整数`);
  return { where, page, pageSize };
}

async function listRequests(db: Db, f: Filter, ref: Ref): Promise<Open311Request[]> {
  const out: Open311Request[] = [];
  let skip = (f.page - 1) * f.pageSize;
  while (out.length < f.pageSize) {
    const take = Math.min(100, f.pageSize - out.length);
    const docs = (await db.collection('appeals').where(f.where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(skip).limit(take).field(FIELDS).get()).data;
    out.push(...docs.map((d) => toRequest(d, ref)));
    if (docs.length < take) break;
    skip += take;
  }
  return out;
}

function services(ref: Ref): Open311Service[] {
  return ref.categories
    .slice()
    .sort((a, b) => Number(a.order ?? 0) - Number(b.order ?? 0))
    .map((c) => Object.fromEntries(SERVICE_FIELDS.map((k) => [k, { service_code: c._id, service_name: String(c.name ?? c._id), description: `${c.name ?? c._id}类民生诉求`, metadata: false, type: 'realtime', keywords: '', group: '民生诉求' }[k]])) as Open311Service);
}

export async function handleOpenData(db: Db, event: HttpEvent): Promise<HttpAnswer> {
  const path = (event.path ?? '').replace(/\/+$/, '');
  const method = (event.httpMethod ?? 'GET').toUpperCase();
  const q = event.queryStringParameters ?? {};
  if (method !== 'GET' && method !== 'HEAD') return fail(405, '开放数据只读，不接受提交');
  if (/\/services\.xml$|\/requests(\/[^/]+)?\.xml$/.test(path)) return fail(400, '只提供 JSON 格式（.json）');
  const ref = await reference(db);
  if (path.endsWith('/services.json')) return json(200, services(ref));
  const one = /\/requests\/([A-Za-z0-9_-]{1,64})\.json$/.exec(path);
  if (one) {
    const _ = db.command;
    const docs = (await db.collection('appeals').where({ _id: one[1], publish: true, status: _.in([...PUBLIC_STATUSES]) }).limit(1).field(FIELDS).get()).data;
    return docs.length ? json(200, [toRequest(docs[0], ref)]) : fail(404, '没有这条公开诉求');
  }
  const csv = path.endsWith('/requests.csv');
  if (csv || path.endsWith('/requests.json')) {
    const f = filterOf(db, q, csv);
    if ('statusCode' in f) return f;
    const rows = await listRequests(db, f, ref);
    if (!csv) return json(200, rows);
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="requests.csv"', ...CORS }, body: toCsv(rows), isBase64Encoded: false };
  }
  return fail(404, '没有这个接口：可用 services.json、requests.json、requests/<编号>.json、requests.csv');
}
