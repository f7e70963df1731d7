// Local dev identity for h5: pick which seeded user the browser acts as.
import type { DevUser } from './types';

const STORAGE_KEY = 'lxq.devOpenid';

export const devIdentityEnabled = true;

let users: DevUser[] = [];
let current: string | null = readStored();
let pending: Promise<DevUser[]> | null = null;
const listeners = new Set<() => void>();

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function store(openid: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, openid);
  } catch {
    // storage unavailable (private mode): keep it in memory only
  }
}

function notify(): void {
  listeners.forEach((fn) => fn());
}

function parseUsers(body: unknown): DevUser[] {
  const list = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(list)) throw new Error('bad /api/dev/users reply');
  return list.filter((u): u is DevUser => !!u && typeof u.openid === 'string');
}

/** Loads the dev users once (again with force); keeps the stored choice or picks the first resident. */
export function loadDevUsers(force = false): Promise<DevUser[]> {
  if (pending && !force) return pending;
  const p: Promise<DevUser[]> = Promise.resolve()
    .then(() => fetch('/api/dev/users', { headers: { Accept: 'application/json' } }))
    .then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json();
    })
    .then((body) => {
      users = parseUsers(body);
      if (!users.some((u) => u.openid === current)) {
        const fallback = users.find((u) => u.role === 'resident') ?? users[0];
        const previous = current;
        current = fallback ? fallback.openid : null;
        if (current) store(current);
        // Only a replaced (stale) choice can have loaded data already.
        if (previous && previous !== current) notify();
      }
      return users;
    });
  pending = p;
  p.catch(() => {
    if (pending === p) pending = null; // let a later call try again
  });
  return p;
}

export function getDevUsers(): DevUser[] {
  return users;
}

export function getDevOpenid(): string | null {
  return current;
}

/** The openid to send; waits for the first user list so the default resident is used. */
export async function resolveDevOpenid(): Promise<string | null> {
  try {
    await loadDevUsers();
  } catch {
    // dev users unavailable: fall back to whatever was stored
  }
  return current;
}

export function setDevOpenid(openid: string): void {
  if (openid === current) return;
  current = openid;
  store(openid);
  notify();
}

export function onIdentityChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
