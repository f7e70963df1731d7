import { createHash } from 'node:crypto';
import { checkQuota, quotaId, type QuotaKind } from '../../domain/limits';
import { findById, type Db, type Transaction } from './db';
import { AppError } from './errors';

/**
 * Per-person daily counters (domain/limits.ts). `takeQuota` runs inside the transaction that writes the
 * record it counts: it reads the counter there and writes it back one higher, so the counter document's
 * write lock serialises parallel requests of one person — they can never pass the limit together.
 */
const personKey = (openid: string) => createHash('sha256').update(`lxq-quota\n${openid}`).digest('hex').slice(0, 24);

export async function quotaUsed(db: Db | Transaction, kind: QuotaKind, openid: string, at: Date): Promise<number> {
  const doc = await findById(db, 'quotas', quotaId(kind, personKey(openid), at));
  return typeof doc?.count === 'number' ? doc.count : 0;
}

/** Refuse (RATE_LIMITED) before any work when the day's allowance is used up already. */
export async function assertQuota(db: Db, kind: QuotaKind, openid: string, at: Date, limit: number): Promise<void> {
  const refused = checkQuota(kind, await quotaUsed(db, kind, openid, at), limit);
  if (refused) throw new AppError(refused.code, refused.message);
}

/** Count one more inside the caller's transaction, or refuse: the transaction then writes nothing. */
export async function takeQuota(tx: Transaction, kind: QuotaKind, openid: string, at: Date, limit: number): Promise<void> {
  const id = quotaId(kind, personKey(openid), at);
  const used = await quotaUsed(tx, kind, openid, at);
  const refused = checkQuota(kind, used, limit);
  if (refused) throw new AppError(refused.code, refused.message);
  await tx.collection('quotas').doc(id).set({ data: { kind, count: used + 1, updatedAt: at } });
}
