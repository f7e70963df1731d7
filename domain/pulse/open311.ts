/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the field lists of a service and a service
 * request, and how a published appeal maps onto them. Only what its resident published on the 回音壁 (a closed
 * case's redacted copy, domain/appeals/wall.ts), redacted once more here; no name, phone or openid; locations
 * rounded to about 100 m.
 */
import { redactForPublic } from '../appeals/redact';
import { chinaWall, type Instant } from '../time';

export const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'] as const;
export const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
] as const;

export type Open311Service = Record<(typeof SERVICE_FIELDS)[number], string | boolean>;
export type Open311Request = Record<(typeof REQUEST_FIELDS)[number], string | number | null>;

/** Statuses a published appeal can be seen in (held and refused ones are never public; publishing needs a closed case). */
export const PUBLIC_STATUSES = ['assigned', 'in_progress', 'replied', 'closed'] as const;

/** W3C datetime in China time: 2026-11-28T14:05:00+08:00. */
export const w3c = (at: Instant): string => `${chinaWall(at).format('YYYY-MM-DDTHH:mm:ss')}+08:00`;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export interface PublicAppeal {
  _id: string;
  status: string;
  category: string;
  communityId: string;
  content: string;
  contactName?: string;
  reply?: string;
  resolution?: string;
  createdAt: Instant;
  updatedAt: Instant;
  replyDeadline?: Instant;
  location?: { latitude: number; longitude: number };
}

const RESOLUTION_WORDS: Record<string, string> = { implemented: '已落实', in_plan: '纳入计划', explained: '解释说明' };

export function toOpen311(a: PublicAppeal, names: { category?: string; community?: string; station?: string }): Open311Request {
  const hide = [a.contactName ?? ''];
  const closed = a.status === 'closed';
  const reply = a.reply ? redactForPublic(a.reply, hide) : '';
  const notes = [a.resolution ? `办理结果：${RESOLUTION_WORDS[a.resolution] ?? a.resolution}` : '', reply].filter(Boolean).join('。');
  return {
    service_request_id: a._id,
    status: closed ? 'closed' : 'open',
    status_notes: notes || (a.status === 'replied' ? '已答复，待居民评价' : closed ? '已办结' : '办理中'),
    service_name: names.category ?? a.category,
    service_code: a.category,
    description: redactForPublic(a.content, hide),
    agency_responsible: names.station ?? '街道人大工委',
    service_notice: '',
    requested_datetime: w3c(a.createdAt),
    updated_datetime: w3c(a.updatedAt),
    expected_datetime: !closed && a.replyDeadline ? w3c(a.replyDeadline) : null,
    address: names.community ?? '',
    address_id: a.communityId,
    zipcode: null,
    lat: a.location ? round3(a.location.latitude) : null,
    long: a.location ? round3(a.location.longitude) : null,
    media_url: null,
  };
}

/** RFC 4180 CSV with a BOM (so spreadsheet programs read the Chinese text), the GeoReport field names as header. */
export function toCsv(rows: Open311Request[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\ufeff' + [REQUEST_FIELDS.join(','), ...rows.map((r) => REQUEST_FIELDS.map((f) => cell(r[f])).join(','))].join('\r\n') + '\r\n';
}
