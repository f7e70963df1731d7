import { randomBytes } from 'node:crypto';
import { isPermanentSendError, MAX_ATTEMPTS, nextAttemptDelayMs } from '../../domain/notifications/backoff';
import { buildTemplateData } from '../../domain/notifications/templateData';
import type { getCloud } from './cloud';
import { insertAll, insertOnce, type Db, type Doc, type Transaction } from './db';
import { template, type TemplateKey } from './templates';

/**
 * One outbox for every message to a person: one document, written in the same transaction as the change
 * that caused it, is both the in-app message (消息: title, body, link, read — never lost) and the WeChat
 * subscribe push delivered with retry and backoff (status, attempts, lease). One insert per message; the
 * _id is the event's dedupe key, so nothing is queued twice.
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

/** A claim lasts this long; a sender that died leaves the item to the timer after it (processOutbox). */
const LEASE_MS = 60_000;

/**
 * Queue a message (one outbox document: the in-app message and its push). `fresh`: the caller knows the key
 * cannot exist yet — it carries the version this same transaction creates — so no lookup is needed. The push
 * goes out with the notify timer's next run (every minute), never inside the action a person waits for.
 */
export async function enqueueNotice(db: Db | Transaction, notice: Notice, at: Date, opts: { fresh?: boolean } = {}): Promise<string> {
  const item = outboxDoc(notice, at);
  if (opts.fresh) await db.collection('outbox').add({ data: item });
  else await insertOnce(db, 'outbox', item);
  return item._id;
}

/** Messages whose keys cannot exist yet (see enqueueNotice `fresh`), queued in one insert. */
export async function enqueueFreshNotices(db: Db | Transaction, notices: readonly Notice[], at: Date): Promise<void> {
  await insertAll(db, 'outbox', notices.map((n) => outboxDoc(n, at)));
}

/** One outbox document: the in-app message and its push. */
function outboxDoc(notice: Notice, at: Date): Doc {
  const tpl = template(notice.template);
  return {
    _id: idFor(notice.dedupeKey),
    openid: notice.toOpenid,
    // The in-app message (accounts/messages.ts reads these).
    title: notice.title,
    body: notice.body,
    link: notice.link ?? null,
    read: false,
    at,
    // The push (processOutbox delivers it).
    templateKey: notice.template,
    templateId: tpl.templateId,
    page: notice.link ?? tpl.page,
    data: buildTemplateData(tpl.fields, notice.values),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  };
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
