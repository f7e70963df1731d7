/**
 * What a domain command answers: a whole outcome, or a refusal with a reason a person can read. The codes
 * are the envelope's error codes (contracts/envelope.ts) a refusal can carry; the caller decides the reply.
 */
export type RefusalCode = 'INVALID_ARGUMENT' | 'PERMISSION_DENIED' | 'NOT_FOUND' | 'CONFLICT' | 'FAILED_PRECONDITION' | 'RATE_LIMITED' | 'CONTENT_REJECTED';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** Chinese, for the person; undefined = the envelope's default message for the code. */
  message?: string;
}

export const refuse = (code: RefusalCode, message?: string): Refusal => (message === undefined ? { ok: false, code } : { ok: false, code, message });

export const isRefusal = (x: { ok: boolean }): x is Refusal => x.ok === false;

/** Who an audit entry names as acting. */
export type ActorRole = 'resident' | 'deputy' | 'staff' | 'system';

/** One audit entry a command causes (the writer adds entity, source and time). */
export interface AuditNote {
  action: string;
  actorRole: ActorRole;
  actorOpenid?: string;
  from?: string;
  to?: string;
  note?: string;
}
