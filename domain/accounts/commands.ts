/**
 * Accounts: who may become staff, bind a deputy roster entry, or be blocked. Roles live only in the users
 * collection; these rules decide every change of one.
 */
import { refuse, type Refusal } from '../outcome';
import type { Role } from '../roles';

/** An invite stops working this many days after it was made. */
export const INVITE_DAYS = 7;

export interface Person {
  openid: string;
  role: Role;
  deputyId?: string;
  blocked?: boolean;
}

const BOOTSTRAP_DENIED = '引导码无效或已经用过；需要成为工作人员请联系现有工作人员添加';

/**
 * The first staff member, with the deployment's code: refused once anyone claimed it (unless it was this
 * person — a retry completes the claim), when staff exist, or for a deputy.
 */
export function claimStaff(person: Person, state: { codeMatches: boolean; claimedBy: string | null; staffExist: boolean }): { ok: true; guard: 'ours' | 'take' } | Refusal {
  if (!state.codeMatches) return refuse('PERMISSION_DENIED', BOOTSTRAP_DENIED);
  if (state.claimedBy) return state.claimedBy === person.openid ? { ok: true, guard: 'ours' } : refuse('PERMISSION_DENIED', BOOTSTRAP_DENIED);
  if (person.role === 'deputy') return refuse('FAILED_PRECONDITION', '代表账号不能用引导码成为工作人员');
  if (state.staffExist) return refuse('PERMISSION_DENIED', BOOTSTRAP_DENIED);
  return { ok: true, guard: 'take' };
}

/** Another claim won the guard. */
export const bootstrapTaken = (): Refusal => refuse('PERMISSION_DENIED', BOOTSTRAP_DENIED);

export interface InviteState {
  deputyId: string;
  status: 'active' | 'used' | 'revoked' | 'replaced';
  usedBy?: string;
  expiresAt: Date;
}

/** Why an invite cannot bind this person now (null: it can; a used invite of this person is a retry). */
export function invitePresents(invite: InviteState, person: Person, now: Date): string | null {
  if (invite.status === 'used') return invite.usedBy === person.openid ? null : '邀请码已经被使用';
  if (invite.status !== 'active') return '邀请码已经失效，请联系工作人员重新邀请';
  if (new Date(invite.expiresAt) <= now) return `邀请码已过期（有效期 ${INVITE_DAYS} 天），请联系工作人员重新邀请`;
  return null;
}

/** Who may bind a roster entry: not staff, not a deputy bound to another entry. */
export function mayBind(person: Person, deputyId: string): Refusal | null {
  if (person.role === 'staff') return refuse('FAILED_PRECONDITION', '工作人员账号不能绑定为代表；请代表用本人的微信打开');
  if (person.role === 'deputy' && person.deputyId !== deputyId) return refuse('FAILED_PRECONDITION', '您的微信账号已经绑定为另一位代表');
  return null;
}

/** Staff add a colleague: a person who opened the app, neither staff yet nor a deputy. */
export function addStaff(target: Person | undefined): { ok: true; from: Role } | Refusal {
  if (!target) return refuse('NOT_FOUND', '没有这个用户：请对方先打开一次小程序，再把“我的用户编号”发给您');
  if (target.role === 'staff') return refuse('CONFLICT', '对方已经是工作人员');
  if (target.role === 'deputy') return refuse('FAILED_PRECONDITION', '对方的账号已绑定为代表，不能同时做工作人员');
  return { ok: true, from: target.role };
}

/** Staff remove a colleague (never themselves). */
export function removeStaff(actor: Person, targetOpenid: string, target: Person | undefined): { ok: true } | Refusal {
  if (targetOpenid === actor.openid) return refuse('FAILED_PRECONDITION', '不能移除自己，请由其他工作人员操作');
  if (!target || target.role !== 'staff') return refuse('NOT_FOUND', '对方不是工作人员');
  return { ok: true };
}

/** Only residents' accounts can be held (their appeals then wait for review). */
export function block(target: Person | undefined): { ok: true; from: 'blocked' | 'active' } | Refusal {
  if (!target) return refuse('NOT_FOUND', '没有这个用户');
  if (target.role !== 'resident') return refuse('FAILED_PRECONDITION', '只能限制居民账号');
  return { ok: true, from: target.blocked ? 'blocked' : 'active' };
}

export function unblock(target: Person | undefined): { ok: true; from: 'blocked' | 'active' } | Refusal {
  if (!target) return refuse('NOT_FOUND', '没有这个用户');
  return { ok: true, from: target.blocked ? 'blocked' : 'active' };
}
