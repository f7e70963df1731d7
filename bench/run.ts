/**
 * npm run bench — figures for 连心桥 with their budgets. Times are reported as ratios against a baseline
 * measured in the same run (these machines are noisy); sizes are exact bytes. Writes bench/report-<date>.md
 * and bench/latest.md. Not part of the test command.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { openDatabase, type IndexFile } from '../runtime/db';
import { startRuntime, type RunningRuntime } from '../tests/support/runtime';
import { ballotFigures, timerFigures } from './scale';

const root = resolve(__dirname, '..');
const rows: { figure: string; value: string; budget: string; verdict: string }[] = [];
const record = (figure: string, value: string, budget = '—', ok?: boolean) => {
  rows.push({ figure, value, budget, verdict: ok === undefined ? 'info' : ok ? 'PASS' : 'FAIL' });
  console.log(`${ok === undefined ? '  ' : ok ? '✓ ' : '✗ '}${figure}: ${value}${budget !== '—' ? `  (budget ${budget})` : ''}`);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const kb = (n: number) => `${n.toLocaleString('en')} B (${(n / 1024).toFixed(1)} KB)`;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const timed = async (fn: () => Promise<unknown>) => { const t = performance.now(); await fn(); return performance.now() - t; };

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

async function buildAll() {
  run(process.execPath, ['scripts/build-functions.mjs']);
  run(process.execPath, ['scripts/build-runtime.mjs']);
  if (!existsSync(join(root, 'dist/weapp/app.json'))) run(process.execPath, [join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp']);
  const out = join(root, 'dist/bench-functions/benchInsert');
  mkdirSync(out, { recursive: true });
  await build({ entryPoints: [join(root, 'bench/functions/benchInsert/index.ts')], outfile: join(out, 'index.js'), bundle: true, platform: 'node', target: 'node16', format: 'cjs', external: ['wx-server-sdk'], logLevel: 'warning' });
  writeFileSync(join(out, 'config.json'), readFileSync(join(root, 'bench/functions/benchInsert/config.json')));
}

async function sizes() {
  const { packageSizes, preloadSizes } = await import('../scripts/sizes.mjs' as string);
  const s = packageSizes(join(root, 'dist/weapp')) as { main: number; total: number; subpackages: Record<string, number> };
  record('weapp main package', kb(s.main), '≤ 400 KB', s.main <= 400 * 1024);
  for (const [name, bytes] of Object.entries(s.subpackages)) record(`weapp subpackage ${name}`, kb(bytes), '≤ 2 MB', bytes <= 2 * 1024 * 1024);
  record('weapp total', kb(s.total), '≤ 1.5 MB', s.total <= 1.5 * 1024 * 1024);
  const p = preloadSizes(join(root, 'dist/weapp')) as { byPackage: Record<string, { packages: string[]; bytes: number }> };
  for (const [pkg, { packages, bytes }] of Object.entries(p.byPackage)) record(`weapp preload from ${pkg} pages (${packages.join(', ')})`, kb(bytes), '≤ 2 MB', bytes <= 2 * 1024 * 1024);
}

function coldRequire() {
  const env = { ...process.env, TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y', TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-shanghai', SCF_NAMESPACE: 'bench', TCB_ENV: 'bench' };
  const probe = (target: string) => Number(execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(target)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], { cwd: root, env }).toString());
  const fns = JSON.parse(execFileSync(process.execPath, ['-e', "import('./scripts/build-functions.mjs').then(m=>console.log(JSON.stringify(m.functionNames())))"], { cwd: root }).toString()) as string[];
  const sdk = join(root, 'node_modules/wx-server-sdk');
  // Paired samples: the bare SDK, then the bundle, right after each other (the machine's load drifts); the
  // figure is the median of the pairs' ratios over the rounds.
  const ROUNDS = 9;
  for (const fn of fns) {
    const bundle = join(root, 'dist/cloudfunctions', fn, 'index.js');
    const base: number[] = [];
    const mine: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      base.push(probe(sdk));
      mine.push(probe(bundle));
      ratios.push(mine[i] / base[i]);
    }
    const size = statSync(bundle).size;
    const ratio = median(ratios);
    // street and pulse carry exceljs (loaded on first import, not at cold start): their own budget, as in check-deploy.
    const budgetKb = fn === 'street' || fn === 'pulse' ? 450 : 150;
    record(`function ${fn}: bundle`, kb(size), `≤ ${budgetKb} KB`, size <= budgetKb * 1024);
    record(`function ${fn}: cold require vs bare wx-server-sdk`, `${ratio.toFixed(3)}× (${ms(median(mine))} vs ${ms(median(base))}, median of ${ROUNDS} paired runs)`, '≤ 1.15×', ratio <= 1.15);
  }
}

const STATUSES = ['assigned', 'in_progress', 'replied', 'closed', 'closed', 'closed'];
const DEPUTIES = Array.from({ length: 14 }, (_, i) => `d${String(i + 1).padStart(2, '0')}`);

/** A data dir holding `count` appeals (plus the seed), written straight into the store. */
async function datasetWith(count: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), `lxq-bench-${count}-`));
  const seeded = await startRuntime({ dataDir });
  await seeded.stop({ keepData: true });
  const indexes = JSON.parse(readFileSync(join(root, 'database/indexes.json'), 'utf8')) as IndexFile;
  const db = openDatabase({ file: join(dataDir, 'cloud.sqlite'), indexes, strict: false, now: Date.now });
  const start = Date.UTC(2026, 0, 1);
  const appeals = db.collection('appeals');
  let batch: object[] = [];
  for (let i = 0; i < count; i++) {
    // bench_r_0 always owns 40 appeals; the rest spread over 5,000 residents.
    const submitter = i < 40 ? 'bench_r_0' : `bench_r_${1 + (i % 4999)}`;
    const status = STATUSES[i % STATUSES.length];
    const at = new Date(start + i * 60_000);
    const deputy = DEPUTIES[i % DEPUTIES.length];
    batch.push({
      _id: `bench${String(i).padStart(8, '0')}`, trackingNo: `20260101-B${i}`, requestId: `bench-${i}`, submitterOpenid: submitter, communityId: `c${String((i % 17) + 1).padStart(2, '0')}`,
      category: 'housing', content: `基准测试诉求第${i}条：小区楼道灯不亮，影响居民夜间出行安全。`, images: [], anonymous: false, publish: i % 2 === 0, status,
      assigneeDeputyId: deputy, assigneeName: '代表', pastAssigneeIds: [], contentCheck: { verdict: 'pass' }, transfers: [], reopenCount: 0, supervised: false, overdue: false, version: 1,
      createdAt: at, updatedAt: at, ...(status === 'closed' ? { closedAt: at, closedReason: 'rated', resolution: 'implemented', reply: { content: '已处理完毕', at, resolution: 'implemented', deputyId: deputy } } : {}),
    });
    if (batch.length === 5000) { appeals.insertMany(batch); batch = []; }
  }
  if (batch.length) appeals.insertMany(batch);
  db.close();
  return dataDir;
}

async function listLatency(rt: RunningRuntime) {
  const calls: Record<string, () => Promise<unknown>> = {
    'appeal.mine': () => rt.ok('appeal', { action: 'mine' }, 'bench_r_0'),
    'deputy.queue': () => rt.ok('deputy', { action: 'queue' }, 'dev_deputy_d01'),
    'appeal.wall': () => rt.ok('appeal', { action: 'wall' }, 'bench_r_0'),
  };
  const out: Record<string, number> = {};
  for (const [name, call] of Object.entries(calls)) {
    for (let i = 0; i < 5; i++) await call();
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) samples.push(await timed(call));
    out[name] = median(samples);
  }
  return out;
}

async function castVsInsert(rt: RunningRuntime) {
  const casts: number[] = [];
  const inserts: number[] = [];
  for (let i = 0; i < 150; i++) {
    casts.push(await timed(() => rt.ok('ballot', { action: 'cast', ballotId: 'ballot-resident', projectIds: ['p01', 'p03'] }, `bench_voter_seq_${i}`)));
    inserts.push(await timed(() => rt.ok('benchInsert', { action: 'insert', n: i }, `bench_voter_seq_${i}`)));
  }
  const ratio = median(casts) / median(inserts);
  record('ballot cast vs plain insert (same runtime, same handler path)', `${ratio.toFixed(2)}× (${ms(median(casts))} vs ${ms(median(inserts))})`, '≤ 4×', ratio <= 4);
  const voters = Array.from({ length: 1000 }, (_, i) => `bench_voter_par_${i}`);
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: 50 }, async () => { while (next < voters.length) await rt.ok('ballot', { action: 'cast', ballotId: 'ballot-resident', projectIds: ['p02'] }, voters[next++]); }));
  const secs = (performance.now() - t) / 1000;
  record('cast throughput, 50 concurrent voters (1,000 casts)', `${(voters.length / secs).toFixed(0)} casts/s`);
}

async function submitLatency(rt: RunningRuntime) {
  await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, 'dev_staff_1');
  const submit = (who: string, i: number) => rt.ok('appeal', { action: 'submit', requestId: `bench-sub-${who}-${i}`, communityId: 'c04', category: 'traffic', content: '基准测试：东湖大道路口信号灯配时过短' }, who);
  const seq: number[] = [];
  for (let i = 0; i < 20; i++) seq.push(await timed(() => submit(`bench_seq_${i}`, i)));
  const conc: number[] = [];
  for (let round = 0; round < 3; round++) {
    conc.push(...(await Promise.all(Array.from({ length: 50 }, (_, i) => timed(() => submit(`bench_conc_${round}_${i}`, i))))));
  }
  const base = median(seq);
  record('submit → routed, 50 concurrent: p50 vs one sequential submit', `${(pct(conc, 50) / base).toFixed(2)}× (${ms(pct(conc, 50))} vs ${ms(base)})`);
  record('submit → routed, 50 concurrent: p95 vs one sequential submit', `${(pct(conc, 95) / base).toFixed(2)}× (${ms(pct(conc, 95))})`);
}

/** Database requests one call makes (X-LXQ-DB-Requests); the call must succeed. */
async function requestsOf(rt: RunningRuntime, fn: string, event: Record<string, unknown>, openid: string): Promise<{ n: number; data: any }> {
  const { body, requests } = await rt.call(fn, event, openid);
  if (!body.ok) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(body.error)}`);
  return { n: requests ?? NaN, data: body.data };
}

/** Requests per action along the main journeys, warm instances (issue 13's budgets). */
async function requestsPerAction(rt: RunningRuntime) {
  const who = 'bench_req_resident';
  const submit = (i: number) => ({ action: 'submit', requestId: `bench-req-${i}`, communityId: 'c01', category: 'housing', content: '基准测试：小区楼道灯坏了，晚上上下楼不安全' });
  const row = (action: string, n: number, budget: number) => record(`requests: ${action}`, String(n), `≤ ${budget}`, n <= budget);
  await requestsOf(rt, 'user', { action: 'whoami' }, who);
  row('user.whoami', (await requestsOf(rt, 'user', { action: 'whoami' }, who)).n, 1);
  await requestsOf(rt, 'appeal', submit(0), who); // warms the appeal instance
  const routed = await requestsOf(rt, 'appeal', submit(1), who);
  row('appeal.submit (routed)', routed.n, 10);
  const id = routed.data._id as string;
  const deputy = `dev_deputy_${String(routed.data.assignee?.deputyId ?? 'd01')}`;
  for (const [action, event, openid] of [['appeal.mine', { action: 'mine' }, who], ['appeal.detail', { action: 'detail', id }, who], ['appeal.wall', { action: 'wall' }, who]] as const) {
    const [fn, name] = action.split('.');
    await requestsOf(rt, fn, event, openid);
    row(action, (await requestsOf(rt, fn, { ...event, action: name }, openid)).n, 3);
  }
  await requestsOf(rt, 'deputy', { action: 'home' }, deputy);
  row('deputy.home', (await requestsOf(rt, 'deputy', { action: 'home' }, deputy)).n, 3);
  row('deputy.queue', (await requestsOf(rt, 'deputy', { action: 'queue', status: 'assigned' }, deputy)).n, 3);
  row('deputy.accept', (await requestsOf(rt, 'deputy', { action: 'accept', id }, deputy)).n, 8);
  row('deputy.progress', (await requestsOf(rt, 'deputy', { action: 'progress', id, note: '已联系物业上门查看' }, deputy)).n, 8);
  row('deputy.transfer', (await requestsOf(rt, 'deputy', { action: 'transfer', id, department: '街道城管科', note: '请协调物业更换灯具' }, deputy)).n, 8);
  row('deputy.reply', (await requestsOf(rt, 'deputy', { action: 'reply', id, content: '物业已更换楼道灯。', resolution: 'implemented' }, deputy)).n, 8);
  row('appeal.rate (不满意 → 重办)', (await requestsOf(rt, 'appeal', { action: 'rate', id, rating: 'unsatisfied', comment: '灯还是不亮' }, who)).n, 8);
  await requestsOf(rt, 'deputy', { action: 'reply', id, content: '已更换灯具并请居民确认。', resolution: 'implemented' }, deputy);
  row('appeal.rate (满意)', (await requestsOf(rt, 'appeal', { action: 'rate', id, rating: 'satisfied' }, who)).n, 8);
  await requestsOf(rt, 'deputy', { action: 'record' }, deputy);
  row('deputy.record', (await requestsOf(rt, 'deputy', { action: 'record' }, deputy)).n, 3);
  await requestsOf(rt, 'ballot', { action: 'list' }, who);
  row('ballot.list', (await requestsOf(rt, 'ballot', { action: 'list' }, who)).n, 3);
  await requestsOf(rt, 'ballot', { action: 'detail', ballotId: 'ballot-resident' }, who); // warms the candidates
  row('ballot.detail', (await requestsOf(rt, 'ballot', { action: 'detail', ballotId: 'ballot-resident' }, who)).n, 3);
  row('ballot.cast', (await requestsOf(rt, 'ballot', { action: 'cast', ballotId: 'ballot-resident', projectIds: ['p01'] }, who)).n, 4);
  row('ballot.results (staff)', (await requestsOf(rt, 'ballot', { action: 'results', ballotId: 'ballot-resident' }, 'dev_staff_1')).n, 3);
}

/** submit → routed at a simulated hop per database request: sequential and 50 concurrent residents. */
async function submitAtLatency(dataDir: string, latencyMs: number): Promise<{ seq50: number; seq95: number; conc50: number; conc95: number }> {
  const rt = await startRuntime({ dataDir, strict: false, env: { LXQ_DB_LATENCY_MS: String(latencyMs), LXQ_WARM_CACHE_MS: '30000' } });
  try {
    await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, 'dev_staff_1');
    const submit = (who: string, i: number) => rt.ok('appeal', { action: 'submit', requestId: `bench-lat-${latencyMs}-${who}-${i}`, communityId: 'c04', category: 'traffic', content: '基准测试：东湖大道路口信号灯配时过短' }, who);
    await submit('bench_lat_warm', 0);
    const seq: number[] = [];
    for (let i = 0; i < 30; i++) seq.push(await timed(() => submit(`bench_lat_seq_${i}`, i)));
    const conc: number[] = [];
    for (let round = 0; round < 3; round++) conc.push(...(await Promise.all(Array.from({ length: 50 }, (_, i) => timed(() => submit(`bench_lat_conc_${round}_${i}`, i))))));
    return { seq50: pct(seq, 50), seq95: pct(seq, 95), conc50: pct(conc, 50), conc95: pct(conc, 95) };
  } finally {
    await rt.stop({ keepData: true });
  }
}

async function latencyFigures(dataDir: string) {
  const at0 = await submitAtLatency(dataDir, 0);
  const at10 = await submitAtLatency(dataDir, 10);
  record('submit → routed at 10 ms per request, sequential: p50 / p95', `${ms(at10.seq50)} / ${ms(at10.seq95)} (at 0 ms: ${ms(at0.seq50)} / ${ms(at0.seq95)}; p50 ${(at10.seq50 / at0.seq50).toFixed(1)}×)`);
  record('submit → routed at 10 ms per request, 50 concurrent: p50 / p95', `${ms(at10.conc50)} / ${ms(at10.conc95)} (at 0 ms: ${ms(at0.conc50)} / ${ms(at0.conc95)}; p95 ${(at10.conc95 / at0.conc95).toFixed(1)}×)`);
}

async function memoryUnderLoad(rt: RunningRuntime) {
  let next = 0;
  await Promise.all(Array.from({ length: 50 }, async (_, w) => {
    while (next < 1500) {
      const i = next++;
      if (i % 3 === 0) await rt.ok('appeal', { action: 'mine' }, `bench_r_${1 + (i % 4999)}`);
      else if (i % 3 === 1) await rt.ok('appeal', { action: 'wall' }, `bench_r_${w}`);
      else await rt.ok('appeal', { action: 'submit', requestId: `bench-mem-${i}`, communityId: 'c09', category: 'health', content: '基准测试：社区卫生服务站排队时间长' }, `bench_mem_${i}`);
    }
  }));
  const status = readFileSync(`/proc/${rt.child.pid}/status`, 'utf8');
  const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  record('peak RSS, runtime with 100,000 appeals serving 50 concurrent residents', `${(hwmKb / 1024).toFixed(0)} MB`, '≤ 512 MB', hwmKb / 1024 <= 512);
}

/**
 * Sections: `npm run bench -- --only=ballots,timers` runs just those and prints their figures (no report
 * file is written: bench/latest.md is the full run's). The full run is the default.
 */
const SECTIONS = ['sizes', 'cold', 'appeals', 'ballots', 'timers'] as const;
type Section = (typeof SECTIONS)[number];

function chosenSections(argv: string[]): Set<Section> | null {
  const arg = argv.find((a) => a.startsWith('--only='));
  if (!arg) return null;
  const names = arg.slice('--only='.length).split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length || !names.length) throw new Error(`--only takes some of ${SECTIONS.join(', ')}; not ${unknown.join(', ') || '(nothing)'}`);
  return new Set(names as Section[]);
}

async function main() {
  const started = Date.now();
  const only = chosenSections(process.argv.slice(2));
  const wants = (s: Section) => !only || only.has(s);
  if (!only || only.has('sizes') || only.has('appeals')) await buildAll();
  else {
    // Ballots and timers need only the function and runtime bundles.
    run(process.execPath, ['scripts/build-functions.mjs']);
    run(process.execPath, ['scripts/build-runtime.mjs']);
  }
  if (wants('sizes')) {
    console.log('sizes');
    await sizes();
  }
  if (wants('cold')) {
    console.log('cold require');
    coldRequire();
  }
  if (wants('appeals')) await appealFigures();
  if (wants('ballots')) await ballotFigures(root, record);
  if (wants('timers')) await timerFigures(root, record);
  if (only) {
    console.log(`\n--only=${[...only].join(',')}: ${rows.filter((r) => r.verdict === 'FAIL').length} figure(s) over budget; no report written (the full run writes bench/latest.md)`);
    return;
  }
  writeReport(started);
}

/** Lists, requests per action, submit latency, cast, memory: the appeal datasets (1,000 and 100,000). */
async function appealFigures() {
  console.log('datasets (1,000 and 100,000 appeals)…');
  const small = await datasetWith(1_000);
  const large = await datasetWith(100_000);
  const fileBytes = (dir: string) => ['cloud.sqlite', 'cloud.sqlite-wal'].reduce((n, f) => n + (existsSync(join(dir, f)) ? statSync(join(dir, f)).size : 0), 0);
  const env = { LXQ_EXTRA_FUNCTIONS: join(root, 'dist/bench-functions') };
  const rtSmall = await startRuntime({ dataDir: small, env: { ...env, LXQ_WARM_CACHE_MS: '30000' }, strict: false });
  const smallLat = await listLatency(rtSmall);
  console.log('requests per action');
  await requestsPerAction(rtSmall);
  await rtSmall.stop({ keepData: true });
  console.log('submit at simulated cloud latency');
  await latencyFigures(small);
  // Both sizes as deployed: warm instances keep slowly changing data (LXQ_WARM_CACHE_MS, 30 s).
  const rtLarge = await startRuntime({ dataDir: large, env: { ...env, LXQ_WARM_CACHE_MS: '30000' }, strict: false });
  const largeLat = await listLatency(rtLarge);
  for (const name of Object.keys(smallLat)) {
    const ratio = largeLat[name] / smallLat[name];
    record(`${name} at 100,000 vs 1,000 appeals`, `${ratio.toFixed(2)}× (${ms(largeLat[name])} vs ${ms(smallLat[name])})`, '≤ 1.5×', ratio <= 1.5);
  }
  record('database file per 100,000 appeals', kb(fileBytes(large) - fileBytes(small)));
  await castVsInsert(rtLarge);
  await submitLatency(rtLarge);
  await memoryUnderLoad(rtLarge);
  await rtLarge.stop();
  rmSync(small, { recursive: true, force: true });
  rmSync(large, { recursive: true, force: true });
}

function writeReport(started: number) {
  const date = new Date().toISOString().slice(0, 10);
  const failed = rows.filter((r) => r.verdict === 'FAIL').length;
  const md = [
    `# Benchmark report ${date}`,
    '',
    `Command: \`npm run bench\` (took ${((Date.now() - started) / 1000).toFixed(0)} s on ${require('node:os').cpus().length} cores, Node ${process.version}). Times are ratios against a baseline from the same run.`,
    '',
    '| figure | value | budget | verdict |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.budget} | ${r.verdict} |`),
    '',
    failed ? `${failed} figure(s) over budget.` : 'All budgets met.',
    '',
  ].join('\n');
  writeFileSync(join(root, 'bench', `report-${date}.md`), md);
  writeFileSync(join(root, 'bench', 'latest.md'), md);
  console.log(`\nwrote bench/report-${date}.md — ${failed ? `${failed} over budget` : 'all budgets met'}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
