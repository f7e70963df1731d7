import * as v from 'valibot';
import { idSchema } from './validation';

/** Where a deputy's invite QR code (小程序码) lands: the scene carries the invite code. */
export const BIND_PAGE = 'packages/account/pages/bind/index';
export { INVITE_DAYS } from '../domain/accounts/commands';

const openidSchema = v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '不是有效的用户编号'));

/** Invite codes: 8 letters/digits; spaces, dashes and lower case are forgiven when typed. */
export const inviteCodeSchema = v.pipe(
  v.string('应为文本'),
  v.maxLength(40, '邀请码应为 8 位字母或数字'),
  v.transform((s) => s.toUpperCase().replace(/[\s-]/g, '')),
  v.regex(/^[A-Z0-9]{8}$/, '邀请码应为 8 位字母或数字'),
);

export const claimStaffInput = v.object({ action: v.literal('claimStaff'), code: v.pipe(v.string('应为文本'), v.trim(), v.minLength(1, '请输入引导码'), v.maxLength(128, '引导码过长')) });
export const bindDeputyInput = v.object({ action: v.literal('bindDeputy'), code: inviteCodeSchema });
export const inviteDeputyInput = v.object({ action: v.literal('inviteDeputy'), deputyId: idSchema });
export const revokeInviteInput = v.object({ action: v.literal('revokeInvite'), code: inviteCodeSchema });
export const addStaffInput = v.object({ action: v.literal('addStaff'), openid: openidSchema });
export const removeStaffInput = v.object({ action: v.literal('removeStaff'), openid: openidSchema });

export interface DeputyInvite {
  code: string;
  deputyId: string;
  deputyName: string;
  expiresAt: string;
  /** Cloud file id of the 小程序码 PNG (an <Image> shows it), or null when it could not be made. */
  qr: string | null;
  qrError?: string;
}

/** One roster entry as the 邀请代表 page lists it: bound or not, and its open invite. */
export interface DeputyAccount {
  _id: string;
  name: string;
  stationName: string;
  active: boolean;
  bound: boolean;
  boundAt: string | null;
  invite: { code: string; qr: string | null; expiresAt: string } | null;
}

export interface BindResult {
  role: 'deputy';
  deputyId: string;
  name: string;
  /** The roster entry had another WeChat account, which is now a resident. */
  replacedAccount: boolean;
}

export interface RemoveStaffResult {
  openid: string;
  role: 'resident';
}

export interface RevokeInviteResult {
  code: string;
  status: 'revoked';
}

export interface StaffMember {
  openid: string;
  name: string;
  isMe: boolean;
}
