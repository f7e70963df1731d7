import { createHash, createHmac } from 'node:crypto';
import { AppError } from '../../_platform/errors';

/**
 * Votes carry a pseudonymous voter key, not the OPENID: an HMAC of the OPENID under the environment's
 * LXQ_VOTE_SECRET (set once by deploy; generated into DATA_DIR locally). Without the secret nobody — console
 * readers included — can compute whose key is whose; with the same secret the key is stable, so the vote's
 * primary key still allows one vote per person.
 */
export function voterHash(openid: string, env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.LXQ_VOTE_SECRET;
  if (!secret || secret.length < 16) throw new AppError('FAILED_PRECONDITION', '票决服务尚未配置完成，请联系街道工作人员');
  return createHmac('sha256', secret).update(openid).digest('hex').slice(0, 32);
}

/**
 * The key votes cast before the HMAC carried (a public formula). Only looked up — so those voters still
 * cannot vote twice and still see their vote — never written.
 */
export const legacyVoterHash = (openid: string): string => createHash('sha256').update(`lxq-vote\n${openid}`).digest('hex').slice(0, 24);

/** Both keys a person's vote may be stored under, the current one first. */
export const voterKeys = (openid: string): [string, string] => [voterHash(openid), legacyVoterHash(openid)];
