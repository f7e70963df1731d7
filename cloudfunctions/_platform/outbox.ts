import { randomBytes } from 'node:crypto';
import { isPermanentSendError, MAX_ATTEMPTS, nextAttemptDelayMs } from '../../domain/notifications/backoff';
import { buildTemplateData } from '../../domain/notifications/templateData';
import type { getCloud } from './cloud';
import { insertOnce, type Db, type Doc, type Transaction } from './db';
import { template, type TemplateKey } from './templates';

/**
 * One outbox for every message to a person. Each message is written twice, in the same write as the
 * change that caused it: an in-app inbox entry (never lost) and an outbox item for the WeChat subscribe
 * push, delivered with retry and backoff. The outbox _id is the dedupe key, so nothing is queued twice.
 */
export interface Notice {
  toOpenid: string;
  template: TemplateKey;
  values: Record<string, string | number | Date>;
  title: string;
  body: string;
  link?: string;
  /** Stable key of the event (e.g. `appeal:<id>:assigned:<n>`): the same event never notifies twice. */
  dedupeKey: string;
}

const idFor = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 120);

export async function enqueueNotice(db: Db | Transaction, notice: Notice, at: Date): Promise<string> {
  const queued = await queueNotice(db, notice, at);
  return typeof queued === 'string' ? queued : queued.id;
}

/** A message queued already claimed by the invocation that queued it: it sends it right after commit. */
export interface ClaimedNotice {
  id: string;
  claimId: string;
  item: Doc;
}

/** What deliverSoon takes: outbox ids (it reads and claims them), or messages claimed when queued. */
export type QueuedNotice = string | ClaimedNotice;

/** A claim lasts this long; a sender that died leaves the item to the timer after it (processOutbox). */
const LEASE_MS = 60_000;

/**
 * Queue a message (outbox + inbox). `fresh`: the caller knows the key cannot exist yet — it carries the
 * version this same transaction creates — so no lookup is needed. `claimed`: queue it as being sent by this
 * invocation (status sending, a lease), so deliverSoon sends it without reading and claiming it again.
 */
export async function queueNotice(db: Db | Transaction, notice: Notice, at: Date, opts: { fresh?: boolean; claimed?: boolean } = {}): Promise<QueuedNotice> {
  const id = idFor(notice.dedupeKey);
  const tpl = template(notice.template);
  const claimId = opts.claimed ? randomBytes(8).toString('hex') : undefined;
  const item: Doc = {
    _id: id,
    openid: notice.toOpenid,
    templateKey: notice.template,
    templateId: tpl.templateId,
    page: notice.link ?? tpl.page,
    data: buildTemplateData(tpl.fields, notice.values),
    status: claimId ? 'sending' : 'pending',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    ...(claimId ? { claimId, leaseUntil: new Date(at.getTime() + LEASE_MS) } : {}),
  };
  const inbox = { _id: id, openid: notice.toOpenid, title: notice.title, body: notice.body, link: notice.link ?? null, read: false, at };
  if (opts.fresh) {
    await db.collection('outbox').add({ data: item });
    await db.collection('inbox').add({ data: inbox });
  } else if (await insertOnce(db, 'outbox', item)) {
    await insertOnce(db, 'inbox', inbox);
  } else {
    return id;
  }
  return claimId ? { id, claimId, item } : id;
}

type Cloud = ReturnType<typeof getCloud>;

export interface DeliveryReport {
  sent: number;
  noCredit: number;
  retried: number;
  failed: number;
}

/** Spend one subscription credit if the person has one (conditional update: never below zero). */
async function spendCredit(db: Db, openid: string, templateKey: string, at: Date): Promise<boolean> {
  const _ = db.command;
  const res = await db.collection('subscriptions').where({ _id: `${openid}__${templateKey}`, credits: _.gt(0) }).update({ data: { credits: _.inc(-1), updatedAt: at } });
  return res.stats.updated === 1;
}

async function refundCredit(db: Db, openid: string, templateKey: string, at: Date): Promise<void> {
  await db.collection('subscriptions').doc(`${openid}__${templateKey}`).update({ data: { credits: db.command.inc(1), updatedAt: at } });
}

/** Deliver one claimed outbox item. Every write is conditional on our claim: a worker whose lease ran out cannot overwrite newer state. */
async function deliver(db: Db, cloud: Cloud, item: Doc, claimId: string, at: Date, report: DeliveryReport): Promise<void> {
  const outbox = db.collection('outbox');
  const finish = async (data: object) => (await outbox.where({ _id: item._id, claimId }).update({ data: { ...data, updatedAt: at } })).stats.updated === 1;
  if (!(await spendCredit(db, item.openid, item.templateKey, at))) {
    report.noCredit += 1;
    await finish({ status: 'no_credit', attempts: item.attempts + 1 });
    return;
  }
  try {
    await cloud.openapi.subscribeMessage.send({ touser: item.openid, templateId: item.templateId, page: item.page, data: item.data, miniprogramState: 'formal' });
    report.sent += 1;
    await finish({ status: 'sent', attempts: item.attempts + 1, sentAt: at });
  } catch (err) {
    const errCode = Number((err as { errCode?: number })?.errCode);
    const attempts = item.attempts + 1;
    if (errCode === 43101) {
      // WeChat says the person has no credit left: our ledger was optimistic; reset it.
      await db.collection('subscriptions').doc(`${item.openid}__${item.templateKey}`).update({ data: { credits: 0, updatedAt: at } });
      report.noCredit += 1;
      await finish({ status: 'no_credit', attempts, lastError: 43101 });
    } else if (errCode === 47003 || errCode === 40037) {
      // Our request was wrong (a value the field type refuses, an unknown template): nothing reached the
      // person and WeChat kept their consent, so the credit we spent goes back.
      report.failed += 1;
      if (await finish({ status: 'failed', attempts, lastError: errCode })) await refundCredit(db, item.openid, item.templateKey, at);
    } else if (isPermanentSendError(errCode) || attempts >= MAX_ATTEMPTS) {
      report.failed += 1;
      await finish({ status: 'failed', attempts, lastError: Number.isFinite(errCode) ? errCode : String(err).slice(0, 200) });
    } else if (await finish({ status: 'pending', attempts, nextAttemptAt: new Date(at.getTime() + nextAttemptDelayMs(attempts)), lastError: Number.isFinite(errCode) ? errCode : String(err).slice(0, 200) })) {
      await refundCredit(db, item.openid, item.templateKey, at);
      report.retried += 1;
    }
  }
}

/** Claim an item: only one worker moves it from pending (at this attempt count) to sending, under its own claim id. */
async function claim(db: Db, item: Doc, at: Date): Promise<string | undefined> {
  const claimId = randomBytes(8).toString('hex');
  const res = await db.collection('outbox').where({ _id: item._id, status: 'pending', attempts: item.attempts }).update({ data: { status: 'sending', claimId, leaseUntil: new Date(at.getTime() + LEASE_MS) } });
  return res.stats.updated === 1 ? claimId : undefined;
}

export interface OutboxRunOptions {
  /** Only these outbox ids (right after an action); otherwise every due item (timer). */
  ids?: string[];
  /** Wall-clock time (Date.now()) after which no new item is started. */
  deadline?: number;
  /** Most items handled in this run. */
  maxItems?: number;
}

const BATCH = 50;

/**
 * Process due outbox items (timer), or just the given ids (right after an action), in bounded batches:
 * it stops starting work at the deadline or after maxItems, and the next run picks up where this one
 * stopped (due items are those still pending with nextAttemptAt ≤ now, oldest first).
 */
export async function processOutbox(db: Db, cloud: Cloud, at: Date, opts: OutboxRunOptions = {}): Promise<DeliveryReport & { more: boolean }> {
  const _ = db.command;
  const report: DeliveryReport & { more: boolean } = { sent: 0, noCredit: 0, retried: 0, failed: 0, more: false };
  const outbox = db.collection('outbox');
  const timeLeft = () => (opts.deadline ?? Infinity) - Date.now();
  const max = opts.maxItems ?? Infinity;
  if (!opts.ids) {
    // Items whose worker died mid-send go back to pending after their lease, 100 at a time.
    while (timeLeft() > 0) {
      const stale = (await outbox.where({ status: 'sending', leaseUntil: _.lt(at) }).field({ _id: true }).limit(100).get()).data;
      if (stale.length === 0) break;
      await outbox.where({ _id: _.in(stale.map((d) => d._id)), status: 'sending', leaseUntil: _.lt(at) }).update({ data: { status: 'pending' } });
      if (stale.length < 100) break;
    }
  }
  const idBatches: string[][] = [];
  for (let i = 0; opts.ids && i < opts.ids.length; i += 100) idBatches.push(opts.ids.slice(i, i + 100));
  let handled = 0;
  for (;;) {
    if (handled >= max || timeLeft() <= 0) {
      report.more = true;
      break;
    }
    let due: Doc[];
    if (opts.ids) {
      const ids = idBatches.shift();
      if (!ids) break;
      due = (await outbox.where({ _id: _.in(ids), status: 'pending' }).limit(ids.length).get()).data;
    } else {
      due = (await outbox.where({ status: 'pending', nextAttemptAt: _.lte(at) }).orderBy('nextAttemptAt', 'asc').limit(BATCH).get()).data;
      if (due.length === 0) break;
    }
    for (const item of due) {
      if (handled >= max || timeLeft() <= 0) {
        report.more = true;
        return report;
      }
      handled += 1;
      const claimId = await claim(db, item, at);
      if (claimId) await deliver(db, cloud, item, claimId, at, report);
    }
    if (!opts.ids && due.length < BATCH) break;
  }
  return report;
}

/** Send messages claimed when they were queued, until the deadline (the rest wait for their lease to end). */
async function sendClaimed(db: Db, cloud: Cloud, claimed: ClaimedNotice[], at: Date, deadline: number): Promise<void> {
  const report: DeliveryReport = { sent: 0, noCredit: 0, retried: 0, failed: 0 };
  for (const c of claimed) {
    if (Date.now() >= deadline) return;
    await deliver(db, cloud, c.item, c.claimId, at, report);
  }
}

/** Best effort right after an action; the timer picks up whatever this leaves. */
export async function deliverSoon(db: Db, cloud: Cloud, queued: QueuedNotice[], at: Date, budgetMs = 1500): Promise<void> {
  if (queued.length === 0 || budgetMs <= 0) return;
  const ids = queued.filter((q): q is string => typeof q === 'string');
  const claimed = queued.filter((q): q is ClaimedNotice => typeof q !== 'string');
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = Date.now() + budgetMs;
    const work = (async () => {
      await sendClaimed(db, cloud, claimed, at, deadline);
      if (ids.length) await processOutbox(db, cloud, at, { ids, deadline });
    })();
    // The deadline stops new sends; the race stops waiting for one that hangs.
    await Promise.race([work, new Promise((r) => { timer = setTimeout(r, budgetMs); })]);
  } catch (err) {
    console.warn('deliverSoon failed; the outbox timer will retry', err);
  } finally {
    clearTimeout(timer);
  }
}
