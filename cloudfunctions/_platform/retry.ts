import { AppError } from './errors';

/**
 * True when the database says nothing was committed because another write held a document: on WeChat
 * cloud a write to a document another open transaction wrote fails at once, inside the callback, and the
 * SDK does not retry it (it retries only commit-time conflicts, which the cloud does not raise). An
 * ended/expired transaction (DATABASE_TRANSACTION_FAIL, e.g. aborted by that conflict) is the same case.
 */
export function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: unknown; errMsg?: unknown; message?: unknown } | null;
  if (e?.code === 'DATABASE_TRANSACTION_CONFLICT' || e?.code === 'DATABASE_TRANSACTION_FAIL') return true;
  return /TransactionConflict|TransactionNotExist|DATABASE_TRANSACTION_(CONFLICT|FAIL)/.test(String(e?.errMsg ?? e?.message ?? err));
}

export interface RetryOptions {
  /** Attempts in all (default 6). */
  attempts?: number;
  /** First back-off in ms, doubled per attempt, jittered (default 25). */
  baseDelayMs?: number;
}

/**
 * Run a unit of work (a whole transaction, reads included) again while it meets a write lock. Bounded:
 * after the last attempt the caller gets CONFLICT, which a person can retry. Never retries other errors.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, { attempts = 6, baseDelayMs = 25 }: RetryOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
      if (attempt >= attempts) throw new AppError('CONFLICT', '这条记录正在被其他操作修改，请稍后再试');
      const delay = Math.min(400, baseDelayMs * 2 ** (attempt - 1));
      await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * delay));
    }
  }
}
