import * as accounts from '../_capabilities/accounts/own';
import { mediaCheckPush } from '../_capabilities/moderation/pushes';
import { serve } from '../_platform/handler';

/** A person's own account: who they are, their community and messages, the first staff claim, deputy binding. */
export const actions = {
  whoami: accounts.whoami,
  claimStaff: accounts.claimStaff,
  bindDeputy: accounts.bindDeputy,
  setCommunity: accounts.setCommunity,
  inbox: accounts.inbox,
  unread: accounts.unread,
  markRead: accounts.markRead,
  subscribe: accounts.subscribe,
  subscriptions: accounts.subscriptions,
};

/** Message push wxa_media_check (images' asynchronous check) is configured to this function (README). */
export const main = serve('user', actions, { messages: { wxa_media_check: mediaCheckPush } });
