/** A person's own account (user function): who they are, their community and messages, the first staff claim, binding. */
import { accountManifest } from '../../../contracts/account.manifest';
import type { WhoAmI } from '../../../contracts/user';
import { useCase } from '../../_platform/handler';
import { signedIn } from '../../_platform/permissions';
import { uploadDirOf } from '../moderation/media';
import { credits, grantCredits, inboxPage, markRead as markInboxRead, unreadCount } from './messages';
import { bindDeputy as bind, claimStaff as claim, setCommunity as saveCommunity } from './selfService';

const mine = accountManifest.user;

export const whoami = useCase(mine.whoami, {
  permission: signedIn,
  run: async (_input, { user }) => {
    const me: WhoAmI = { openid: user.openid, role: user.role, uploadDir: uploadDirOf(user) };
    if (user.name) me.name = user.name;
    if (user.role === 'deputy' && user.deputyId) me.deputyId = user.deputyId;
    if (user.communityId) me.communityId = user.communityId;
    return me;
  },
});

/** The first staff member, with the deployment's one-time bootstrap code (LXQ_BOOTSTRAP_CODE). */
export const claimStaff = useCase(mine.claimStaff, { permission: signedIn, run: async (input, { db, user, now }) => claim(db, user, input.code, now()) });

/** A deputy binds their own WeChat account with the invite code staff gave them (or the scanned 小程序码). */
export const bindDeputy = useCase(mine.bindDeputy, { permission: signedIn, run: async (input, { db, user, now }) => bind(db, user, input.code, now()) });

export const setCommunity = useCase(mine.setCommunity, { permission: signedIn, run: async (input, { db, user }) => saveCommunity(db, user, input.communityId) });
export const inbox = useCase(mine.inbox, { permission: signedIn, run: async (input, { db, openid }) => inboxPage(db, openid, input.cursor) });
export const unread = useCase(mine.unread, { permission: signedIn, run: async (_input, { db, openid }) => ({ unread: await unreadCount(db, openid) }) });
export const markRead = useCase(mine.markRead, { permission: signedIn, run: async (input, { db, openid }) => ({ updated: await markInboxRead(db, openid, input.ids) }) });
export const subscribe = useCase(mine.subscribe, { permission: signedIn, run: async (input, { db, openid, now }) => ({ granted: await grantCredits(db, openid, input.accepted, now()) }) });
export const subscriptions = useCase(mine.subscriptions, { permission: signedIn, run: async (_input, { db, openid }) => credits(db, openid) });

