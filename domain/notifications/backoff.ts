/** Retry schedule for outbox deliveries: exponential with a cap; after MAX_ATTEMPTS the message is inboxed only. */
export const MAX_ATTEMPTS = 5;

export function nextAttemptDelayMs(attempts: number, baseMs = 30_000, capMs = 30 * 60_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** WeChat errcodes that will not succeed on retry. */
export function isPermanentSendError(errCode: number | undefined): boolean {
  return errCode === 43101 || errCode === 47003 || errCode === 40037 || errCode === 40003;
}
