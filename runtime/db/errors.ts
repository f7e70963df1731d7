/**
 * Error codes as the SDK understands them. wx-server-sdk maps `code` through its TCB_ERR_CODE table
 * (DATABASE_REQUEST_FAILED → -502001, DATABASE_COLLECTION_NOT_EXIST → -502005, unknown → -501001);
 * runTransaction retries only when a commit fails with DATABASE_TRANSACTION_CONFLICT.
 */
export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_TRANSACTION_CONFLICT'
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
