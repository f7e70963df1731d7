/** 我也遇到: supports of a case (one per person, the _id is the guarantee) and telling every supporter. */
import { createHash } from 'node:crypto';
import { appendAudit } from '../../_platform/audit';
import { isDuplicateKey, type Db } from '../../_platform/db';
import { enqueueFreshNotices, enqueueNotice, type Notice } from '../../_platform/outbox';
import { redactForPublic } from '../../../domain/appeals/redact';
import { summaryOf } from '../appeals/views';
import { markSupported } from '../appeals/writer';

const PAGE = 100;

export const supportId = (appealId: string, openid: string) => createHash('sha256').update(`support\n${appealId}\n${openid}`).digest('hex').slice(0, 32);

export async function supportCount(db: Db, appealId: string): Promise<number> {
  return (await db.collection('supports').where({ appealId }).count()).total;
}

/** A sub-pipeline (findByIdWith) counting a case's supports: one row { n }, none when it has no supporter. */
export const supportCountPipeline = (db: Db, appealId: string) => db.command.aggregate.pipeline().match({ appealId }).group({ _id: null, n: db.command.aggregate.sum(1) }).done();

/** Supporters of each case, and whether `openid` is one of them, in one request. */
export async function supportsOf(db: Db, appealIds: string[], openid?: string): Promise<Map<string, { n: number; mine: boolean }>> {
  const out = new Map<string, { n: number; mine: boolean }>();
  if (appealIds.length === 0) return out;
  const $ = db.command.aggregate;
  const mine = openid === undefined ? $.sum(0) : $.sum($.cond([$.eq(['$supporterOpenid', openid]), 1, 0]));
  const rows = (await db.collection('supports').aggregate().match({ appealId: db.command.in(appealIds) }).group({ _id: '$appealId', n: $.sum(1), mine }).limit(appealIds.length).end()).list as { _id: string; n: number; mine: number }[];
  for (const r of rows) out.set(r._id, { n: r.n, mine: r.mine > 0 });
  return out;
}

/** Add one person's support; false when they already support it (a concurrent second call included). */
export async function addSupport(db: Db, appealId: string, openid: string, origin: 'me_too' | 'merged', at: Date, by: { openid: string; role: 'resident' | 'deputy' | 'staff' }): Promise<boolean> {
  const _id = supportId(appealId, openid);
  await markSupported(db, appealId);
  try {
    await db.collection('supports').add({ data: { _id, appealId, supporterOpenid: openid, origin, createdAt: at } });
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
  await appendAudit(db, { entityType: 'support', entityId: _id, action: origin === 'merged' ? 'merge_support' : 'support', actorOpenid: by.openid, actorRole: by.role, source: 'app', at, to: appealId });
  return true;
}

/** Every supporter of the cases, a page at a time on (appealId, _id). */
export async function forEachSupporterPage(db: Db, appealIds: string | readonly string[], visit: (page: { _id: string; appealId: string; supporterOpenid: string }[]) => Promise<void>): Promise<number> {
  const _ = db.command;
  const appealId = typeof appealIds === 'string' ? appealIds : appealIds.length === 1 ? appealIds[0] : _.in([...appealIds]);
  let after = '';
  let seen = 0;
  for (;;) {
    const rows = (await db.collection('supports').where({ appealId, ...(after ? { _id: _.gt(after) } : {}) }).orderBy('_id', 'asc').limit(PAGE).get()).data as unknown as { _id: string; appealId: string; supporterOpenid: string }[];
    if (rows.length) await visit(rows);
    seen += rows.length;
    if (rows.length < PAGE) return seen;
    after = rows[rows.length - 1]._id;
  }
}

/** Every supporter of a case, one by one. */
export const forEachSupporter = (db: Db, appealId: string, visit: (s: { _id: string; supporterOpenid: string }) => Promise<void>): Promise<number> =>
  forEachSupporterPage(db, appealId, async (page) => {
    for (const s of page) await visit(s);
  });

/**
 * Tell every supporter what became of the case (dedupe key per supporter and event: a rerun adds nothing). A
 * page's messages go in one insert; should one of them exist already (a rerun), that page goes one by one.
 */
export const tellSupporters = (db: Db, a: SupportedCase, event: SupporterEvent, at: Date): Promise<void> => tellSupportersOf(db, [a], event, at);

export type SupportedCase = { _id: string; trackingNo: string; content: string; hasSupporters?: boolean };
export type SupporterEvent = { key: string; headline: string; body: string; phrase: string };

/** What one supporter is told of their case (keyed per support and event). */
export function supporterNotice(a: SupportedCase, s: { _id: string; supporterOpenid: string }, event: SupporterEvent, at: Date): Notice {
  const shown = redactForPublic(a.content);
  return {
    toOpenid: s.supporterOpenid, template: 'appealStatus',
    values: { trackingNo: a.trackingNo, status: event.phrase, summary: summaryOf(shown, 20), time: at },
    title: event.headline, body: `${event.body}\n「${summaryOf(shown, 24)}」· 编号 ${a.trackingNo}`,
    link: `/packages/suggestion/pages/case/index?id=${a._id}`,
    dedupeKey: `support-${s._id}-${event.key}`,
  };
}

/** The same for several cases at once (a 代表建议's appeals): their supporters paged together. */
export async function tellSupportersOf(db: Db, cases: readonly SupportedCase[], event: SupporterEvent, at: Date): Promise<void> {
  const byId = new Map(cases.filter((a) => a.hasSupporters !== false).map((a) => [a._id, a]));
  if (byId.size === 0) return;
  const notice = (s: { _id: string; appealId: string; supporterOpenid: string }): Notice => supporterNotice(byId.get(s.appealId)!, s, event, at);
  await forEachSupporterPage(db, [...byId.keys()], async (page) => {
    const notices = page.map(notice);
    try {
      await enqueueFreshNotices(db, notices, at);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      for (const n of notices) await enqueueNotice(db, n, at);
    }
  });
}
