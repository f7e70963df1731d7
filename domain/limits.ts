/**
 * Per-person daily limits (China days): appeals (the SLA setting), proposals and draft comments. The count
 * lives in one counter document per person, kind and day, written in the same transaction as the record it
 * counts — so parallel requests can never pass the limit together.
 */
import { refuse, type Refusal } from './outcome';
import { chinaDay } from './time';

export type QuotaKind = 'appeal' | 'proposal' | 'comment';

/** Limits that are not settings; the appeal limit is `dailySubmitLimit` of the SLA settings. */
export const DAILY_LIMITS: Record<Exclude<QuotaKind, 'appeal'>, number> = { proposal: 5, comment: 20 };

const WHAT: Record<QuotaKind, string> = { appeal: '条诉求', proposal: '条项目建议', comment: '条意见' };

/** The counter's key: kind, China day, and a key of the person (never the raw OPENID). */
export function quotaId(kind: QuotaKind, personKey: string, now: Date): string {
  return `${kind}_${chinaDay(now).replace(/-/g, '')}_${personKey}`;
}

/** Refused when the person used the day's allowance already. */
/** `streetPhone` (appeals): offered in the refusal so an urgent case still reaches a person. */
export function checkQuota(kind: QuotaKind, used: number, limit: number, streetPhone = ''): Refusal | null {
  if (used < limit) return null;
  return refuse('RATE_LIMITED', kind === 'appeal' ? `今天已提交 ${limit} 条诉求（每人每天最多 ${limit} 条），请明天再提交；紧急情况请拨打街道电话${streetPhone ? ` ${streetPhone}` : ''}` : `每人每天最多提交 ${limit} ${WHAT[kind]}，请明天再试`);
}
