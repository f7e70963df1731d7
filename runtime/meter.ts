/**
 * Database requests per function invocation, counted where the cloud would bill and wait for them: at
 * `/admin`, one per SDK request (a transaction's start, each read or write inside it, and its commit each
 * count). The host tells the meter which function an invocation belongs to; the server adds the count to
 * the answer (`X-LXQ-DB-Requests`) and lists recent invocations at `/api/dev/requests`.
 */

/** What one SDK request was, in the words of the cloud console's monitoring. */
const KINDS: Record<string, string> = {
  'database.getDocument': 'get',
  'database.getInTransaction': 'get',
  'database.calculateDocument': 'count',
  'database.aggregateDocuments': 'aggregate',
  'database.insertDocument': 'insert',
  'database.modifyDocument': 'update',
  'database.modifyAndReturnDoc': 'update',
  'database.updateDocInTransaction': 'update',
  'database.removeDocument': 'remove',
  'database.deleteDocInTransaction': 'remove',
  'database.startTransaction': 'transaction',
  'database.commitTransaction': 'transaction',
  'database.abortTransaction': 'transaction',
};

export interface InvocationRequests {
  invocation: string;
  fn: string;
  action?: string;
  total: number;
  byKind: Record<string, number>;
}

const KEEP = 5_000;

export class RequestMeter {
  private readonly byInvocation = new Map<string, InvocationRequests>();

  /** An invocation starts: its function and, for a client call, its action. */
  start(invocation: string, fn: string, action?: string): void {
    this.byInvocation.set(invocation, { invocation, fn, ...(action ? { action } : {}), total: 0, byKind: {} });
    if (this.byInvocation.size > KEEP) this.byInvocation.delete(this.byInvocation.keys().next().value as string);
  }

  /** One `/admin` request of an invocation (requests from outside any invocation are not counted). */
  count(invocation: string | undefined, sdkAction: string): void {
    const entry = invocation ? this.byInvocation.get(invocation) : undefined;
    if (!entry || !sdkAction.startsWith('database.')) return;
    const kind = KINDS[sdkAction] ?? sdkAction.slice('database.'.length);
    entry.total += 1;
    entry.byKind[kind] = (entry.byKind[kind] ?? 0) + 1;
  }

  get(invocation: string): InvocationRequests | undefined {
    return this.byInvocation.get(invocation);
  }

  /** The latest invocations, newest last. */
  recent(limit = 100): InvocationRequests[] {
    return [...this.byInvocation.values()].slice(-limit);
  }
}

/** `LXQ_DB_LATENCY_MS`: a simulated network hop before every database request (0 = none). */
export function latencyFromEnv(value: string | undefined): number {
  const ms = Number(value ?? 0);
  if (!Number.isFinite(ms) || ms < 0 || ms > 5_000) throw new Error(`LXQ_DB_LATENCY_MS must be a number of milliseconds from 0 to 5000, not ${value}`);
  return ms;
}
