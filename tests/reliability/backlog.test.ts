/**
 * Timer jobs under a 10,000-appeal backlog: every run finishes inside its function's deployed timeout (the
 * runtime stops a run at its timeout and the trigger would fail), handles a bounded batch, and the next run
 * picks up where it stopped — until the backlog is drained. The backlog (appeals of the street's own
 * communities and deputies, and an outbox of undelivered notices) is written straight into the database
 * file between two runtime starts (the cloud console's import would do the same); each timer has its own
 * part of it, so each story stands alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type IndexFile } from '../../runtime/db';
import { DAY, runtimeNow } from '../factories/clock';
import { directory } from '../factories/street';
import { dbCount } from '../support/console';
import { startRuntime, type RunningRuntime } from '../support/runtime';

const root = join(__dirname, '..', '..');
const OPEN = 10_000;
const UNRATED = 600; // replied long ago: closeUnrated closes them
const OVERDUE = 600; // past their accept deadline: supervise marks them overdue
const UNDELIVERED = 1200; // notices nobody has a credit for: notify settles them
const timeoutOf = (fn: string): number => JSON.parse(readFileSync(join(root, 'cloudfunctions', fn, 'config.json'), 'utf8')).timeout;

let rt: RunningRuntime;
const count = (collection: string, filter: object): Promise<number> => dbCount(rt, collection, filter);

beforeAll(async () => {
  const first = await startRuntime();
  const street = await directory(first);
  const rosterOf = (communityId: string) => street.deputies.filter((d) => d.communityIds.includes(communityId));
  const places = street.communities.flatMap((c) => rosterOf(c._id).map((d) => ({ communityId: c._id, deputy: d })));
  const now = (await runtimeNow(first)).getTime();
  await first.stop({ keepData: true });
  const indexes = JSON.parse(readFileSync(join(root, 'database', 'indexes.json'), 'utf8')) as IndexFile;
  const db = openDatabase({ file: join(first.dataDir, 'cloud.sqlite'), indexes, strict: false, now: () => now });
  const docs: object[] = [];
  for (let i = 0; i < OPEN; i++) {
    const kind = i < UNRATED ? 'unrated' : i < UNRATED + OVERDUE ? 'overdue' : 'open';
    const { communityId, deputy } = places[i % places.length];
    const created = new Date(now - 20 * DAY);
    docs.push({
      _id: `backlog${String(i).padStart(5, '0')}`,
      trackingNo: `BACKLOG-${String(i).padStart(5, '0')}`,
      requestId: `backlog-${i}`,
      submitterOpenid: `backlog_resident_${i % 500}`,
      communityId,
      category: deputy.specialties[0] ?? street.categories[0]._id,
      content: `积压诉求 ${i}：路口红绿灯时间太短`,
      images: [],
      anonymous: false,
      publish: true,
      status: kind === 'unrated' ? 'replied' : i % 2 ? 'assigned' : 'in_progress',
      assigneeDeputyId: deputy._id,
      assigneeName: deputy.name,
      pastAssigneeIds: [],
      contentCheck: { verdict: 'pass' },
      transfers: [],
      reopenCount: 0,
      supervised: false,
      overdue: false,
      version: 3,
      createdAt: created,
      updatedAt: created,
      ...(kind === 'unrated' ? { repliedAt: new Date(now - 10 * DAY - i * 1000), nextSupervisionAt: null } : {}),
      ...(kind === 'overdue' ? { status: 'assigned', acceptDeadline: new Date(now - 3 * DAY), replyDeadline: new Date(now + 10 * DAY), nextSupervisionAt: new Date(now - 3 * DAY + i) } : {}),
      ...(kind === 'open' ? { acceptDeadline: new Date(now + 5 * DAY), replyDeadline: new Date(now + 15 * DAY), nextSupervisionAt: new Date(now + 5 * DAY) } : {}),
    });
  }
  for (let i = 0; i < docs.length; i += 1000) db.collection('appeals').insertMany(docs.slice(i, i + 1000));
  const notices = Array.from({ length: UNDELIVERED }, (_, i) => ({
    _id: `backlog-notice-${String(i).padStart(5, '0')}`,
    openid: `backlog_resident_${i % 500}`,
    templateKey: 'appealStatus',
    templateId: 'TEMPLATE_ID_APPEAL_STATUS',
    page: 'pages/index/index',
    data: { character_string1: { value: `BACKLOG-${String(i).padStart(5, '0')}` }, phrase2: { value: '已答复' }, thing3: { value: '积压的诉求通知' }, time4: { value: '2026年11月28日 09:05' } },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(now - DAY + i),
    createdAt: new Date(now - DAY),
  }));
  for (let i = 0; i < notices.length; i += 1000) db.collection('outbox').insertMany(notices.slice(i, i + 1000));
  db.close();
  rt = await startRuntime({ dataDir: first.dataDir });
}, 120_000);
afterAll(async () => { await rt?.stop(); });

/** Trigger a timer until it reports nothing more; every run must succeed (a timed-out run answers an error). */
async function drain(fn: string, done: (data: any) => number): Promise<{ runs: number; total: number; perRun: number[]; ms: number[] }> {
  const perRun: number[] = [];
  const ms: number[] = [];
  for (let run = 1; run <= 40; run++) {
    const started = Date.now();
    const res = await fetch(`${rt.url}/api/dev/trigger/${fn}`, { method: 'POST' });
    const body = await res.json();
    ms.push(Date.now() - started);
    if (res.status !== 200 || !body.ok) throw new Error(`${fn} run ${run} failed: ${JSON.stringify(body)}`);
    perRun.push(done(body.data));
    if (!body.data.more) break;
  }
  if (process.env.LXQ_TEST_LOGS) console.log(fn, { runs: perRun.length, perRun, ms, timeoutMs: timeoutOf(fn.split('/')[0]) * 1000 });
  return { runs: perRun.length, total: perRun.reduce((a, b) => a + b, 0), perRun, ms };
}

test('closeUnrated drains 600 unrated appeals among 10,000 open ones in bounded runs', async () => {
  const r = await drain('appeal/closeUnrated', (d) => d.closed);
  expect(r.total).toBe(UNRATED);
  expect(r.runs).toBeGreaterThan(1);
  expect(Math.max(...r.perRun)).toBeLessThanOrEqual(300);
  expect(await count('appeals', { status: 'replied' })).toBe(0);
  expect(await count('appeals', { closedReason: 'unrated' })).toBe(UNRATED);
}, 300_000);

test('supervise marks 600 overdue appeals in bounded runs and leaves the rest alone', async () => {
  const r = await drain('supervise', (d) => d.marked + d.escalated + d.skipped);
  expect(r.runs).toBeGreaterThan(1);
  expect(Math.max(...r.perRun)).toBeLessThanOrEqual(500);
  expect(await count('appeals', { overdue: true })).toBe(OVERDUE);
  // The 8,800 others were never touched: still version 3, not due.
  expect(await count('appeals', { status: { $in: ['assigned', 'in_progress'] }, version: 3 })).toBe(OPEN - UNRATED - OVERDUE);
}, 300_000);

test('notify settles 1,200 undelivered notices (and whatever the other timers queued) in bounded runs', async () => {
  const pending = await count('outbox', { status: 'pending' });
  expect(pending).toBeGreaterThanOrEqual(UNDELIVERED);
  const r = await drain('notify', (d) => d.sent + d.noCredit + d.retried + d.failed);
  expect(r.total).toBeGreaterThanOrEqual(pending);
  expect(r.runs).toBeGreaterThan(1);
  expect(Math.max(...r.perRun)).toBeLessThanOrEqual(500);
  expect(await count('outbox', { status: 'pending' })).toBe(0);
  // Nobody had a credit for the backlog's notices: each one is settled as such, none sent.
  expect(await count('outbox', { _id: { $regex: '^backlog-notice-' }, status: 'no_credit' })).toBe(UNDELIVERED);
}, 300_000);
