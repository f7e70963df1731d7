/**
 * ≥ 10,000 generated malformed or hostile events across every action the manifests declare: wrong types,
 * huge strings, objects where strings go, operator injection in ids, unknown actions, other people's ids.
 * Expect: a well-formed envelope every time, never INTERNAL, a field of the wrong kind refused as
 * INVALID_ARGUMENT, no crash, and no stored data changed. Every declared action needs a template below
 * (the coverage test fails otherwise). Reproduce a failure with FUZZ_SEED=<seed printed below>.
 */
import { listActions } from '../../contracts/api';
import { ERROR_CODES } from '../../contracts/envelope';
import { dbDigest } from '../support/dbSnapshot';
import { rng } from '../support/random';
import { startRuntime, type RunningRuntime } from '../support/runtime';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const EVENTS = Number(process.env.FUZZ_EVENTS ?? 10_000);

let rt: RunningRuntime;
let appealOfR1: string;
const ids = { appeal: '', trackingNo: '' };

type Template = { fn: string; action: string; mutating: boolean; event: Record<string, unknown> };
let catalog: Template[] = [];

beforeAll(async () => {
  rt = await startRuntime();
  const sub = await rt.ok('appeal', { action: 'submit', requestId: 'fuzz-seed-0001', communityId: 'c01', category: 'housing', content: '模糊测试前置诉求：楼道灯不亮', contact: { name: '林女士', phone: '13812345678' } }, 'dev_resident_1');
  appealOfR1 = sub._id;
  ids.appeal = sub._id;
  ids.trackingNo = sub.trackingNo;
  const A = ids.appeal;
  catalog = [
    ...['communities', 'stations', 'deputies', 'categories', 'contact'].map((action) => ({ fn: 'directory', action, mutating: false, event: {} })),
    { fn: 'user', action: 'whoami', mutating: false, event: {} },
    { fn: 'user', action: 'inbox', mutating: false, event: {} },
    { fn: 'user', action: 'subscriptions', mutating: false, event: {} },
    { fn: 'user', action: 'unread', mutating: false, event: {} },
    { fn: 'user', action: 'markRead', mutating: true, event: { ids: ['nothing'] } },
    { fn: 'user', action: 'subscribe', mutating: true, event: { accepted: ['appealStatus'] } },
    { fn: 'user', action: 'setCommunity', mutating: true, event: { communityId: 'c02' } },
    { fn: 'appeal', action: 'submit', mutating: true, event: { requestId: 'fuzz-req-00001', communityId: 'c01', category: 'housing', content: '这是一条模糊测试生成的诉求内容', anonymous: false, publish: true, contact: { name: '张三', phone: '13900000000' } } },
    { fn: 'appeal', action: 'mine', mutating: false, event: {} },
    { fn: 'appeal', action: 'detail', mutating: false, event: { id: A } },
    { fn: 'appeal', action: 'rate', mutating: true, event: { id: A, rating: 'satisfied', comment: '好' } },
    { fn: 'appeal', action: 'wall', mutating: false, event: {} },
    { fn: 'deputy', action: 'queue', mutating: false, event: { status: 'assigned' } },
    { fn: 'deputy', action: 'home', mutating: false, event: {} },
    { fn: 'deputy', action: 'accept', mutating: true, event: { id: A } },
    { fn: 'deputy', action: 'progress', mutating: true, event: { id: A, note: '进展说明' } },
    { fn: 'deputy', action: 'transfer', mutating: true, event: { id: A, department: '城管科', note: '交办说明' } },
    { fn: 'deputy', action: 'reply', mutating: true, event: { id: A, content: '答复内容已经处理', resolution: 'implemented' } },
    ...['reviewQueue', 'triageQueue', 'overdue', 'flagged', 'dashboard', 'settings'].map((action) => ({ fn: 'staff', action, mutating: false, event: {} })),
    { fn: 'staff', action: 'find', mutating: false, event: { trackingNo: ids.trackingNo } },
    { fn: 'staff', action: 'history', mutating: false, event: { entityType: 'appeal', entityId: A } },
    { fn: 'staff', action: 'moderate', mutating: true, event: { id: A, decision: 'reject', reason: '测试原因' } },
    { fn: 'staff', action: 'assign', mutating: true, event: { id: A, deputyId: 'd02' } },
    { fn: 'staff', action: 'block', mutating: true, event: { openid: 'dev_resident_2', reason: '测试封禁' } },
    { fn: 'staff', action: 'unblock', mutating: true, event: { openid: 'dev_resident_2' } },
    { fn: 'staff', action: 'people', mutating: false, event: { query: '张' } },
    { fn: 'staff', action: 'updateSettings', mutating: true, event: { acceptWorkingDays: 2 } },
    { fn: 'ballot', action: 'list', mutating: false, event: {} },
    { fn: 'ballot', action: 'detail', mutating: false, event: { ballotId: 'ballot-resident' } },
    { fn: 'ballot', action: 'results', mutating: false, event: { ballotId: 'ballot-resident' } },
    { fn: 'ballot', action: 'cast', mutating: true, event: { ballotId: 'ballot-resident', projectIds: ['p01', 'p02'] } },
    { fn: 'ballot', action: 'close', mutating: true, event: { ballotId: 'ballot-resident' } },
    { fn: 'ballot', action: 'paper', mutating: true, event: { ballotId: 'ballot-resident', projectId: 'p01', count: 3 } },
    { fn: 'ballot', action: 'create', mutating: true, event: { title: '模糊测试票决', description: '', electorate: 'resident', projectIds: ['p01', 'p02'], minChoices: 1, maxChoices: 1, opensAt: '2026-12-01T00:00:00.000Z', closesAt: '2026-12-31T00:00:00.000Z' } },
    { fn: 'project', action: 'propose', mutating: true, event: { requestId: 'fuzz-prop-0001', title: '模糊测试建议', description: '这是一条模糊测试生成的建议说明', communityId: 'c01', cost: 1000 } },
    { fn: 'project', action: 'myProposals', mutating: false, event: {} },
    { fn: 'project', action: 'proposals', mutating: false, event: {} },
    { fn: 'project', action: 'shortlist', mutating: true, event: { proposalIds: ['x1'], title: '模糊测试项目', summary: '模糊测试项目简介内容' } },
    { fn: 'project', action: 'list', mutating: false, event: {} },
    { fn: 'project', action: 'detail', mutating: false, event: { projectId: 'p01' } },
    { fn: 'project', action: 'follow', mutating: true, event: { projectId: 'p01' } },
    { fn: 'project', action: 'unfollow', mutating: true, event: { projectId: 'p01' } },
    { fn: 'project', action: 'progress', mutating: true, event: { projectId: 'p01', percent: 10, milestone: '开工' } },
    { fn: 'project', action: 'score', mutating: true, event: { projectId: 'p01', score: 5 } },
    { fn: 'project', action: 'reviewProposal', mutating: true, event: { id: 'nothing', decision: 'approve' } },
    { fn: 'deputy', action: 'record', mutating: false, event: { deputyId: 'd01' } },
    { fn: 'staff', action: 'pointsQueue', mutating: false, event: {} },
    { fn: 'staff', action: 'reviewPoints', mutating: true, event: { ids: ['nothing'], decision: 'approve' } },
    { fn: 'legislation', action: 'drafts', mutating: false, event: {} },
    { fn: 'legislation', action: 'detail', mutating: false, event: { draftId: 'draft-dogs' } },
    { fn: 'legislation', action: 'myComments', mutating: false, event: {} },
    { fn: 'legislation', action: 'comments', mutating: false, event: { draftId: 'draft-dogs' } },
    { fn: 'legislation', action: 'comment', mutating: true, event: { requestId: 'fuzz-cmt-0001', draftId: 'draft-dogs', sectionId: 's1', content: '模糊测试生成的立法意见' } },
    { fn: 'legislation', action: 'adopt', mutating: true, event: { id: 'nothing', adoption: 'adopted', reason: '模糊测试采纳理由' } },
    { fn: 'pulse', action: 'board', mutating: false, event: { period: '2026-11', dimension: 'station' } },
    { fn: 'pulse', action: 'exportPulse', mutating: true, event: { period: '2026' } },
    { fn: 'directory', action: 'publicSummary', mutating: false, event: { stationId: 's01' } },
    { fn: 'legislation', action: 'points', mutating: false, event: {} },
    { fn: 'legislation', action: 'recordOffline', mutating: true, event: { requestId: 'fuzz-off-0001', draftId: 'draft-dogs', sectionId: 's1', pointId: 'st1', contributorName: '座谈会居民', content: '模糊测试录入的线下意见' } },
    { fn: 'street', action: 'compileDraft', mutating: true, event: { draftId: 'draft-dogs' } },
    { fn: 'legislation', action: 'submission', mutating: false, event: { draftId: 'draft-dogs' } },
    { fn: 'legislation', action: 'yearFigures', mutating: false, event: { year: 2026 } },
    { fn: 'suggestion', action: 'clusters', mutating: false, event: {} },
    { fn: 'suggestion', action: 'propose', mutating: true, event: { requestId: 'fuzz-sg-00001', appealIds: [A, 'nothing'], title: '模糊测试的代表建议', content: '模糊测试生成的代表建议内容', department: '区住建局' } },
    { fn: 'suggestion', action: 'step', mutating: true, event: { id: 'nothing', step: 'assign', department: '区住建局' } },
    { fn: 'suggestion', action: 'list', mutating: false, event: {} },
    { fn: 'suggestion', action: 'detail', mutating: false, event: { id: 'nothing' } },
    { fn: 'suggestion', action: 'links', mutating: false, event: { appealId: A } },
    { fn: 'suggestion', action: 'similar', mutating: false, event: { communityId: 'c01', category: 'housing', content: '楼道灯不亮', location: { latitude: 30.2, longitude: 120.1 } } },
    { fn: 'suggestion', action: 'publicCase', mutating: false, event: { appealId: A } },
    { fn: 'suggestion', action: 'support', mutating: true, event: { appealId: 'nothing' } },
    { fn: 'suggestion', action: 'merge', mutating: true, event: { id: 'nothing', intoId: A } },
    { fn: 'user', action: 'claimStaff', mutating: true, event: { code: 'fuzz-bootstrap-code' } },
    { fn: 'user', action: 'bindDeputy', mutating: true, event: { code: 'ABCD2345' } },
    { fn: 'staff', action: 'inviteDeputy', mutating: true, event: { deputyId: 'd01' } },
    { fn: 'staff', action: 'revokeInvite', mutating: true, event: { code: 'ABCD2345' } },
    { fn: 'staff', action: 'addStaff', mutating: true, event: { openid: 'dev_resident_3' } },
    { fn: 'staff', action: 'removeStaff', mutating: true, event: { openid: 'dev_staff_2' } },
    { fn: 'staff', action: 'setCalendarYear', mutating: true, event: { year: 2030, periods: [{ name: '春节', from: '2030-02-02', to: '2030-02-08', workdays: [] }] } },
    ...['deputyAccounts', 'staffMembers', 'calendar'].map((action) => ({ fn: 'staff', action, mutating: false, event: {} })),
    { fn: 'staff', action: 'calendarYear', mutating: false, event: { year: 2026 } },
    { fn: 'street', action: 'importStreet', mutating: true, event: { fileId: 'cloud://lianxin-local.local/street/none.xlsx', dryRun: true } },
    { fn: 'street', action: 'exportStreet', mutating: false, event: {} },
    { fn: 'presence', action: 'station', mutating: false, event: { stationId: 'st1' } },
    { fn: 'presence', action: 'today', mutating: false, event: { communityId: 'c01' } },
    { fn: 'presence', action: 'myDuties', mutating: false, event: {} },
    { fn: 'presence', action: 'activities', mutating: false, event: {} },
    { fn: 'presence', action: 'activity', mutating: false, event: { id: 'act-seed-research' } },
    { fn: 'presence', action: 'mediations', mutating: false, event: {} },
    { fn: 'presence', action: 'mediation', mutating: false, event: { id: 'nothing' } },
    { fn: 'presence', action: 'respond', mutating: true, event: { id: 'act-seed-research', response: 'leave', reason: '模糊测试请假事由' } },
    { fn: 'presence', action: 'checkIn', mutating: true, event: { id: 'act-seed-research' } },
    { fn: 'presence', action: 'markAttendance', mutating: true, event: { id: 'act-seed-research', deputyId: 'd01' } },
    { fn: 'presence', action: 'settle', mutating: true, event: { id: 'act-seed-research' } },
    { fn: 'presence', action: 'publishReport', mutating: true, event: { id: 'act-seed-research', text: '模糊测试生成的活动简报内容', photos: [] } },
    { fn: 'presence', action: 'createActivity', mutating: true, event: { requestId: 'fuzz-act-0001', kind: 'group', title: '模糊测试活动', startsAt: '2030-03-01T01:00:00.000Z', endsAt: '2030-03-01T03:00:00.000Z', place: '模糊测试地点', capacity: 5, deputyIds: ['d01'] } },
    { fn: 'presence', action: 'saveStation', mutating: true, event: { stationId: 'st1', hours: '模糊测试开放时间', intro: '模糊测试简介' } },
    { fn: 'presence', action: 'setRoster', mutating: true, event: { stationId: 'st1', day: '2030-03-01', half: 'am', deputyIds: ['d01'] } },
    { fn: 'presence', action: 'code', mutating: true, event: { kind: 'station', id: 'st1' } },
    { fn: 'presence', action: 'intake', mutating: true, event: { requestId: 'fuzz-intake-0001', channel: 'phone', residentName: '模糊测试', residentPhone: '13900002222', communityId: 'c01', category: 'housing', content: '模糊测试代客录入诉求' } },
    { fn: 'presence', action: 'claim', mutating: true, event: { trackingNo: '20300101-00001', phoneTail: '2222' } },
    { fn: 'presence', action: 'callback', mutating: true, event: { id: 'nothing', rating: 'satisfied', comment: '模糊测试回访' } },
    { fn: 'presence', action: 'openMediation', mutating: true, event: { requestId: 'fuzz-med-0001', communityId: 'c01', parties: ['甲', '乙'], summary: '模糊测试纠纷概况内容' } },
    { fn: 'presence', action: 'mediationStep', mutating: true, event: { id: 'nothing', step: 'hear', note: '模糊测试记录', day: '2026-01-01' } },
    { fn: 'presence', action: 'closeMediation', mutating: true, event: { id: 'nothing', outcome: 'referral', day: '2026-01-01', referTo: 'court', note: '模糊测试' } },
  ];
});
afterAll(async () => { await rt?.stop(); });

const keyOf = (t: { fn: string; action: string }) => `${t.fn}.${t.action}`;

/** One template per declared action, looked up by the manifests' list (a template for nothing declared is an error too). */
function templatesByAction(): Template[] {
  const byKey = new Map(catalog.map((t) => [keyOf(t), t]));
  return listActions().flatMap((a) => byKey.get(keyOf(a)) ?? []);
}

test('has a template for every action the manifests declare, and none for anything else', () => {
  const declared = listActions().map(keyOf).sort();
  const templated = catalog.map(keyOf).sort();
  expect(declared.filter((k) => !templated.includes(k))).toEqual([]);
  expect(templated.filter((k) => !declared.includes(k))).toEqual([]);
  expect(new Set(templated).size).toBe(templated.length);
});

const IDENTITIES = ['dev_resident_1', 'dev_resident_2', 'dev_deputy_d01', 'dev_deputy_d03', 'dev_staff_1', undefined];

function hostile(r: ReturnType<typeof rng>): unknown {
  const options: (() => unknown)[] = [
    () => ({ $gt: '' }),
    () => ({ $ne: null }),
    () => ({ $where: 'sleep(1000)' }),
    () => ['a', { $in: ['x'] }],
    () => r.int(1e9) * (r.chance(0.5) ? -1 : 1),
    () => 1.5,
    () => Number.MAX_SAFE_INTEGER,
    () => true,
    () => null,
    () => ({ nested: { deeper: { $regex: '.*' } } }),
    () => 'x'.repeat(r.pick([1001, 5000, 100_000])),
    () => '\u0000\u202e<script>alert(1)</script>',
    () => '../../etc/passwd',
    () => '',
    () => [],
    () => ({}),
    () => '💥'.repeat(r.int(600) + 1),
  ];
  return r.pick(options)();
}

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Make an event. Mutating actions only ever get a field replaced by a value of another kind, or a string
 * far over any limit: such events must be rejected. Read-only actions also get deletions and junk fields.
 */
function generate(r: ReturnType<typeof rng>, templates: Template[]): { fn: string; body: unknown; mustReject: boolean; badField?: boolean } {
  const roll = r.next();
  if (roll < 0.04) return { fn: r.pick(templates).fn, body: r.pick(['[1,2]', '"text"', '42', 'null', '{"action":', '{"action":"whoami"']), mustReject: true };
  if (roll < 0.1) {
    const t = r.pick(templates);
    return { fn: t.fn, body: { ...t.event, action: r.pick(['dropDatabase', '__proto__', 'constructor', 'WHOAMI', hostile(r)]) }, mustReject: true };
  }
  const t = r.pick(templates);
  const event: Record<string, unknown> = { action: t.action, ...structuredClone(t.event) };
  const keys = Object.keys(t.event);
  if (!t.mutating) {
    if (keys.length === 0 || r.chance(0.3)) event[r.pick(['extra', '$where', 'openid', 'role', '_id'])] = hostile(r);
    else if (r.chance(0.2)) delete event[r.pick(keys)];
    else event[r.pick(keys)] = hostile(r);
    return { fn: t.fn, body: event, mustReject: false };
  }
  const key = r.pick(keys);
  const original = t.event[key];
  let value = hostile(r);
  for (let i = 0; i < 20 && kindOf(value) === kindOf(original) && !(typeof value === 'string' && value.length > 5000); i++) value = hostile(r);
  if (kindOf(value) === kindOf(original) && !(typeof value === 'string' && value.length > 5000)) value = { $gt: '' };
  event[key] = value;
  return { fn: t.fn, body: event, mustReject: true, badField: true };
}

test(`fuzz ${EVENTS} hostile events (seed ${SEED}): clean envelopes, no INTERNAL, nothing stored`, async () => {
  const before = await dbDigest(rt.url);
  const r = rng(SEED);
  const templates = templatesByAction();
  const cases = Array.from({ length: EVENTS }, () => ({ ...generate(r, templates), openid: r.pick(IDENTITIES) }));
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (c.openid) headers['x-wx-openid'] = c.openid;
      const res = await fetch(`${rt.url}/api/cloud/${c.fn}`, { method: 'POST', headers, body: typeof c.body === 'string' ? c.body : JSON.stringify(c.body) });
      const text = await res.text();
      let body: any;
      try { body = JSON.parse(text); } catch { failures.push(`#${i} non-JSON ${res.status}: ${text.slice(0, 80)}`); continue; }
      const problem =
        typeof body.ok !== 'boolean' ? 'not an envelope'
        : body.ok === false && !ERROR_CODES.includes(body.error?.code) ? `unknown code ${body.error?.code}`
        : body.ok === false && body.error.code === 'INTERNAL' ? `INTERNAL: ${body.error.message}`
        : body.ok === false && !/[\u4e00-\u9fff]/.test(body.error.message) ? 'message not Chinese'
        : c.mustReject && body.ok ? 'hostile mutating event accepted'
        : c.badField && body.error.code !== (c.openid ? 'INVALID_ARGUMENT' : 'UNAUTHENTICATED') ? `a field of the wrong kind answered ${body.error.code}, not INVALID_ARGUMENT`
        : res.status >= 500 ? `HTTP ${res.status}` : undefined;
      if (problem) failures.push(`#${i} ${c.fn} ${JSON.stringify(c.body).slice(0, 400)} as ${c.openid}: ${problem}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  expect(failures.slice(0, 10)).toEqual([]);
  expect(rt.child.exitCode).toBeNull();
  const after = await dbDigest(rt.url);
  expect(after.counts).toEqual(before.counts);
  expect(after.digest).toBe(before.digest);
  // The runtime still serves normal requests.
  expect((await rt.ok('appeal', { action: 'detail', id: appealOfR1 }, 'dev_resident_1'))._id).toBe(appealOfR1);
}, 240_000);
