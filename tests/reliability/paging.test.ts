/**
 * Every paged list pages through 500 rows that share one timestamp without losing or repeating one (a timer
 * run writes one time into many rows), and a well-formed cursor with an out-of-range time is refused as
 * INVALID_ARGUMENT. The lists are enumerated from the manifests (every action whose input takes a cursor):
 * a new list without a story here fails the first test.
 *
 * Each list's rows are clones of one real row made through the functions, written straight into the
 * database file between two runtime starts (as the console's import would), all with the same time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listActions } from '../../contracts/api';
import { openDatabase, type IndexFile } from '../../runtime/db';
import { acceptedAppeal, deputyOf, heldAppeal, publishedAppeal, routedAppeal, triagedAppeal } from '../factories/appeals';
import { runtimeNow } from '../factories/clock';
import { requestId } from '../factories/ids';
import { servedAppeal } from '../factories/duty';
import { comment, consultingDraft } from '../factories/legislation';
import { boundDeputies, staffMember } from '../factories/people';
import { candidateProject, proposal } from '../factories/projects';
import { dbQuery } from '../support/console';
import { startRuntime, type RunningRuntime } from '../support/runtime';

const root = join(__dirname, '..', '..');
const ROWS = 500;
const FOLLOWERS = 250;

/** One list's story: who reads it, the extra input, and the row to clone (collection, id, time field). */
interface ListRows {
  caller: string;
  event?: Record<string, unknown>;
  collection: string;
  sampleId: string;
  field: string;
  /** Fields set on every clone (what puts the row on this list). */
  patch?: Record<string, unknown>;
}

type Prepare = (rt: RunningRuntime, staff: string) => Promise<ListRows>;

const firstId = async (rt: RunningRuntime, collection: string, filter: object): Promise<string> => {
  const { docs } = await dbQuery(rt, collection, filter, { limit: 1 });
  if (!docs[0]) throw new Error(`no ${collection} row for ${JSON.stringify(filter)}`);
  return docs[0]._id;
};

const PAGED: Record<string, Prepare> = {
  'appeal.mine': async (rt) => {
    const a = await routedAppeal(rt);
    return { caller: a.resident, collection: 'appeals', sampleId: a.id, field: 'createdAt' };
  },
  'appeal.wall': async (rt) => {
    const a = await publishedAppeal(rt);
    return { caller: a.resident, collection: 'appeals', sampleId: a.id, field: 'closedAt' };
  },
  'deputy.queue': async (rt) => {
    const a = await routedAppeal(rt);
    return { caller: a.deputy!.openid, collection: 'appeals', sampleId: a.id, field: 'updatedAt' };
  },
  'staff.reviewQueue': async (rt, staff) => ({ caller: staff, collection: 'appeals', sampleId: (await heldAppeal(rt)).id, field: 'createdAt' }),
  'staff.triageQueue': async (rt, staff) => ({ caller: staff, collection: 'appeals', sampleId: (await triagedAppeal(rt)).id, field: 'createdAt' }),
  'staff.overdue': async (rt, staff) => ({ caller: staff, collection: 'appeals', sampleId: (await routedAppeal(rt)).id, field: 'overdueAt', patch: { overdue: true } }),
  'staff.flagged': async (rt, staff) => ({ caller: staff, collection: 'appeals', sampleId: (await routedAppeal(rt)).id, field: 'updatedAt', patch: { consoleFlagged: true } }),
  'staff.heldContent': async (rt, staff) => {
    // A deputy's progress note the check holds for review (【测试复核】 asks for review).
    const a = await acceptedAppeal(rt);
    await rt.ok('deputy', { action: 'progress', id: a.id, note: '【测试复核】分页测试待审进展' }, deputyOf(a).openid);
    return { caller: staff, collection: 'heldContent', sampleId: await firstId(rt, 'heldContent', { entityId: a.id, status: 'held' }), field: 'createdAt' };
  },
  'staff.pointsQueue': async (rt, staff) => {
    const deputy = (await boundDeputies(rt))[0];
    await servedAppeal(rt, deputy);
    return { caller: staff, collection: 'dutyPoints', sampleId: await firstId(rt, 'dutyPoints', { deputyId: deputy.deputyId, status: 'pending' }), field: 'at' };
  },
  'staff.history': async (rt, staff) => {
    const a = await routedAppeal(rt);
    return { caller: staff, event: { entityType: 'appeal', entityId: a.id }, collection: 'audit', sampleId: await firstId(rt, 'audit', { entityType: 'appeal', entityId: a.id }), field: 'at' };
  },
  'suggestion.list': async (rt, staff) => {
    const first = await routedAppeal(rt);
    const second = await routedAppeal(rt, { communityId: first.communityId, category: first.category });
    const s = await rt.ok('suggestion', { action: 'propose', requestId: requestId('sg'), appealIds: [first.id, second.id], title: '关于分页测试的代表建议', content: '两位居民反映同一问题，建议相关部门统一处理并答复。', department: '区住建局' }, staff);
    return { caller: first.resident, collection: 'suggestions', sampleId: s._id, field: 'createdAt' };
  },
  'presence.activities': async (rt, staff) => {
    const startsAt = new Date((await runtimeNow(rt)).getTime() + 2 * 24 * 3600_000);
    const a = await rt.ok('presence', { action: 'createActivity', requestId: requestId('act'), kind: 'inspection', title: '分页测试视察', place: '青石社区', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(), capacity: 10, deputyIds: ['d01'] }, staff);
    return { caller: staff, collection: 'activities', sampleId: a._id, field: 'startsAt' };
  },
  'presence.mediations': async (rt, staff) => {
    const c = await rt.ok('presence', { action: 'openMediation', requestId: requestId('med'), communityId: 'c01', parties: ['甲', '乙'], summary: '分页测试：邻里噪音纠纷' }, staff);
    return { caller: staff, collection: 'mediations', sampleId: c._id, field: 'createdAt' };
  },
  'user.inbox': async (rt) => {
    const deputy = (await routedAppeal(rt)).deputy!.openid;
    return { caller: deputy, collection: 'outbox', sampleId: await firstId(rt, 'outbox', { openid: deputy }), field: 'at' };
  },
  'project.myProposals': async (rt) => {
    const p = await proposal(rt);
    return { caller: p.resident, collection: 'proposals', sampleId: p.id, field: 'createdAt' };
  },
  'project.proposals': async (rt, staff) => ({ caller: staff, event: { status: 'submitted' }, collection: 'proposals', sampleId: (await proposal(rt)).id, field: 'createdAt' }),
  'legislation.myComments': async (rt) => {
    const c = await comment(rt, await consultingDraft(rt));
    return { caller: c.resident, collection: 'draftComments', sampleId: c.id, field: 'createdAt' };
  },
  'legislation.comments': async (rt, staff) => {
    const draft = await consultingDraft(rt);
    const c = await comment(rt, draft);
    return { caller: staff, event: { draftId: draft.draftId }, collection: 'draftComments', sampleId: c.id, field: 'createdAt' };
  },
};

/** Every client action whose input takes a cursor, as `fn.action`. */
const pagedActions = (): string[] =>
  listActions()
    .filter(({ spec }) => 'cursor' in ((spec.input as unknown as { entries?: object }).entries ?? {}))
    .map(({ fn, action }) => `${fn}.${action}`)
    .sort();

const split = (key: string) => key.split('.') as [string, string];

test('every paged action of the manifests has a paging story here, and the known lists take a cursor', () => {
  expect(pagedActions()).toEqual(Object.keys(PAGED).sort());
  // Lists that once answered a capped array page too.
  expect(pagedActions()).toEqual(expect.arrayContaining(['staff.history']));
});

describe('500 rows sharing one timestamp', () => {
  let rt: RunningRuntime;
  let staffOpenid = '';
  let followed = '';
  const lists = new Map<string, ListRows>();
  const clones = new Map<string, string[]>();

  beforeAll(async () => {
    const first = await startRuntime();
    const staff = await staffMember(first);
    staffOpenid = staff;
    for (const [key, prepare] of Object.entries(PAGED)) lists.set(key, await prepare(first, staff));
    followed = (await candidateProject(first, { staff })).projectId;
    const samples = new Map<string, any>();
    for (const [key, l] of lists) samples.set(key, (await dbQuery(first, l.collection, { _id: l.sampleId }, { limit: 1 })).docs[0]);
    const at = new Date((await runtimeNow(first)).getTime() - 60_000);
    await first.stop({ keepData: true });

    const indexes = JSON.parse(readFileSync(join(root, 'database', 'indexes.json'), 'utf8')) as IndexFile;
    const db = openDatabase({ file: join(first.dataDir, 'cloud.sqlite'), indexes, strict: false, now: () => at.getTime() });
    for (const [key, l] of lists) {
      const { _id, ...sample } = samples.get(key);
      const tag = key.replace('.', '-');
      // Ids that sort on both sides of the sample's, so a tie is broken by _id in both directions.
      const rows = Array.from({ length: ROWS }, (_, i) => ({
        ...reviveDates(sample),
        ...l.patch,
        _id: `${i % 2 ? 'a' : 'z'}${tag}-${String(i).padStart(4, '0')}`,
        ...(sample.trackingNo ? { trackingNo: `${sample.trackingNo}-${tag}-${i}` } : {}),
        [l.field]: at,
      }));
      db.collection(l.collection).insertMany(rows);
      clones.set(key, rows.map((r) => r._id));
    }
    db.collection('follows').insertMany(Array.from({ length: FOLLOWERS }, (_, i) => ({ _id: `${followed}_f${i}`, projectId: followed, openid: `follower_${String(i).padStart(4, '0')}`, at })));
    db.close();
    rt = await startRuntime({ dataDir: first.dataDir });
  }, 300_000);
  afterAll(async () => { await rt?.stop(); });

  test.each(Object.keys(PAGED))('%s pages through every one of them exactly once', async (key) => {
    const [fn, action] = split(key);
    const l = lists.get(key)!;
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await rt.ok(fn, { action, ...l.event, ...(cursor ? { cursor } : {}) }, l.caller);
      seen.push(...page.items.map((item: { _id: string }) => item._id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 200);
    const expected = clones.get(key)!;
    const found = new Set(seen);
    expect(expected.filter((id) => !found.has(id))).toEqual([]);
    expect(seen.length).toBe(found.size);
  }, 120_000);

  test('a project milestone reaches every one of its followers, not the first 100', async () => {
    const done = await rt.ok('project', { action: 'progress', projectId: followed, percent: 30, milestone: '完成设计方案' }, staffOpenid);
    expect(done.notified).toBe(FOLLOWERS);
    const inboxes = await dbQuery(rt, 'outbox', { openid: { $regex: '^follower_' } }, { limit: 1 });
    expect(inboxes.total).toBe(FOLLOWERS);
  }, 120_000);

  test.each(Object.keys(PAGED))('%s refuses a well-formed cursor with an out-of-range time as INVALID_ARGUMENT', async (key) => {
    const [fn, action] = split(key);
    const l = lists.get(key)!;
    for (const t of [1e20, -1e20, 8.64e15 + 1, 1.5]) {
      const cursor = Buffer.from(JSON.stringify({ t, id: 'abc' })).toString('base64url');
      const { body } = await rt.call(fn, { action, ...l.event, cursor }, l.caller);
      expect(body.ok ? 'ok' : body.error.code).toBe('INVALID_ARGUMENT');
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

/** Console-API documents carry dates as {"$date": ISO}; the store wants Dates. */
function reviveDates(value: any): any {
  if (Array.isArray(value)) return value.map(reviveDates);
  if (value && typeof value === 'object') {
    if (typeof value.$date === 'string' && Object.keys(value).length === 1) return new Date(value.$date);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveDates(v)]));
  }
  return value;
}
