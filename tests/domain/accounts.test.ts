/** Who may become staff, bind a roster entry, add or remove staff, be blocked. */
import { addStaff, block, claimStaff, invitePresents, mayBind, removeStaff, unblock } from '../../domain/accounts/commands';

const resident = { openid: 'r1', role: 'resident' as const };
const NOW = new Date('2026-11-30T02:00:00.000Z');

describe('the first staff member', () => {
  const fresh = { codeMatches: true, claimedBy: null, staffExist: false };
  it('takes the guard with the right code on an empty street', () => {
    expect(claimStaff(resident, fresh)).toEqual({ ok: true, guard: 'take' });
  });
  it('refuses a wrong code, a street that has staff, a code someone else used — alike, so nothing is learnt', () => {
    const denied = { ok: false, code: 'PERMISSION_DENIED', message: '引导码无效或已经用过；需要成为工作人员请联系现有工作人员添加' };
    expect(claimStaff(resident, { ...fresh, codeMatches: false })).toEqual(denied);
    expect(claimStaff(resident, { ...fresh, staffExist: true })).toEqual(denied);
    expect(claimStaff(resident, { ...fresh, claimedBy: 'r9' })).toEqual(denied);
  });
  it('lets the same person finish a claim they started (a retry)', () => {
    expect(claimStaff(resident, { ...fresh, claimedBy: 'r1', staffExist: true })).toEqual({ ok: true, guard: 'ours' });
  });
  it('keeps deputies deputies', () => {
    expect(claimStaff({ openid: 'd', role: 'deputy', deputyId: 'd01' }, fresh)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
});

describe('binding a deputy', () => {
  const invite = { deputyId: 'd01', status: 'active' as const, expiresAt: new Date('2026-12-07T02:00:00.000Z') };
  it('accepts an active invite until it expires', () => {
    expect(invitePresents(invite, resident, NOW)).toBeNull();
    expect(invitePresents(invite, resident, invite.expiresAt)).toBe('邀请码已过期（有效期 7 天），请联系工作人员重新邀请');
  });
  it('refuses used, revoked and replaced invites — except the person who used it retrying', () => {
    expect(invitePresents({ ...invite, status: 'used', usedBy: 'r9' }, resident, NOW)).toBe('邀请码已经被使用');
    expect(invitePresents({ ...invite, status: 'used', usedBy: 'r1' }, resident, NOW)).toBeNull();
    expect(invitePresents({ ...invite, status: 'revoked' }, resident, NOW)).toBe('邀请码已经失效，请联系工作人员重新邀请');
    expect(invitePresents({ ...invite, status: 'replaced' }, resident, NOW)).toBe('邀请码已经失效，请联系工作人员重新邀请');
  });
  it('binds residents and the same deputy again, never staff or another deputy', () => {
    expect(mayBind(resident, 'd01')).toBeNull();
    expect(mayBind({ openid: 'x', role: 'deputy', deputyId: 'd01' }, 'd01')).toBeNull();
    expect(mayBind({ openid: 'x', role: 'deputy', deputyId: 'd02' }, 'd01')).toMatchObject({ code: 'FAILED_PRECONDITION', message: '您的微信账号已经绑定为另一位代表' });
    expect(mayBind({ openid: 's', role: 'staff' }, 'd01')).toMatchObject({ code: 'FAILED_PRECONDITION' });
  });
});

describe('staff on other accounts', () => {
  it('add a person who opened the app, not staff already, not a deputy', () => {
    expect(addStaff(resident)).toEqual({ ok: true, from: 'resident' });
    expect(addStaff(undefined)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(addStaff({ openid: 's2', role: 'staff' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(addStaff({ openid: 'd', role: 'deputy', deputyId: 'd01' })).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('remove another staff member, never oneself', () => {
    const me = { openid: 's1', role: 'staff' as const };
    expect(removeStaff(me, 's2', { openid: 's2', role: 'staff' })).toEqual({ ok: true });
    expect(removeStaff(me, 's1', me)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION', message: '不能移除自己，请由其他工作人员操作' });
    expect(removeStaff(me, 'r1', resident)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
  it('block only residents; unblock anyone known', () => {
    expect(block(resident)).toEqual({ ok: true, from: 'active' });
    expect(block({ ...resident, blocked: true })).toEqual({ ok: true, from: 'blocked' });
    expect(block({ openid: 'd', role: 'deputy', deputyId: 'd01' })).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION', message: '只能限制居民账号' });
    expect(unblock({ ...resident, blocked: true })).toEqual({ ok: true, from: 'blocked' });
    expect(unblock(undefined)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
