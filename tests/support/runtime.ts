import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

export interface RunningRuntime {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** `requests`: the database requests the invocation made, counted at /admin (runtime/meter.ts). */
  call<T = any>(fn: string, event: unknown, openid?: string): Promise<{ status: number; body: T; requests: number | null }>;
  /** Call and unwrap a successful envelope, failing the test otherwise. */
  ok<T = any>(fn: string, event: unknown, openid: string): Promise<T>;
  /** Call and answer the error code, or 'ok' when the call succeeded: for stories about refusals. */
  code(fn: string, event: unknown, openid?: string): Promise<string>;
  dev<T = any>(path: string, body?: unknown): Promise<T>;
  /** The /admin URL with this runtime's per-process token (DATA_DIR/admin-token), as a deployer's tools hold it. */
  adminUrl(): string;
  stop(opts?: { keepData?: boolean; signal?: NodeJS.Signals }): Promise<void>;
}

/** Start the built runtime (dist/runtime/main.js) in a child process on a free port with its own data dir. */
export async function startRuntime(opts: { dataDir?: string; strict?: boolean; env?: Record<string, string> } = {}): Promise<RunningRuntime> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'lxq-rt-'));
  const child = spawn(process.execPath, [join(root, 'dist/runtime/main.js')], {
    cwd: root,
    // Every strict test runtime records how its queries were served: evidence for npm run check:deploy.
    // Stories change settings and the directory and act at once: no warm-instance cache unless a test asks.
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LXQ_STRICT: opts.strict === false ? '0' : '1', LXQ_TIMERS: '0', LXQ_WARM_CACHE_MS: '0', ...(opts.strict === false ? {} : { LXQ_QUERY_LOG: join(root, 'dist', 'query-shapes.jsonl') }), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /open:\s+(http:\/\/[\d.]+:\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  child.stderr!.on('data', (c: Buffer) => { if (process.env.LXQ_TEST_LOGS) process.stderr.write(c); });

  const call = async (fn: string, event: unknown, openid?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (openid) headers['x-wx-openid'] = openid;
    const res = await fetch(`${url}/api/cloud/${fn}`, { method: 'POST', headers, body: typeof event === 'string' ? event : JSON.stringify(event) });
    const metered = res.headers.get('x-lxq-db-requests');
    return { status: res.status, body: await res.json(), requests: metered === null ? null : Number(metered) };
  };
  return {
    url,
    dataDir,
    child,
    call,
    async ok(fn, event, openid) {
      const { body } = await call(fn, event, openid);
      if (!body.ok) throw new Error(`${fn}.${(event as { action?: string }).action} failed: ${JSON.stringify(body.error)}`);
      return body.data;
    },
    async code(fn, event, openid) {
      const { body } = await call(fn, event, openid);
      return body.ok ? 'ok' : String(body.error?.code);
    },
    async dev(path, body) {
      const res = await fetch(`${url}/api/dev/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return res.json();
    },
    adminUrl: () => `${url}/admin?lxq_token=${readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()}&`,
    async stop({ keepData = false, signal = 'SIGTERM' } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await exited;
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One runtime for the whole test file (or describe block): started before all, then `ready`; stopped after all. */
export function useRuntime(ready: (rt: RunningRuntime) => void | Promise<void>, opts?: Parameters<typeof startRuntime>[0]): void {
  let rt: RunningRuntime | undefined;
  beforeAll(async () => {
    rt = await startRuntime(opts);
    await ready(rt);
  });
  afterAll(async () => { await rt?.stop(); });
}

/** Run a story on a runtime of its own (its own data dir), stopped afterwards. */
export async function withRuntime<T>(opts: Parameters<typeof startRuntime>[0], story: (rt: RunningRuntime) => Promise<T>): Promise<T> {
  const rt = await startRuntime(opts);
  try {
    return await story(rt);
  } finally {
    await rt.stop();
  }
}
