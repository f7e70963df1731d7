// Local dev identity for h5: pick which seeded user the browser acts as.
import type { DevUser } from './types';

const STORAGE_KEY = 'lxq.devOpenid';
/** Set when the developer typed an openid (not one of the listed users): kept even though it is not listed. */
const CUSTOM_KEY = 'lxq.devCustom';
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
/** Who the browser is when there is nobody to pick (an empty database): a new WeChat user. */
const FALLBACK_OPENID = 'dev_h5_user';

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

let custom = readFlag();

function readFlag(): boolean {
  try {
    return window.localStorage.getItem(CUSTOM_KEY) === '1';
  } catch {
    return false;
  }
}

function store(openid: string, isCustom = false): void {
  custom = isCustom;
  try {
    window.localStorage.setItem(STORAGE_KEY, openid);
    if (isCustom) window.localStorage.setItem(CUSTOM_KEY, '1');
    else window.localStorage.removeItem(CUSTOM_KEY);
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
      const keepTyped = custom && !!current && OPENID.test(current);
      if (!keepTyped && !users.some((u) => u.openid === current)) {
        const fallback = users.find((u) => u.role === 'resident') ?? users[0];
        const previous = current;
        current = fallback ? fallback.openid : FALLBACK_OPENID;
        store(current, !fallback);
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

/** Act as any openid (e.g. a new person in an empty database); false when it is not a valid openid. */
export function setCustomDevOpenid(openid: string): boolean {
  const id = openid.trim();
  if (!OPENID.test(id)) return false;
  const listed = users.some((u) => u.openid === id);
  if (id === current && custom === !listed) return true;
  current = id;
  store(id, !listed);
  notify();
  return true;
}

export function onIdentityChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
