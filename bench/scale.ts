/**
 * Bench sections for issue 13 "fast on the real cloud": ballot results at street scale and timer runs at
 * a backlog. Datasets are written straight into the store (like datasetWith in run.ts), never through
 * tens of thousands of function calls.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type IndexFile, type LocalDatabase } from '../runtime/db';
import { startRuntime, type RunningRuntime } from '../tests/support/runtime';

export type Record = (figure: string, value: string, budget?: string, ok?: boolean) => void;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${n.toFixed(2)} ms`;
const DAY = 24 * 3600_000;
const COMMUNITIES = Array.from({ length: 17 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
const PROJECTS = Array.from({ length: 8 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
const STAFF = 'dev_staff_1';

/** A fresh data dir with the seed, and the store opened directly for bulk writes. */
async function seededStore(root: string, tag: string): Promise<{ dataDir: string; db: LocalDatabase }> {
  const dataDir = mkdtempSync(join(tmpdir(), `lxq-bench-${tag}-`));
  const seeded = await startRuntime({ dataDir });
  await seeded.stop({ keepData: true });
  const indexes = JSON.parse(readFileSync(join(root, 'database/indexes.json'), 'utf8')) as IndexFile;
  return { dataDir, db: openDatabase({ file: join(dataDir, 'cloud.sqlite'), indexes, strict: false, now: Date.now }) };
}

/** A deterministic pseudo-random sequence (same dataset every run). */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

const newTally = (opensAt: Date) => ({ through: opensAt, final: false, voters: 0, online: [], turnout: [], seal: null, at: opensAt });

function ballotDoc(_id: string, electorate: 'resident' | 'deputy', opensAt: Date, closesAt: Date, pairedBallotId: string | null, [minChoices, maxChoices]: [number, number]) {
  return { _id, title: `基准测试票决 ${_id}`, description: '', electorate, projectIds: PROJECTS, minChoices, maxChoices, opensAt, closesAt, closedAt: null, pairedBallotId, createdAt: opensAt, paper: {}, tally: newTally(opensAt) };
}

/** `count` votes for one ballot, stamped evenly over [from, to), from 17 communities (1 in 50 without one). */
function writeVotes(db: LocalDatabase, ballotId: string, count: number, from: Date, to: Date, [min, max]: [number, number], seed: number) {
  const next = rng(seed);
  const votes = db.collection('votes');
  let batch: object[] = [];
  for (let i = 0; i < count; i++) {
    const k = min + Math.floor(next() * (max - min + 1));
    const chosen = new Set<string>();
    while (chosen.size < k) chosen.add(PROJECTS[Math.floor(next() * PROJECTS.length)]);
    const key = `${seed.toString(16)}${i.toString(16).padStart(8, '0')}`.padStart(32, '0');
    batch.push({ _id: `${ballotId}_${key}`, ballotId, projectIds: [...chosen].sort(), at: new Date(from.getTime() + Math.floor(((to.getTime() - from.getTime()) * i) / count)), communityId: i % 50 === 49 ? null : COMMUNITIES[i % COMMUNITIES.length], channel: 'online' });
    if (batch.length === 5000) { votes.insertMany(batch); batch = []; }
  }
  if (batch.length) votes.insertMany(batch);
}

/** Per size: an open ballot, a closed one, and a closed advisory/binding pair — `size` votes each (binding: 40). */
export async function ballotDataset(root: string, sizes: number[]): Promise<string> {
  const { dataDir, db } = await seededStore(root, 'ballots');
  const now = Date.now();
  const ballots = db.collection('ballots');
  for (const [n, size] of sizes.entries()) {
    const openFrom = new Date(now - 10 * DAY);
    const closedFrom = new Date(now - 40 * DAY);
    const closedAt = new Date(now - 5 * DAY);
    ballots.insertMany([
      ballotDoc(`bench-${size}-open`, 'resident', openFrom, new Date(now + 20 * DAY), null, [1, 3]),
      ballotDoc(`bench-${size}-closed`, 'resident', closedFrom, closedAt, null, [1, 3]),
      ballotDoc(`bench-${size}-res`, 'resident', closedFrom, closedAt, `bench-${size}-dep`, [1, 3]),
      ballotDoc(`bench-${size}-dep`, 'deputy', closedFrom, closedAt, `bench-${size}-res`, [3, 5]),
    ]);
    // Open: votes up to five minutes ago (the tally timer's checkpoint can reach them all).
    writeVotes(db, `bench-${size}-open`, size, openFrom, new Date(now - 5 * 60_000), [1, 3], 1000 * n + 1);
    writeVotes(db, `bench-${size}-closed`, size, closedFrom, closedAt, [1, 3], 1000 * n + 2);
    writeVotes(db, `bench-${size}-res`, size, closedFrom, closedAt, [1, 3], 1000 * n + 3);
    writeVotes(db, `bench-${size}-dep`, 40, closedFrom, closedAt, [3, 5], 1000 * n + 4);
  }
  db.close();
  return dataDir;
}

async function call(rt: RunningRuntime, fn: string, event: object, openid?: string): Promise<{ n: number; ms: number; data: any }> {
  const t = performance.now();
  const { body, requests } = await rt.call(fn, event, openid);
  const took = performance.now() - t;
  if (!body.ok) throw new Error(`${fn}.${String((event as { action?: string }).action ?? (event as { TriggerName?: string }).TriggerName)}: ${JSON.stringify(body.error)}`);
  return { n: requests ?? NaN, ms: took, data: body.data };
}

/** The requests of the latest invocation of fn with this action (or timer:<trigger>), from /api/dev/requests. */
async function lastRequests(rt: RunningRuntime, fn: string, action: string): Promise<number> {
  const recent = await rt.dev<{ fn: string; action?: string; total: number }[]>('requests');
  return recent.filter((r) => r.fn === fn && r.action === action).at(-1)?.total ?? NaN;
}

/** A system invocation without identity (a timer as the cloud fires it, or an admin event), with its requests and time. */
async function systemRun(rt: RunningRuntime, fn: string, event: { Type: 'Timer'; TriggerName: string } | { Type: 'Admin'; action: string }): Promise<{ n: number; ms: number; data: any }> {
  const t = performance.now();
  const reply = event.Type === 'Timer' ? await rt.dev<any>(`trigger/${fn}/${event.TriggerName}`, {}) : await rt.dev<any>(`invoke/${fn}`, event);
  const took = performance.now() - t;
  const label = event.Type === 'Timer' ? event.TriggerName : event.action;
  if (!reply?.ok) throw new Error(`${fn} ${label}: ${JSON.stringify(reply)}`);
  return { n: await lastRequests(rt, fn, event.Type === 'Timer' ? `timer:${event.TriggerName}` : event.action), ms: took, data: reply.data };
}

const timerRun = (rt: RunningRuntime, fn: string, trigger: string) => systemRun(rt, fn, { Type: 'Timer', TriggerName: trigger });

/** Interleaved samples of each view at each size: median time and the requests of the last call. */
async function views(rt: RunningRuntime, sizes: number[], defs: { name: string; event: (size: number) => object; openid: string }[]) {
  const out = new Map<string, { ms: number; n: number }>();
  for (const d of defs) {
    const samples = new Map<number, number[]>(sizes.map((s) => [s, []]));
    const requests = new Map<number, number>();
    for (let i = 0; i < 5; i++) for (const s of sizes) await call(rt, 'ballot', d.event(s), d.openid);
    for (let i = 0; i < 30; i++) {
      for (const s of sizes) {
        const r = await call(rt, 'ballot', d.event(s), d.openid);
        samples.get(s)!.push(r.ms);
        requests.set(s, Math.max(requests.get(s) ?? 0, r.n));
      }
    }
    for (const s of sizes) out.set(`${d.name}@${s}`, { ms: median(samples.get(s)!), n: requests.get(s)! });
  }
  return out;
}

export async function ballotFigures(root: string, record: Record): Promise<void> {
  const [small, large] = [500, 50_000];
  console.log(`ballot datasets (${small.toLocaleString('en')} and ${large.toLocaleString('en')} votes per ballot)…`);
  const dataDir = await ballotDataset(root, [small, large]);
  // Warm instances keep slowly changing data (candidates, community names) for 30 s, as on the cloud.
  const rt = await startRuntime({ dataDir, strict: false, env: { LXQ_WARM_CACHE_MS: '30000' } });
  try {
    const voter = 'dev_resident_1';
    const results = (id: string) => ({ action: 'results', ballotId: id });
    // Before any tally timer ran: every vote counted at view time (what results would cost without the tally).
    const once = async (id: string) => { try { return `${ms((await call(rt, 'ballot', results(id), STAFF)).ms)}`; } catch (err) { return `failed: ${String((err as Error).message).slice(0, 80)}`; } };
    await once(`bench-${small}-open`);
    record(`ballot results, open, before any tally run (staff; every vote aggregated at view time, local store)`, `${small.toLocaleString('en')} votes: ${await once(`bench-${small}-open`)}; ${large.toLocaleString('en')} votes: ${await once(`bench-${large}-open`)} (ballot timeout 10 s)`);

    // The tally timer over every uncounted vote (8 ballots, 151,580 votes: its worst case, e.g. first deploy).
    const backlog = await drain(rt, 'ballot', 'tally', (d) => !d.more, 40);
    const longest = Math.max(...backlog.map((r) => r.ms));
    const chunks = backlog.reduce((n, r) => n + r.data.chunks, 0);
    record('ballot tally timer, backlog of 151,580 uncounted votes: runs to drain', `${backlog.length} runs, ${chunks} chunks of ≤ 5,000 votes; requests per run max ${Math.max(...backlog.map((r) => r.n))}`);
    record('ballot tally timer, backlog: longest run vs deployed timeout 10 s', `${ms(longest)}`, '< 10,000 ms', longest < 10_000);
    const steady = await timerRun(rt, 'ballot', 'tally');
    record('ballot tally timer, a steady run (nothing new settled)', `${ms(steady.ms)}; ${steady.n} requests`, '< 10,000 ms', steady.ms < 10_000);
    // Votes since the checkpoint: 20 real casts into each open ballot.
    for (const s of [small, large]) for (let i = 0; i < 20; i++) await call(rt, 'ballot', { action: 'cast', ballotId: `bench-${s}-open`, projectIds: ['p01', 'p03'] }, `bench_scale_voter_${s}_${i}`);

    const measured = await views(rt, [small, large], [
      { name: 'results + turnout by community, open ballot (staff, live: checkpoint + votes since)', event: (s) => results(`bench-${s}-open`), openid: STAFF },
      { name: 'results + turnout by community, closed ballot (frozen)', event: (s) => results(`bench-${s}-closed`), openid: voter },
      { name: 'paired advisory/binding results, both closed (frozen)', event: (s) => results(`bench-${s}-res`), openid: voter },
      { name: 'paired advisory/binding results, staff on the binding ballot', event: (s) => results(`bench-${s}-dep`), openid: STAFF },
    ]);
    const names = [...new Set([...measured.keys()].map((k) => k.slice(0, k.lastIndexOf('@'))))];
    for (const name of names) {
      const a = measured.get(`${name}@${small}`)!;
      const b = measured.get(`${name}@${large}`)!;
      const ratio = b.ms / a.ms;
      record(`ballot ${name}: ${large.toLocaleString('en')} vs ${small.toLocaleString('en')} votes`, `${ratio.toFixed(2)}× (${ms(b.ms)} vs ${ms(a.ms)})`, '≤ 2×', ratio <= 2);
      const n = Math.max(a.n, b.n);
      record(`ballot ${name}: requests`, `${b.n} at ${large.toLocaleString('en')}, ${a.n} at ${small.toLocaleString('en')}`, '≤ 3', n <= 3);
    }
    // The frozen tally still matches a recount of the stored votes.
    const recounts = await drain(rt, 'ballot', 'recount', (d) => d.done, 20, { Type: 'Admin', action: 'recount', ballotId: `bench-${large}-closed` } as { Type: 'Admin'; action: string });
    const check = recounts.at(-1)!;
    record(`ballot recount of the frozen ${large.toLocaleString('en')}-vote tally`, `matches: ${check.data.matches}, seal holds: ${check.data.sealHolds}; ${recounts.length} invocations, longest ${ms(Math.max(...recounts.map((r) => r.ms)))}`, 'matches', check.data.matches === true && check.data.sealHolds === true);
  } finally {
    await rt.stop();
  }
}

// ——— timers ———

const communityOf = (i: number) => COMMUNITIES[i % COMMUNITIES.length];
const DEPUTIES = Array.from({ length: 14 }, (_, i) => `d${String(i + 1).padStart(2, '0')}`);

/**
 * 10,000 open appeals whose supervision is due (assigned past the accept deadline, in progress past the
 * reply deadline), 2,000 replied appeals nobody rated in time, 200 console edits to apply, and 2,000
 * pending messages (half of their recipients hold a subscription credit).
 */
async function timerDataset(root: string, sizes: { open: number; unrated: number; edits: number; messages: number }): Promise<string> {
  const { dataDir, db } = await seededStore(root, 'timers');
  const now = Date.now();
  const appeals = db.collection('appeals');
  let batch: object[] = [];
  const flush = (force = false) => { if (batch.length >= 5000 || (force && batch.length)) { appeals.insertMany(batch); batch = []; } };
  const base = (i: number, status: string, at: Date) => {
    const deputy = DEPUTIES[i % DEPUTIES.length];
    return {
      _id: `tb${String(i).padStart(8, '0')}`, trackingNo: `20260101-T${i}`, requestId: `bench-timer-${i}`, submitterOpenid: `bench_t_${i % 4000}`, communityId: communityOf(i),
      category: 'housing', content: `基准测试诉求第${i}条：小区楼道灯不亮，影响居民夜间出行安全。`, images: [], anonymous: false, publish: false, status,
      assigneeDeputyId: deputy, assigneeName: '代表', pastAssigneeIds: [], contentCheck: { verdict: 'pass' }, transfers: [], reopenCount: 0, supervised: false, overdue: false, escalationLevel: 0, version: 1,
      createdAt: at, updatedAt: at,
    };
  };
  let i = 0;
  for (let k = 0; k < sizes.open; k++, i++) {
    const at = new Date(now - 20 * DAY + k * 1000);
    if (k % 2 === 0) {
      const acceptDeadline = new Date(now - 5 * DAY);
      batch.push({ ...base(i, 'assigned', at), landedAt: at, acceptDeadline, replyDeadline: new Date(now + 5 * DAY), nextSupervisionAt: acceptDeadline });
    } else {
      const replyDeadline = new Date(now - 2 * DAY);
      batch.push({ ...base(i, 'in_progress', at), landedAt: at, acceptedAt: at, acceptDeadline: new Date(now - 15 * DAY), replyDeadline, nextSupervisionAt: replyDeadline });
    }
    flush();
  }
  for (let k = 0; k < sizes.unrated; k++, i++) {
    const at = new Date(now - 40 * DAY + k * 1000);
    const repliedAt = new Date(now - 30 * DAY + k * 1000);
    const d = DEPUTIES[i % DEPUTIES.length];
    batch.push({ ...base(i, 'replied', at), repliedAt, nextSupervisionAt: null, reply: { content: '已处理完毕，请评价。', at: repliedAt, resolution: 'implemented', deputyId: d } });
    flush();
  }
  for (let k = 0; k < sizes.edits; k++, i++) {
    const at = new Date(now - DAY + k * 1000);
    batch.push({ ...base(i, 'pending_review', at), assigneeDeputyId: null, assigneeName: null, heldReason: 'triage', nextSupervisionAt: null, staffDecision: 'approve' });
    flush();
  }
  flush(true);
  const outbox = db.collection('outbox');
  const subs = db.collection('subscriptions');
  const messages: object[] = [];
  const credits: object[] = [];
  for (let k = 0; k < sizes.messages; k++) {
    const openid = `bench_msg_${k}`;
    const at = new Date(now - 10 * 60_000 + k);
    messages.push({ _id: `bench-msg-${k}`, openid, templateKey: 'appealStatus', templateId: 'TEMPLATE_ID_APPEAL_STATUS', page: 'pages/appeal-detail/index', data: { character_string1: { value: `20260101-M${k}` }, phrase2: { value: '已答复' }, thing3: { value: '基准测试消息' }, time4: { value: '2026年01月01日 10:00' } }, status: 'pending', attempts: 0, nextAttemptAt: at, createdAt: at });
    if (k % 2 === 0) credits.push({ _id: `${openid}__appealStatus`, openid, templateKey: 'appealStatus', credits: 1, updatedAt: at });
  }
  outbox.insertMany(messages);
  subs.insertMany(credits);
  db.close();
  return dataDir;
}

/** Run a timer until it reports nothing more (or `limit` runs): requests and time of each run. */
async function drain(rt: RunningRuntime, fn: string, trigger: string, done: (data: any) => boolean, limit = 60, event?: { Type: 'Admin'; action: string }) {
  const runs: { n: number; ms: number; data: any }[] = [];
  for (let k = 0; k < limit; k++) {
    const r = event ? await systemRun(rt, fn, event) : await timerRun(rt, fn, trigger);
    runs.push(r);
    if (done(r.data)) break;
  }
  return runs;
}

const PER_REQUEST_MS = 10;

function reportTimer(record: Record, label: string, timeoutS: number, runs: { n: number; ms: number; data: any }[], drained: boolean) {
  const worked = runs.length > 1 ? runs.slice(0, -1) : runs; // the last run finds (almost) nothing left
  const maxMs = Math.max(...runs.map((r) => r.ms));
  const reqs = runs.map((r) => r.n);
  const maxReq = Math.max(...reqs);
  const deadlineMs = timeoutS * 1000 - Math.max(1000, timeoutS * 200);
  record(`timer ${label}: runs to drain the backlog`, `${runs.length}${drained ? '' : ' (not drained)'} (requests per run: max ${maxReq}, median ${median(worked.map((r) => r.n))}, total ${reqs.reduce((a, b) => a + b, 0).toLocaleString('en')})`, undefined, undefined);
  record(`timer ${label}: longest run vs deployed timeout ${timeoutS} s (local store, no network)`, `${ms(maxMs)} = ${((100 * maxMs) / (timeoutS * 1000)).toFixed(1)} % of the timeout`, `< ${timeoutS * 1000} ms`, maxMs < timeoutS * 1000);
  // On the cloud each request is a network hop: the run stops starting work at its deadline, so a longer
  // hop means more runs, not a timeout. Projected from the measured requests, not measured.
  const projected = Math.max(...runs.map((r) => r.ms + r.n * PER_REQUEST_MS));
  const totalMs = runs.reduce((a, r) => a + r.ms + r.n * PER_REQUEST_MS, 0);
  record(`timer ${label}: projected at ${PER_REQUEST_MS} ms per request (estimate)`, `longest run ${ms(projected)} without the deadline; deadline ${deadlineMs} ms → about ${Math.max(1, Math.ceil(totalMs / deadlineMs))} runs to drain`);
}

export async function timerFigures(root: string, record: Record): Promise<void> {
  const sizes = { open: 10_000, unrated: 2_000, edits: 200, messages: 2_000 };
  console.log('timer dataset (10,000 open appeals due for supervision, 2,000 unrated, 200 console edits, 2,000 pending messages)…');
  const dataDir = await timerDataset(root, sizes);
  const rt = await startRuntime({ dataDir, strict: false, env: { LXQ_WARM_CACHE_MS: '30000' } });
  const config = (fn: string) => JSON.parse(readFileSync(join(root, 'cloudfunctions', fn, 'config.json'), 'utf8')).timeout as number;
  try {
    const reconcile = await drain(rt, 'reconcile', 'reconcile', (d) => !d?.appeals?.more && !d?.more);
    reportTimer(record, `reconcile (${sizes.edits} console edits)`, config('reconcile'), reconcile, !reconcile.at(-1)!.data?.more);
    const unrated = await drain(rt, 'appeal', 'closeUnrated', (d) => !d.more);
    reportTimer(record, `unrated close (${sizes.unrated.toLocaleString('en')} replied, unrated)`, config('appeal'), unrated, !unrated.at(-1)!.data.more);
    const supervise = await drain(rt, 'supervise', 'supervise', (d) => !d.more, 80);
    reportTimer(record, `supervise (${sizes.open.toLocaleString('en')} open appeals due)`, config('supervise'), supervise, !supervise.at(-1)!.data.more);
    const pending = (await rt.dev<{ total: number }>('db/query', { collection: 'outbox', filter: { status: 'pending' }, limit: 1 })).total;
    const notify = await drain(rt, 'notify', 'deliver', (d) => !d.more, 80);
    const sent = notify.reduce((a, r) => a + (r.data.sent ?? 0), 0);
    const noCredit = notify.reduce((a, r) => a + (r.data.noCredit ?? 0), 0);
    reportTimer(record, `notify (${pending.toLocaleString('en')} pending when it starts, ${sizes.messages.toLocaleString('en')} of them seeded)`, config('notify'), notify, !notify.at(-1)!.data.more);
    record('timer notify: outcome', `${sent.toLocaleString('en')} sent, ${noCredit.toLocaleString('en')} without a subscription credit`);
  } finally {
    await rt.stop();
  }
}
