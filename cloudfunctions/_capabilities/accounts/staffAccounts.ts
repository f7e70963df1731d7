/**
 * What staff do to other people's accounts (staff function): add and remove staff, and invite deputies to
 * bind their own WeChat account with a one-time, expiring, revocable code and its 小程序码. All audited.
 */
import { randomInt } from 'node:crypto';
import { BIND_PAGE, INVITE_DAYS, type DeputyAccount, type DeputyInvite, type RemoveStaffResult, type RevokeInviteResult, type StaffMember } from '../../../contracts/account';
import { addStaff as decideAdd, block as decideBlock, removeStaff as decideRemove, unblock as decideUnblock, type Person } from '../../../domain/accounts/commands';
import { addDays } from '../../../domain/time';
import { appendAudit } from '../../_platform/audit';
import type { getCloud } from '../../_platform/cloud';
import { findById, isDuplicateKey, type Db, type Doc } from '../../_platform/db';
import type { PersonHit } from '../../../contracts/staff';
import { AppError, orRefuse } from '../../_platform/errors';
import { directoryNames } from '../../_platform/directory';
import type { UserDoc } from '../../_platform/users';
import { findUser } from './selfService';

type Cloud = ReturnType<typeof getCloud>;
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'; // no I, L, O, 0, 1: read aloud or typed without mix-ups


export async function addStaff(db: Db, actor: UserDoc, openid: string, at: Date): Promise<StaffMember> {
  const target = await findUser(db, openid);
  orRefuse(decideAdd(target as Person | undefined));
  if (!target) throw new AppError('NOT_FOUND');
  await db.collection('users').doc(target._id).update({ data: { role: 'staff', updatedAt: at } });
  await appendAudit(db, { entityType: 'user', entityId: target._id, action: 'add_staff', actorOpenid: actor.openid, actorRole: 'staff', source: 'app', from: target.role, to: 'staff', at, note: `添加工作人员 ${target.name ?? openid}` });
  return { openid, name: target.name ?? '', isMe: false };
}

export async function removeStaff(db: Db, actor: UserDoc, openid: string, at: Date): Promise<RemoveStaffResult> {
  const target = openid === actor.openid ? undefined : await findUser(db, openid);
  orRefuse(decideRemove(actor, openid, target as Person | undefined));
  if (!target) throw new AppError('NOT_FOUND');
  await db.collection('users').doc(target._id).update({ data: { role: 'resident', updatedAt: at } });
  await appendAudit(db, { entityType: 'user', entityId: target._id, action: 'remove_staff', actorOpenid: actor.openid, actorRole: 'staff', source: 'app', from: 'staff', to: 'resident', at, note: `移除工作人员 ${target.name ?? openid}` });
  return { openid, role: 'resident' };
}

export async function staffMembers(db: Db, me: UserDoc): Promise<StaffMember[]> {
  const rows = (await db.collection('users').where({ role: 'staff' }).limit(50).get()).data;
  return rows.map((u) => ({ openid: u.openid, name: u.name ?? '', isMe: u.openid === me.openid })).sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.openid.localeCompare(b.openid));
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

async function makeQr(cloud: Cloud, code: string): Promise<{ qr: string | null; qrError?: string }> {
  try {
    const res = (await cloud.openapi.wxacode.getUnlimited({ scene: code, page: BIND_PAGE, checkPath: false, envVersion: process.env.LXQ_WXACODE_ENV_VERSION || 'release', width: 430 })) as { buffer?: Buffer };
    if (!res.buffer) throw new Error('no image in the reply');
    const { fileID } = await cloud.uploadFile({ cloudPath: `invites/${code}.png`, fileContent: res.buffer });
    return { qr: fileID };
  } catch (err) {
    console.warn('[invite] wxacode.getUnlimited failed', (err as { errCode?: number }).errCode ?? err);
    return { qr: null, qrError: '小程序码暂时无法生成，可以把邀请码直接发给代表，在“绑定代表身份”页输入' };
  }
}

/** A new one-time invite for a roster entry (any open one for the same deputy is replaced). */
export async function inviteDeputy(db: Db, cloud: Cloud, actor: UserDoc, deputyId: string, at: Date): Promise<DeputyInvite> {
  const deputy = await findById(db, 'deputies', deputyId);
  if (!deputy) throw new AppError('NOT_FOUND', '名册中没有这位代表');
  if (deputy.active !== true) throw new AppError('FAILED_PRECONDITION', '这位代表已不在职，不能邀请绑定');
  const invites = db.collection('deputyInvites');
  const replaced = await invites.where({ deputyId, status: 'active' }).update({ data: { status: 'replaced', endedAt: at, endedBy: actor.openid } });
  const expiresAt = addDays(at, INVITE_DAYS);
  let code = '';
  for (let attempt = 0; attempt < 5 && !code; attempt++) {
    const candidate = newCode();
    try {
      await invites.add({ data: { _id: candidate, deputyId, deputyName: deputy.name, status: 'active', createdAt: at, createdBy: actor.openid, expiresAt, qr: null } });
      code = candidate;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  if (!code) throw new AppError('INTERNAL');
  const qr = await makeQr(cloud, code);
  if (qr.qr) await invites.doc(code).update({ data: { qr: qr.qr } });
  await appendAudit(db, {
    entityType: 'deputy', entityId: deputyId, action: 'invite', actorOpenid: actor.openid, actorRole: 'staff', source: 'app', at, to: 'invited',
    note: `生成绑定邀请码 ${code}，${INVITE_DAYS} 天内有效${replaced.stats.updated > 0 ? '（之前的邀请码作废）' : ''}`,
  });
  return { code, deputyId, deputyName: deputy.name, expiresAt: expiresAt.toISOString(), ...qr };
}

export async function revokeInvite(db: Db, actor: UserDoc, code: string, at: Date): Promise<RevokeInviteResult> {
  const invite = await findById(db, 'deputyInvites', code);
  if (!invite) throw new AppError('NOT_FOUND', '没有这个邀请码');
  const res = await db.collection('deputyInvites').where({ _id: code, status: 'active' }).update({ data: { status: 'revoked', endedAt: at, endedBy: actor.openid } });
  if (res.stats.updated === 0) throw new AppError('FAILED_PRECONDITION', invite.status === 'used' ? '邀请码已经被使用' : '邀请码已经失效');
  await appendAudit(db, { entityType: 'deputy', entityId: invite.deputyId, action: 'revoke_invite', actorOpenid: actor.openid, actorRole: 'staff', source: 'app', at, from: 'invited', to: 'revoked', note: `撤销邀请码 ${code}` });
  return { code, status: 'revoked' };
}

/** The roster with each entry's binding and open invite (never the bound openid). */
export async function deputyAccounts(db: Db, cloud: Cloud, at: Date): Promise<DeputyAccount[]> {
  // Binding status and invites fresh (staff watch a binding happen); station names from the warm directory.
  const [deputies, stationName, invites] = await Promise.all([
    db.collection('deputies').limit(100).get(),
    directoryNames(db, 'stations'),
    db.collection('deputyInvites').where({ status: 'active' }).limit(100).get(),
  ]);
  const open = invites.data.filter((i) => new Date(i.expiresAt) > at);
  const qrIds = open.map((i) => i.qr).filter((x): x is string => typeof x === 'string');
  const urls = new Map<string, string>();
  if (qrIds.length > 0) {
    try {
      const { fileList } = (await cloud.getTempFileURL({ fileList: qrIds.slice(0, 50) })) as { fileList: unknown[] };
      for (const f of fileList as { fileID: string; tempFileURL: string }[]) if (f.tempFileURL) urls.set(f.fileID, f.tempFileURL);
    } catch {
      // QR images are a convenience: the codes still show
    }
  }
  const inviteOf = new Map(open.map((i) => [i.deputyId as string, { code: i._id, qr: i.qr ? (urls.get(i.qr) ?? i.qr) : null, expiresAt: new Date(i.expiresAt).toISOString() }]));
  return deputies.data
    .map((d) => ({ _id: d._id, name: d.name, stationName: stationName.get(d.stationId) ?? '', active: d.active === true, bound: !!d.openid, boundAt: d.boundAt ? new Date(d.boundAt).toISOString() : null, invite: inviteOf.get(d._id) ?? null }))
    .sort((a, b) => a._id.localeCompare(b._id));
}


/** A person as staff find them: never the full phone, never the openid as a name. */
export const personOf = (u: Doc): PersonHit => ({
  openid: u.openid,
  name: (typeof u.name === 'string' && u.name) || (typeof u.contactName === 'string' && u.contactName) || '',
  role: u.role,
  blocked: u.blocked === true,
  ...(u.blocked && u.blockedReason ? { blockedReason: u.blockedReason } : {}),
  ...(u.phoneTail ? { phoneTail: u.phoneTail } : {}),
  ...(u.communityId ? { communityId: u.communityId } : {}),
  ...(u.lastTrackingNo ? { lastTrackingNo: u.lastTrackingNo } : {}),
});

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Who staff mean: by tracking number, phone tail (4 digits; a full number uses its tail), 用户编号, or name from its first character; empty = who is restricted now. */
export async function findPeople(db: Db, query: string): Promise<PersonHit[]> {
  const users = db.collection('users');
  const _ = db.command;
  const q = query.replace(/\s+/g, '');
  if (!q) return (await users.where({ blocked: true }).limit(50).get()).data.map(personOf);
  const tracking = /^(\d{8})-?(\d{5})$/.exec(q);
  if (tracking) {
    const appeal = (await db.collection('appeals').where({ trackingNo: `${tracking[1]}-${tracking[2]}` }).limit(1).get()).data[0];
    if (!appeal) return [];
    const owner = (await users.where({ openid: appeal.submitterOpenid }).limit(1).get()).data[0];
    if (!owner) return [];
    const hit = personOf(owner);
    return [{ ...hit, lastTrackingNo: appeal.trackingNo, ...(!appeal.anonymous && appeal.contact?.name && !hit.name ? { name: appeal.contact.name } : {}) }];
  }
  if (/^\d{4}$|^1\d{10}$/.test(q)) return (await users.where({ phoneTail: q.slice(-4) }).limit(20).get()).data.map(personOf);
  // A 用户编号 (openid) a colleague read out from their 账号与身份 page.
  if (/^[A-Za-z0-9_-]{6,64}$/.test(q)) {
    const exact = (await users.where({ openid: q }).limit(1).get()).data;
    if (exact.length > 0) return exact.map(personOf);
  }
  const prefix = db.RegExp({ regexp: `^${escapeRegex(q)}` });
  return (await users.where(_.or([{ name: prefix }, { contactName: prefix }])).limit(20).get()).data.map(personOf);
}

/** Hold or release a resident's account (their appeals then wait for review); audited. */
export async function setBlocked(db: Db, actor: UserDoc, openid: string, blocked: boolean, reason: string | undefined, at: Date): Promise<PersonHit> {
  const target = await findUser(db, openid);
  const decision = orRefuse(blocked ? decideBlock(target as Person | undefined) : decideUnblock(target as Person | undefined));
  if (!target) throw new AppError('NOT_FOUND');
  await db.collection('users').doc(target._id).update({ data: blocked ? { blocked: true, blockedReason: reason, blockedAt: at } : { blocked: false } });
  await appendAudit(db, { entityType: 'user', entityId: target._id, action: blocked ? 'block' : 'unblock', actorOpenid: actor.openid, actorRole: 'staff', source: 'app', from: decision.from, to: blocked ? 'blocked' : 'active', at, ...(blocked && reason ? { note: reason } : {}) });
  return { ...personOf({ ...target, blocked, ...(blocked ? { blockedReason: reason } : {}) }), openid, blocked };
}
