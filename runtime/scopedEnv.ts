import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * wx-server-sdk reads identity (WX_OPENID…) from process.env at call time. To serve concurrent calls with
 * different identities in one process, process.env becomes a view that consults a per-invocation overlay.
 */
const overlay = new AsyncLocalStorage<Record<string, string | undefined>>();
let installed = false;

export function installScopedEnv(): void {
  if (installed) return;
  installed = true;
  const base = process.env;
  const lookup = (key: string | symbol) => {
    const scope = overlay.getStore();
    return typeof key === 'string' && scope && Object.prototype.hasOwnProperty.call(scope, key) ? { hit: true, value: scope[key] } : { hit: false, value: undefined };
  };
  process.env = new Proxy(base, {
    get(target, key) {
      const found = lookup(key);
      return found.hit ? found.value : Reflect.get(target, key);
    },
    has(target, key) {
      const found = lookup(key);
      return found.hit ? found.value !== undefined : Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      const found = lookup(key);
      if (!found.hit) return Reflect.getOwnPropertyDescriptor(target, key);
      return found.value === undefined ? undefined : { value: found.value, writable: true, enumerable: true, configurable: true };
    },
  });
}

/** Run fn with extra environment variables visible only to it and what it awaits. */
export function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  return overlay.run(vars, fn);
}
