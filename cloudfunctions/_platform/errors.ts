import { DEFAULT_MESSAGES, type ErrorCode } from '../../contracts/envelope';
import type { Refusal } from '../../domain/outcome';

/** A refusal with a code the client understands and a Chinese message a resident can read. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? DEFAULT_MESSAGES[code]);
  }
}

export const fail = (code: ErrorCode, message?: string): never => {
  throw new AppError(code, message);
};

/** A domain decision's outcome, or its refusal thrown as the envelope error. */
export function orRefuse<T extends { ok: true }>(decision: T | Refusal): T {
  if (decision.ok) return decision;
  throw new AppError(decision.code, decision.message);
}
