/** Accounts and administration: who a person is, the first staff member, deputy binding, staff, messages, audit history. */
import { addStaffInput, bindDeputyInput, claimStaffInput, inviteDeputyInput, removeStaffInput, revokeInviteInput } from './account';
import type { BindResult, DeputyAccount, DeputyInvite, RemoveStaffResult, RevokeInviteResult, StaffMember } from './account';
import { inboxInput, markReadInput, subscribeInput } from './inbox';
import type { InboxPage, SubscriptionCredit } from './inbox';
import { action, SIGNED_IN, STAFF_ONLY } from './manifest';
import { blockInput, historyInput, peopleInput, unblockInput } from './staff';
import type { Page } from './appeal';
import type { BlockResult, HistoryEntry, PersonHit } from './staff';
import { setCommunityInput } from './user';
import type { WhoAmI } from './user';
import { bareInput } from './validation';

export const accountManifest = {
  user: {
    whoami: action<WhoAmI>()({ input: bareInput('whoami'), roles: SIGNED_IN }),
    claimStaff: action<{ role: 'staff' }>()({ input: claimStaffInput, roles: SIGNED_IN }),
    bindDeputy: action<BindResult>()({ input: bindDeputyInput, roles: SIGNED_IN }),
    setCommunity: action<{ communityId: string }>()({ input: setCommunityInput, roles: SIGNED_IN }),
    inbox: action<InboxPage>()({ input: inboxInput, roles: SIGNED_IN }),
    unread: action<{ unread: number }>()({ input: bareInput('unread'), roles: SIGNED_IN }),
    markRead: action<{ updated: number }>()({ input: markReadInput, roles: SIGNED_IN }),
    subscribe: action<{ granted: number }>()({ input: subscribeInput, roles: SIGNED_IN }),
    subscriptions: action<SubscriptionCredit[]>()({ input: bareInput('subscriptions'), roles: SIGNED_IN }),
  },
  staff: {
    block: action<BlockResult>()({ input: blockInput, roles: STAFF_ONLY }),
    unblock: action<BlockResult>()({ input: unblockInput, roles: STAFF_ONLY }),
    people: action<PersonHit[]>()({ input: peopleInput, roles: STAFF_ONLY }),
    addStaff: action<StaffMember>()({ input: addStaffInput, roles: STAFF_ONLY }),
    removeStaff: action<RemoveStaffResult>()({ input: removeStaffInput, roles: STAFF_ONLY }),
    staffMembers: action<StaffMember[]>()({ input: bareInput('staffMembers'), roles: STAFF_ONLY }),
    deputyAccounts: action<DeputyAccount[]>()({ input: bareInput('deputyAccounts'), roles: STAFF_ONLY }),
    inviteDeputy: action<DeputyInvite>()({ input: inviteDeputyInput, roles: STAFF_ONLY }),
    revokeInvite: action<RevokeInviteResult>()({ input: revokeInviteInput, roles: STAFF_ONLY }),
    history: action<Page<HistoryEntry>>()({ input: historyInput, roles: STAFF_ONLY }),
  },
};
