/** A person's in-app messages (消息: the outbox documents addressed to them) and subscribe-message credits. */
import type { InboxItem, InboxPage, SubscriptionCredit } from '../../../contracts/inbox';
import type { Db } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { pageByTime } from '../../_platform/paging';
import { isTemplateKey, template, TEMPLATE_KEYS } from '../../_platform/templates';

export async function inboxPage(db: Db, openid: string, cursor: string | undefined): Promise<InboxPage> {
  const inbox = db.collection('outbox');
  const page = await pageByTime(db, (extra) => inbox.where({ openid, ...extra }), 'at', cursor);
  const { total } = await inbox.where({ openid, read: false }).count();
  const items: InboxItem[] = page.docs.map((d) => ({ _id: d._id, title: d.title, body: d.body, read: d.read === true, at: new Date(d.at).toISOString(), ...(d.link ? { link: d.link } : {}) }));
  return { items, unread: total, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export async function unreadCount(db: Db, openid: string): Promise<number> {
  return (await db.collection('outbox').where({ openid, read: false }).count()).total;
}

/** Only the caller's own messages: the openid condition is part of the update. */
export async function markRead(db: Db, openid: string, ids: string[]): Promise<number> {
  const res = await db.collection('outbox').where({ openid, _id: db.command.in(ids), read: false }).update({ data: { read: true } });
  return res.stats.updated;
}

/** One-time subscriptions: each accepted tap grants one credit for that template. */
export async function grantCredits(db: Db, openid: string, accepted: string[], at: Date): Promise<number> {
  if (accepted.some((k) => !isTemplateKey(k))) throw new AppError('INVALID_ARGUMENT', '不是有效的订阅模板');
  for (const key of new Set(accepted)) {
    const id = `${openid}__${key}`;
    const res = await db.collection('subscriptions').where({ _id: id }).update({ data: { credits: db.command.inc(1), updatedAt: at } });
    if (res.stats.updated === 0) {
      try {
        await db.collection('subscriptions').add({ data: { _id: id, openid, templateKey: key, credits: 1, updatedAt: at } });
      } catch {
        await db.collection('subscriptions').doc(id).update({ data: { credits: db.command.inc(1), updatedAt: at } });
      }
    }
  }
  return accepted.length;
}

export async function credits(db: Db, openid: string): Promise<SubscriptionCredit[]> {
  const rows = (await db.collection('subscriptions').where({ openid }).limit(20).get()).data;
  const have = new Map(rows.map((r) => [r.templateKey as string, Number(r.credits) || 0]));
  return TEMPLATE_KEYS.map((key) => ({ templateKey: key, title: template(key).title, credits: have.get(key) ?? 0 }));
}
