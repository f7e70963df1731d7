/**
 * What a person does to their own account (user function): become the first staff member with the
 * deployment's one-time bootstrap code, or bind their WeChat account to a deputy roster entry with an invite.
 * Roles live only in `users`; every change is audited; domain/accounts/commands.ts decides. What staff do to
 * others is in staffAccounts.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { BindResult } from '../../../contracts/account';
import { bootstrapTaken, claimStaff as decideClaim, invitePresents, mayBind, type InviteState } from '../../../domain/accounts/commands';
import { appendAudit } from '../../_platform/audit';
import { findById, isDuplicateKey, type Db, type Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import type { UserDoc } from '../../_platform/users';

const BOOTSTRAP_DOC = 'bootstrap';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The first staff member: the caller with the deployment's LXQ_BOOTSTRAP_CODE becomes staff, once. The guard is
 * the unique insert of settings/bootstrap — of two concurrent claims exactly one inserts it. After that (or when
 * no code is configured, or staff already exist) the code is dead for everyone.
 */
export async function claimStaff(db: Db, user: UserDoc, code: string, at: Date): Promise<{ role: 'staff' }> {
  const configured = (process.env.LXQ_BOOTSTRAP_CODE ?? '').trim();
  const codeMatches = configured.length >= 8 && sameSecret(code, configured);
  // Read only what the decision needs: nothing for a wrong code, the staff count only while unclaimed.
  const guard = codeMatches ? await findById(db, 'settings', BOOTSTRAP_DOC) : null;
  const claimedBy = guard ? String(guard.claimedBy ?? '') || 'someone' : null;
  const staffExist = codeMatches && !guard && user.role !== 'deputy' ? (await db.collection('users').where({ role: 'staff' }).count()).total > 0 : false;
  const decision = orRefuse(decideClaim(user, { codeMatches, claimedBy, staffExist }));
  if (decision.guard === 'take') {
    try {
      await db.collection('settings').add({ data: { _id: BOOTSTRAP_DOC, claimedBy: user.openid, claimedAt: at } });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      orRefuse(bootstrapTaken()); // another claim won
    }
  }
  // The guard is ours: (re)apply the role — a retry after a failure here completes the claim.
  if (user.role !== 'staff') {
    await db.collection('users').doc(user._id).update({ data: { role: 'staff', updatedAt: at } });
    await appendAudit(db, { entityType: 'user', entityId: user._id, action: 'claim_staff', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: user.role, to: 'staff', at, note: '使用部署引导码成为第一位工作人员（引导码随即失效）' });
  }
  return { role: 'staff' };
}

export async function findUser(db: Db, openid: string): Promise<Doc | undefined> {
  return (await db.collection('users').where({ openid }).limit(1).get()).data[0];
}

/**
 * The caller becomes the invite's roster entry: the invite is used up, the deputy points at the caller's
 * account, and an account bound before becomes a resident — all in one transaction.
 */
export async function bindDeputy(db: Db, user: UserDoc, code: string, at: Date): Promise<BindResult> {
  const invite = await findById(db, 'deputyInvites', code);
  if (!invite) throw new AppError('NOT_FOUND', '邀请码不正确，请核对后再输入');
  const problem = (inv: Doc) => invitePresents(inv as unknown as InviteState, user, at);
  const early = problem(invite);
  if (early) throw new AppError('FAILED_PRECONDITION', early);
  if (invite.status === 'used') {
    // The same person binding again (a retry): already done.
    const d = await findById(db, 'deputies', invite.deputyId);
    return { role: 'deputy', deputyId: invite.deputyId, name: d?.name ?? invite.deputyName, replacedAccount: false };
  }
  const refused = mayBind(user, invite.deputyId);
  if (refused) orRefuse(refused);
  const deputy = await findById(db, 'deputies', invite.deputyId);
  if (!deputy) throw new AppError('NOT_FOUND', '名册中已没有这位代表');
  const previous = deputy.openid && deputy.openid !== user.openid ? await findUser(db, deputy.openid) : undefined;
  const _ = db.command;
  for (let attempt = 0; ; attempt++) {
    try {
      await db.runTransaction(async (tx) => {
        const inv = await findById(tx, 'deputyInvites', code);
        const late = inv ? problem(inv) : '邀请码已经失效，请联系工作人员重新邀请';
        if (late) throw new AppError('FAILED_PRECONDITION', late);
        const me = await findById(tx, 'users', user._id);
        const refusedNow = me ? mayBind({ openid: user.openid, role: me.role, deputyId: me.deputyId }, invite.deputyId) : null;
        if (refusedNow) orRefuse(refusedNow);
        const current = await findById(tx, 'deputies', deputy._id);
        if ((current?.openid ?? null) !== (deputy.openid ?? null)) throw new AppError('CONFLICT', '这位代表的绑定刚刚有变化，请重试');
        await tx.collection('deputyInvites').doc(code).update({ data: { status: 'used', usedBy: user.openid, usedAt: at } });
        await tx.collection('deputies').doc(deputy._id).update({ data: { openid: user.openid, boundAt: at } });
        await tx.collection('users').doc(user._id).update({ data: { role: 'deputy', deputyId: deputy._id, name: deputy.name, updatedAt: at } });
        if (previous) await tx.collection('users').doc(previous._id).update({ data: { role: 'resident', deputyId: _.remove(), name: _.remove(), updatedAt: at } });
        await appendAudit(tx, {
          entityType: 'deputy', entityId: deputy._id, action: previous ? 'rebind' : 'bind', actorOpenid: user.openid, actorRole: 'deputy', source: 'app', at,
          from: deputy.openid ? 'bound' : 'unbound', to: 'bound',
          note: previous ? `${deputy.name}代表改用新的微信账号（邀请码 ${code}），原账号已改为居民身份` : `${deputy.name}代表绑定了本人微信账号（邀请码 ${code}）`,
        });
      });
      return { role: 'deputy', deputyId: deputy._id, name: deputy.name, replacedAccount: !!previous };
    } catch (err) {
      if (err instanceof AppError) throw err;
      // A concurrent write to one of these documents (another tap on the same code): look again.
      if (attempt >= 2) throw err;
      await sleep(30 * (attempt + 1));
      const again = await findById(db, 'deputyInvites', code);
      const why = again ? problem(again) : null;
      if (why) throw new AppError('FAILED_PRECONDITION', why);
      if (again?.status === 'used') return { role: 'deputy', deputyId: deputy._id, name: deputy.name, replacedAccount: !!previous };
    }
  }
}

/** The community a person says they live in (it must exist). */
export async function setCommunity(db: Db, user: UserDoc, communityId: string): Promise<{ communityId: string }> {
  if (!(await findById(db, 'communities', communityId))) throw new AppError('INVALID_ARGUMENT', '请选择所在的社区或村');
  await db.collection('users').doc(user._id).update({ data: { communityId } });
  return { communityId };
}
