/**
 * Function timeouts as on WeChat cloud: each function runs with its deployed timeout (config.json `timeout`,
 * which deploy applies), 3 s when none is set; at the timeout the invocation is over — the caller gets the
 * timeout and whatever the code still tries against the backend is refused.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cron } from 'croner';
import { openDatabase } from '../../runtime/db';
import { DEFAULT_TIMEOUT_S, FunctionHost, FunctionTimeout, invocationOf, timeoutOf, toCronerPattern } from '../../runtime/functionHost';
import { OpenApiStandIns } from '../../runtime/openapi';
import { installScopedEnv } from '../../runtime/scopedEnv';
import { createRuntimeServer } from '../../runtime/server';
import { LocalStorage } from '../../runtime/storage';
import { timerDeadline } from '../../cloudfunctions/_platform/handler';

const root = join(__dirname, '..', '..');
let dir: string;

function fn(name: string, config: object, body: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'index.js'), body);
  writeFileSync(join(dir, name, 'config.json'), JSON.stringify(config));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lxq-timeouts-'));
  const sleep = 'const sleep = (ms) => new Promise((r) => setTimeout(r, ms));';
  fn('nodefault', {}, `${sleep} exports.main = async () => { await sleep(3400); return 'late'; };`);
  fn('quick', { timeout: 1 }, `${sleep} exports.main = async (event, context) => { await sleep(50); return { limit: context.time_limit_in_ms, source: process.env.TCB_SOURCE }; };`);
  fn('slow', { timeout: 1 }, `${sleep} exports.seen = []; exports.main = async () => { exports.seen.push(process.env.TCB_SOURCE); await sleep(1500); return 'late'; };`);
  fn(
    'writer',
    { timeout: 1 },
    `${sleep}
     const cloud = require(${JSON.stringify(require.resolve('wx-server-sdk'))});
     exports.errors = [];
     exports.main = async (event) => {
       cloud.init({ env: 'lxq-test' });
       const db = cloud.database();
       await db.collection('notes').add({ data: { at: 'before' } });
       await sleep(event.wait);
       try { await db.collection('notes').add({ data: { at: 'after' } }); } catch (e) { exports.errors.push(String(e.errMsg || e.message)); }
       return 'done';
     };`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('timeout values', () => {
  it('defaults to 3 s and accepts 1–60 s only', () => {
    expect(timeoutOf('x', {})).toBe(DEFAULT_TIMEOUT_S);
    expect(DEFAULT_TIMEOUT_S).toBe(3);
    expect(timeoutOf('x', { timeout: 60 })).toBe(60);
    for (const bad of [0, 61, 2.5, '10']) expect(() => timeoutOf('x', { timeout: bad as number })).toThrow(/1 to 60 seconds/);
  });

  it('every function of the product has a deliberate timeout: interactive ones small, timers bounded and shorter than their interval', () => {
    const names = readdirSync(join(root, 'cloudfunctions')).filter((n) => !n.startsWith('_') && existsSync(join(root, 'cloudfunctions', n, 'config.json')));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const config = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8'));
      const t = timeoutOf(name, config);
      expect({ name, explicit: typeof config.timeout === 'number' }).toEqual({ name, explicit: true });
      const timers = (config.triggers ?? []).filter((x: { type: string }) => x.type === 'timer');
      if (timers.length === 0) expect({ name, t: t <= 10 }).toEqual({ name, t: true });
      else expect({ name, t: t <= 30 }).toEqual({ name, t: true });
      for (const trigger of timers) {
        const [a, b] = new Cron(toCronerPattern(trigger.config), { timezone: 'Asia/Shanghai', paused: true }).nextRuns(2, new Date(Date.UTC(2030, 0, 1)));
        expect({ name, fits: t * 1000 < b.getTime() - a.getTime() }).toEqual({ name, fits: true });
      }
      // A timer job stops starting work well before the timeout.
      expect(timerDeadline(t * 1000, 0)).toBeLessThanOrEqual(t * 1000 - 1000);
    }
  });
});

describe('the host enforces the deployed timeout', () => {
  let host: FunctionHost;
  beforeAll(() => {
    installScopedEnv();
    host = new FunctionHost([dir], () => 0);
    host.load();
  });

  it('a function without a timeout is stopped at 3 s', async () => {
    const started = Date.now();
    await expect(host.invoke('nodefault', {}, {})).rejects.toBeInstanceOf(FunctionTimeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });

  it('passes the limit in the context, as SCF does, and tags the invocation', async () => {
    const r = (await host.invoke('quick', {}, {})) as { limit: number; source: string };
    expect(r.limit).toBe(1000);
    expect(invocationOf(r.source)).toMatch(/^local-/);
    expect(host.isTimedOut(invocationOf(r.source))).toBe(false);
  });

  it('marks a timed-out invocation as over', async () => {
    await expect(host.invoke('slow', {}, {})).rejects.toThrow(/timed out after 1000 ms/);
    const seen = require(join(dir, 'slow', 'index.js')).seen as string[];
    expect(host.isTimedOut(invocationOf(seen[seen.length - 1]))).toBe(true);
  });
});

describe('calls after the timeout are refused (the cloud would have stopped the code)', () => {
  it('the write before the timeout lands, the one after it does not', async () => {
    installScopedEnv();
    const data = mkdtempSync(join(tmpdir(), 'lxq-timeouts-rt-'));
    const db = openDatabase({ file: ':memory:', strict: false, now: () => Date.now(), indexes: { collections: {} } });
    const host = new FunctionHost([dir], () => 0);
    let base = '';
    const server = createRuntimeServer({
      db, host, openapi: new OpenApiStandIns(() => Date.now()), storage: new LocalStorage(join(data, 'storage'), 'lxq-test', () => base),
      clock: { offsetMs: 0 }, h5Dir: data, consolePage: join(root, 'runtime', 'console.html'), devUsers: () => [],
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(process.env, {
      TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y', TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-shanghai',
      SCF_NAMESPACE: 'lxq-test', TCB_ENV: 'lxq-test', TCB_CONTEXT_KEYS: 'TCB_SOURCE', TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${base}/admin` }),
    });
    host.load();
    try {
      await expect(host.invoke('writer', { wait: 1300 }, {})).rejects.toBeInstanceOf(FunctionTimeout);
      await new Promise((r) => setTimeout(r, 800)); // the code goes on and tries its second write
      expect(db.collection('notes').find({}).map((d) => d.at)).toEqual(['before']);
      const errors = require(join(dir, 'writer', 'index.js')).errors as string[];
      expect(errors[0]).toMatch(/timed out/);
      // A run that fits its timeout writes both.
      expect(await host.invoke('writer', { wait: 10 }, {})).toBe('done');
      expect(db.collection('notes').count({ at: 'after' })).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      db.close();
      rmSync(data, { recursive: true, force: true });
    }
  });
});
