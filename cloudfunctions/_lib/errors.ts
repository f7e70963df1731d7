import { DEFAULT_MESSAGES, type ErrorCode } from '../../contracts/envelope';

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
