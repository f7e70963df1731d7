/** What staff do to people's accounts (staff function): block, staff members, deputy invites, audit history. */
import { accountManifest } from '../../../contracts/account.manifest';
import type { HistoryEntry } from '../../../contracts/staff';
import { auditPage } from '../../_platform/audit';
import { pageResult } from '../../_platform/paging';
import { useCase } from '../../_platform/handler';
import { staffMember } from '../../_platform/permissions';
import { addStaff as add, deputyAccounts as roster, inviteDeputy as invite, removeStaff as remove, revokeInvite as revoke, findPeople, setBlocked, staffMembers as members } from './staffAccounts';

const admin = accountManifest.staff;

export const block = useCase(admin.block, { permission: staffMember, run: async (input, { db, user, now }) => setBlocked(db, user, input.openid, true, input.reason, now()) });
export const unblock = useCase(admin.unblock, { permission: staffMember, run: async (input, { db, user, now }) => setBlocked(db, user, input.openid, false, undefined, now()) });
/** Find the person to act on (账号限制, 工作人员). */
export const people = useCase(admin.people, { permission: staffMember, run: async (input, { db }) => findPeople(db, input.query ?? '') });
/** Staff add staff: the person opens the app once, then tells staff their 用户编号 (openid). */
export const addStaff = useCase(admin.addStaff, { permission: staffMember, run: async (input, { db, user, now }) => add(db, user, input.openid, now()) });
export const removeStaff = useCase(admin.removeStaff, { permission: staffMember, run: async (input, { db, user, now }) => remove(db, user, input.openid, now()) });
export const staffMembers = useCase(admin.staffMembers, { permission: staffMember, run: async (_input, { db, user }) => members(db, user) });
/** The roster with binding status and open invites (邀请代表). */
export const deputyAccounts = useCase(admin.deputyAccounts, { permission: staffMember, run: async (_input, { db, cloud, now }) => roster(db, cloud, now()) });
/** A one-time, 7-day invite code and its 小程序码 for a deputy to bind their own WeChat account. */
export const inviteDeputy = useCase(admin.inviteDeputy, { permission: staffMember, run: async (input, { db, cloud, user, now }) => invite(db, cloud, user, input.deputyId, now()) });
export const revokeInvite = useCase(admin.revokeInvite, { permission: staffMember, run: async (input, { db, user, now }) => revoke(db, user, input.code, now()) });
/** One entity's audit trail (操作记录). */
export const history = useCase(admin.history, {
  permission: staffMember,
  run: async (input, { db }) => {
    const page = await auditPage(db, input.entityType, input.entityId, input.cursor);
    return pageResult(page.docs.map((e) => ({ ...(e as unknown as HistoryEntry), at: new Date(e.at).toISOString() })), page.nextCursor);
  },
});
