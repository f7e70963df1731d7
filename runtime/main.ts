import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { openDatabase, type ExecStats, type IndexFile } from './db';
import { FunctionHost } from './functionHost';
import { OpenApiStandIns } from './openapi';
import { templatesFrom } from './openapiChecks';
import { installScopedEnv } from './scopedEnv';
import { isEmpty, listDevUsers, seedStreet } from './seed';
import { createRuntimeServer } from './server';
import { latencyFromEnv, RequestMeter } from './meter';
import { LocalStorage } from './storage';

/** The local cloud runtime: one process serving the h5 app, the functions, and the cloud backend they talk to. */
export interface RuntimeOptions {
  port: number;
  host: string;
  dataDir: string;
  strict: boolean;
  root: string;
  reset: boolean;
  timers: boolean;
  /** demo: seed the demo street into an empty database (default); empty: start as empty as a new cloud environment. */
  seed: 'demo' | 'empty';
}

export function optionsFromEnv(argv: string[] = process.argv.slice(2)): RuntimeOptions {
  const root = resolve(__dirname, '..', '..');
  return {
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '127.0.0.1',
    dataDir: resolve(process.env.DATA_DIR ?? join(root, '.data')),
    strict: process.env.LXQ_STRICT === '1' || argv.includes('--strict'),
    root,
    reset: argv.includes('--reset'),
    timers: process.env.LXQ_TIMERS !== '0',
    seed: process.env.LXQ_SEED === 'empty' ? 'empty' : 'demo',
  };
}

/** Appends each distinct (action, collection, plan, index, covered) shape once, as JSON lines. */
function queryShapeLogger(file: string | undefined): ((action: string, stats: ExecStats) => void) | undefined {
  if (!file) return undefined;
  const seen = new Set<string>();
  const log = (action: string, stats: ExecStats): void => {
    const shape = { action: action.replace('database.', ''), collection: stats.collection, plan: stats.plan, index: stats.index ?? null, covered: stats.covered };
    const key = JSON.stringify(shape);
    if (!seen.has(key)) {
      seen.add(key);
      appendFileSync(file, key + '\n');
    }
    // An aggregate's $lookup sub-queries are query shapes of their own.
    for (const sub of stats.lookups ?? []) log(action, sub);
  };
  return log;
}

/** A secret kept in a file of DATA_DIR: read when present, else generated once (owner-only). */
function localSecret(file: string): string {
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  const made = randomBytes(32).toString('hex');
  writeFileSync(file, made, { mode: 0o600 });
  return made;
}

export async function startRuntime(opts: RuntimeOptions) {
  if (opts.reset) rmSync(opts.dataDir, { recursive: true, force: true });
  mkdirSync(opts.dataDir, { recursive: true });
  const env = process.env.TCB_ENV ?? 'lianxin-local';
  Object.assign(process.env, {
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: env,
    TCB_ENV: env,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    // TCB_SOURCE is set per invocation (functionHost): the SDK sends it back as X-TCB-Source.
    TCB_CONTEXT_KEYS: 'TCB_SOURCE',
  });
  installScopedEnv();

  const clock = { offsetMs: 0 };
  const now = () => Date.now() + clock.offsetMs;
  const indexes = JSON.parse(readFileSync(join(opts.root, 'database', 'indexes.json'), 'utf8')) as IndexFile;
  const db = openDatabase({ file: join(opts.dataDir, 'cloud.sqlite'), indexes, strict: opts.strict, now });
  const fresh = isEmpty(db);
  if (fresh && opts.seed !== 'empty') seedStreet(db, new Date(now()));
  // Functions read LXQ_BOOTSTRAP_CODE from their environment (on the cloud: the user function's variable).
  // An empty local street gets a printed one when none is set, so the first staff member can be claimed.
  let bootstrapHint: string | undefined;
  if (opts.seed === 'empty' && process.env.LXQ_BOOTSTRAP_CODE === undefined) {
    process.env.LXQ_BOOTSTRAP_CODE = `local-${randomBytes(6).toString('hex')}`;
    bootstrapHint = process.env.LXQ_BOOTSTRAP_CODE;
  }

  // The ballot function's HMAC secret (on the cloud: its LXQ_VOTE_SECRET, set once by deploy): generated
  // into DATA_DIR on first start and reused, so a voter's key stays the same across restarts.
  if (!process.env.LXQ_VOTE_SECRET) process.env.LXQ_VOTE_SECRET = localSecret(join(opts.dataDir, 'vote-secret'));
  // /admin answers only calls carrying this process's token: the functions' SDK (TCB_CONTEXT_CNFG) and
  // local tools that read DATA_DIR/admin-token (as a deployer holds the environment's credentials).
  const adminToken = randomBytes(24).toString('hex');
  writeFileSync(join(opts.dataDir, 'admin-token'), adminToken, { mode: 0o600 });

  let baseUrl = '';
  const storage = new LocalStorage(join(opts.dataDir, 'storage'), env, () => baseUrl);
  const wechat = JSON.parse(readFileSync(join(opts.root, 'config', 'wechat.json'), 'utf8'));
  const openapi = new OpenApiStandIns(now, templatesFrom(wechat));
  // LXQ_EXTRA_FUNCTIONS: extra built function folders (benchmarks only; never deployed).
  const extra = (process.env.LXQ_EXTRA_FUNCTIONS ?? '').split(':').filter(Boolean);
  const meter = new RequestMeter();
  const host = new FunctionHost([join(opts.root, 'dist', 'cloudfunctions'), ...extra], () => clock.offsetMs, { meter });
  const server = createRuntimeServer({ db, host, openapi, storage, clock, meter, dbLatencyMs: latencyFromEnv(process.env.LXQ_DB_LATENCY_MS), queryLog: queryShapeLogger(process.env.LXQ_QUERY_LOG), h5Dir: join(opts.root, 'dist', 'h5'), consolePage: join(opts.root, 'runtime', 'console.html'), devUsers: () => listDevUsers(db), adminToken });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${opts.host}:${port}`;
  // The real SDK talks to our /admin endpoint instead of the cloud.
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${baseUrl}/admin?lxq_token=${adminToken}&` });
  const names = host.load();
  // Message pushes go where config/wechat.json says the console is set to send them (消息推送 → 云函数).
  const pushTo = (wechat.messagePushes ?? {}) as Record<string, string>;
  openapi.onPush = async (event) => {
    const fn = pushTo[event.Event];
    if (!fn || !host.has(fn)) return console.error(`[runtime] no function receives message push ${event.Event}`);
    await host.invoke(fn, event, { openid: event.FromUserName });
  };
  if (opts.timers) host.startTimers((err) => console.error('[runtime] timer failed', err));

  const stop = async () => {
    host.stopTimers();
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections?.();
    db.close();
  };
  return { url: baseUrl, port, functions: names, db, openapi, storage, clock, stop, strict: opts.strict, seed: opts.seed, fresh, bootstrapHint, hasH5: existsSync(join(opts.root, 'dist', 'h5', 'index.html')) };
}

export function runFromCli(): void {
  const opts = optionsFromEnv();
  startRuntime(opts)
    .then((rt) => {
      console.log(`连心桥 local cloud runtime listening`);
      console.log(`  functions: ${rt.functions.join(', ')}${rt.strict ? '  (strict database mode)' : ''}`);
      console.log(`  data:      ${opts.dataDir}${rt.seed === 'empty' ? (rt.fresh ? '  (empty database, LXQ_SEED=empty)' : '  (LXQ_SEED=empty: existing data kept)') : ''}`);
      if (rt.bootstrapHint) console.log(`  bootstrap: LXQ_BOOTSTRAP_CODE=${rt.bootstrapHint}   (user.claimStaff makes the first staff member)`);
      if (!rt.hasH5) console.log('  (h5 build missing: run npm run build:h5)');
      console.log(`  console:   ${rt.url}/console   (local stand-in for the cloud console's database panel)`);
      console.log(`  open:      ${rt.url}/`);
      const shutdown = () => rt.stop().then(() => process.exit(0));
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    })
    .catch((err) => {
      console.error('runtime failed to start:', err);
      process.exit(1);
    });
}

if (require.main === module) runFromCli();
