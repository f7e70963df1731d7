/**
 * Slowly changing data (settings, the calendar, the directory) kept in the warm function instance for a
 * short time: a warm cloud instance keeps its module state between invocations, and each read saved is a
 * network hop. A change made through this instance forgets its key at once; a change made elsewhere (another
 * function, the console) is seen within the expiry. `LXQ_WARM_CACHE_MS` sets it (0 = always read).
 */
const DEFAULT_MS = 30_000;

const entries = new Map<string, { until: number; value: Promise<unknown> }>();

function expiryMs(): number {
  const ms = Number(process.env.LXQ_WARM_CACHE_MS ?? DEFAULT_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : DEFAULT_MS;
}

/** The cached value of `key`, loaded once per expiry; a failed load is not kept. */
export function warm<T>(key: string, load: () => Promise<T>): Promise<T> {
  const ttl = expiryMs();
  if (ttl === 0) return load();
  const hit = entries.get(key);
  if (hit && hit.until > Date.now()) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { until: Date.now() + ttl, value });
  value.catch(() => entries.delete(key));
  return value;
}

/** Forget keys this instance just changed (prefix match: `directory:` forgets the whole directory). */
export function forget(prefix: string): void {
  for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
}

/** The value `key` holds now, without loading it (undefined when absent or expired). */
export function peekWarm<T>(key: string): Promise<T> | undefined {
  const hit = expiryMs() === 0 ? undefined : entries.get(key);
  return hit && hit.until > Date.now() ? (hit.value as Promise<T>) : undefined;
}
