/**
 * Error codes as the SDK understands them. wx-server-sdk maps `code` through its TCB_ERR_CODE table
 * (DATABASE_REQUEST_FAILED → -502001, DATABASE_COLLECTION_NOT_EXIST → -502005, unknown → -501001);
 * runTransaction retries only when a commit fails with DATABASE_TRANSACTION_CONFLICT; an op error inside
 * the callback reaches it as errCode -501001 with the message only (hence the "[…]" tags in messages).
 */
export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'INVALID_PARAM';

export class DbError extends Error {
  readonly code: DbErrorCode;
  constructor(code: DbErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'DbError';
  }
}

export const requestFailed = (message: string): DbError => new DbError('DATABASE_REQUEST_FAILED', message);
export const txConflict = (message: string): DbError => new DbError('DATABASE_TRANSACTION_CONFLICT', message);

/** A write to a document another open transaction has written (MongoDB WriteConflict). */
export const writeConflict = (detail: string): DbError =>
  new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[FailedOperation.TransactionConflict] Transaction is conflict, maybe resource operated by others request: ${detail}. Please retry the whole transaction.`,
  );

/** An operation or commit on a transaction that is over (committed, rolled back, aborted, expired). */
export const txFail = (tid: string, why: string): DbError =>
  new DbError(
    'DATABASE_TRANSACTION_FAIL',
    `[ResourceUnavailable.TransactionNotExist] Transaction ${tid} does not exist on the server (${why}), transaction must be commit or abort in 30 seconds.`,
  );

/** Internal: a plain write met a document locked by an open transaction and must wait for it. */
export class LockWait extends Error {
  constructor(readonly owner: string, readonly what: string) {
    super(`${what} is locked by open transaction ${owner}`);
  }
}
