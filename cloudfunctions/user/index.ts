import * as v from 'valibot';
import { bindDeputyInput, claimStaffInput } from '../../contracts/account';
import type { InboxItem, InboxPage, SubscriptionCredit } from '../../contracts/inbox';
import { inboxInput, markReadInput, subscribeInput } from '../../contracts/inbox';
import type { WhoAmI } from '../../contracts/user';
import { idSchema } from '../../contracts/validation';
import { bindDeputy, claimStaff } from '../_lib/accounts';
import { findById } from '../_lib/db';
import { AppError } from '../_lib/errors';
import { action, defineFunction } from '../_lib/handler';
import { pageByTime } from '../_lib/paging';
import { isTemplateKey, template, TEMPLATE_KEYS } from '../_lib/templates';

export const main = defineFunction('user', {
  whoami: action({
    input: v.object({}),
    run: async (_input, { user }): Promise<WhoAmI> => {
      const me: WhoAmI = { openid: user.openid, role: user.role };
      if (user.name) me.name = user.name;
      if (user.role === 'deputy' && user.deputyId) me.deputyId = user.deputyId;
      if (user.communityId) me.communityId = user.communityId;
      return me;
    },
  }),

  /** The first staff member, with the deployment's one-time bootstrap code (LXQ_BOOTSTRAP_CODE). */
  claimStaff: action({
    input: claimStaffInput,
    run: async (input, { db, user, now }) => claimStaff(db, user, input.code, now()),
  }),

  /** A deputy binds their own WeChat account with the invite code staff gave them (or the scanned 小程序码). */
  bindDeputy: action({
    input: bindDeputyInput,
    run: async (input, { db, user, now }) => bindDeputy(db, user, input.code, now()),
  }),

  setCommunity: action({
    input: v.object({ action: v.literal('setCommunity'), communityId: idSchema }),
    run: async (input, { db, user }) => {
      if (!(await findById(db, 'communities', input.communityId))) throw new AppError('INVALID_ARGUMENT', '请选择所在的社区或村');
      await db.collection('users').doc(user._id).update({ data: { communityId: input.communityId } });
      return { communityId: input.communityId };
    },
  }),

  inbox: action({
    input: inboxInput,
    run: async (input, { db, openid }): Promise<InboxPage> => {
      const inbox = db.collection('inbox');
      const page = await pageByTime(db, (extra) => inbox.where({ openid, ...extra }), 'at', input.cursor);
      const { total } = await inbox.where({ openid, read: false }).count();
      const items: InboxItem[] = page.docs.map((d) => ({ _id: d._id, title: d.title, body: d.body, read: d.read === true, at: new Date(d.at).toISOString(), ...(d.link ? { link: d.link } : {}) }));
      return { items, unread: total, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  }),

  unread: action({
    input: v.object({}),
    run: async (_input, { db, openid }) => ({ unread: (await db.collection('inbox').where({ openid, read: false }).count()).total }),
  }),

  markRead: action({
    input: markReadInput,
    run: async (input, { db, openid }) => {
      const _ = db.command;
      // Only the caller's own messages: the openid condition is part of the update.
      const res = await db.collection('inbox').where({ openid, _id: _.in(input.ids), read: false }).update({ data: { read: true } });
      return { updated: res.stats.updated };
    },
  }),

  subscribe: action({
    input: subscribeInput,
    run: async (input, { db, openid, now }) => {
      const unknown = input.accepted.filter((k) => !isTemplateKey(k));
      if (unknown.length > 0) throw new AppError('INVALID_ARGUMENT', '不是有效的订阅模板');
      const at = now();
      // One-time subscriptions: each accepted tap grants one credit for that template.
      for (const key of new Set(input.accepted)) {
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
      return { granted: input.accepted.length };
    },
  }),

  subscriptions: action({
    input: v.object({}),
    run: async (_input, { db, openid }): Promise<SubscriptionCredit[]> => {
      const rows = (await db.collection('subscriptions').where({ openid }).limit(20).get()).data;
      const credits = new Map(rows.map((r) => [r.templateKey as string, Number(r.credits) || 0]));
      return TEMPLATE_KEYS.map((key) => ({ templateKey: key, title: template(key).title, credits: credits.get(key) ?? 0 }));
    },
  }),
});
