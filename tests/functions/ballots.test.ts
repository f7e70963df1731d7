import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
beforeAll(async () => { rt = await startRuntime(); });
afterAll(async () => { await rt?.stop(); });

const STAFF = 'dev_staff_1';
const votesIn = async (ballotId: string) => (await fetch(`${rt.url}/api/dev/db/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection: 'votes', filter: { ballotId }, limit: 200 }) }).then((r) => r.json())).total as number;
/** Recount straight from the stored votes (console view), independent of the function's aggregation. */
async function recount(ballotId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let skip = 0; ; skip += 200) {
    const { docs } = await fetch(`${rt.url}/api/dev/db/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection: 'votes', filter: { ballotId }, limit: 200, skip }) }).then((r) => r.json());
    for (const d of docs) for (const p of d.projectIds) counts.set(p, (counts.get(p) ?? 0) + 1);
    if (docs.length < 200) return counts;
  }
}

describe('seeded ballots', () => {
  it('lists an open resident ballot (8+ candidates, pick 1–3) and a deputy ballot over the same projects', async () => {
    const list = await rt.ok('ballot', { action: 'list' }, 'dev_resident_1');
    const resident = list.find((b: { electorate: string }) => b.electorate === 'resident');
    const deputy = list.find((b: { electorate: string }) => b.electorate === 'deputy');
    expect(resident).toMatchObject({ status: 'open', minChoices: 1, maxChoices: 3 });
    expect(resident.candidateCount).toBeGreaterThanOrEqual(8);
    expect(Date.parse(resident.closesAt) - Date.parse(resident.opensAt)).toBe(30 * 24 * 3600_000);
    const a = await rt.ok('ballot', { action: 'detail', ballotId: resident._id }, 'dev_resident_1');
    const b = await rt.ok('ballot', { action: 'detail', ballotId: deputy._id }, 'dev_deputy_d01');
    expect(a.candidates.map((c: { _id: string }) => c._id)).toEqual(b.candidates.map((c: { _id: string }) => c._id));
    expect(a.candidates[0]).toMatchObject({ _id: 'p01', title: '老旧小区加装电梯', cost: 3600000 });
    expect(a.mayVote).toBe(true);
    expect(b.mayVote).toBe(true);
  });
});

describe('casting', () => {
  const B = 'ballot-resident';
  it('records one final vote and shows it back', async () => {
    const cast = await rt.ok('ballot', { action: 'cast', ballotId: B, projectIds: ['p02', 'p01'] }, 'dev_resident_1');
    expect(cast).toMatchObject({ ballotId: B, projectIds: ['p01', 'p02'] });
    const detail = await rt.ok('ballot', { action: 'detail', ballotId: B }, 'dev_resident_1');
    expect(detail.myVote.projectIds).toEqual(['p01', 'p02']);
    expect((await rt.call('ballot', { action: 'cast', ballotId: B, projectIds: ['p03'] }, 'dev_resident_1')).body.error.code).toBe('CONFLICT');
  });
  it.each<[unknown[], string]>([
    [[], 'none'],
    [['p01', 'p02', 'p03', 'p04'], 'too many'],
    [['p01', 'p01'], 'duplicates'],
    [['p99'], 'unknown'],
    [[{ $gt: '' }], 'operator injection'],
  ])('refuses %j (%s) with INVALID_ARGUMENT and stores nothing', async (projectIds) => {
    const before = await votesIn(B);
    expect((await rt.call('ballot', { action: 'cast', ballotId: B, projectIds }, 'dev_resident_2')).body.error.code).toBe('INVALID_ARGUMENT');
    expect(await votesIn(B)).toBe(before);
  });
  it('keeps each electorate to its own ballot', async () => {
    expect((await rt.call('ballot', { action: 'cast', ballotId: 'ballot-deputy', projectIds: ['p01', 'p02', 'p03'] }, 'dev_resident_2')).body.error.code).toBe('PERMISSION_DENIED');
    expect((await rt.call('ballot', { action: 'cast', ballotId: B, projectIds: ['p01'] }, 'dev_deputy_d02')).body.error.code).toBe('PERMISSION_DENIED');
    expect((await rt.call('ballot', { action: 'cast', ballotId: B, projectIds: ['p01'] }, STAFF)).body.error.code).toBe('PERMISSION_DENIED');
    // d14 is not on the deliberation roster.
    expect((await rt.call('ballot', { action: 'cast', ballotId: 'ballot-deputy', projectIds: ['p01', 'p02', 'p03'] }, 'dev_deputy_d14')).body.error.code).toBe('PERMISSION_DENIED');
    expect(await rt.ok('ballot', { action: 'cast', ballotId: 'ballot-deputy', projectIds: ['p01', 'p02', 'p05'] }, 'dev_deputy_d02')).toMatchObject({ projectIds: ['p01', 'p02', 'p05'] });
  });
  it('answers NOT_FOUND for an unknown ballot', async () => {
    expect((await rt.call('ballot', { action: 'cast', ballotId: 'nope', projectIds: ['p01'] }, 'dev_resident_2')).body.error.code).toBe('NOT_FOUND');
  });

  it('holds under 300 simultaneous voters and 100 racing duplicate casts: exactly 300 votes, tallies = recount', async () => {
    const voters = Array.from({ length: 300 }, (_, i) => `race_voter_${i}`);
    await Promise.all(voters.map((v, i) => rt.ok('user', { action: 'setCommunity', communityId: `c${String((i % 17) + 1).padStart(2, '0')}` }, v)));
    const choice = (i: number) => [`p0${(i % 9) + 1}`, `p0${((i + 3) % 9) + 1}`];
    const casts = voters.map((v, i) => rt.call('ballot', { action: 'cast', ballotId: B, projectIds: choice(i) }, v));
    const dupes = voters.slice(0, 100).map((v, i) => rt.call('ballot', { action: 'cast', ballotId: B, projectIds: choice(i + 1) }, v));
    const replies = await Promise.all([...casts, ...dupes]);
    const ok = replies.filter((r) => r.body.ok).length;
    const conflicts = replies.filter((r) => r.body.error?.code === 'CONFLICT').length;
    expect(ok).toBe(300);
    expect(conflicts).toBe(100);
    const results = await rt.ok('ballot', { action: 'results', ballotId: B }, STAFF);
    expect(results.voters).toBe(301); // + dev_resident_1
    const recounted = await recount(B);
    for (const t of results.tallies) expect(t.online).toBe(recounted.get(t.projectId) ?? 0);
    expect(results.turnoutByCommunity.reduce((n: number, c: { voters: number }) => n + c.voters, 0)).toBe(301);
    expect(results.turnoutByCommunity.find((c: { communityId: string }) => c.communityId === 'c01').voters).toBeGreaterThanOrEqual(18);
  });
});

describe('results', () => {
  it('are hidden from voters while open, shown to staff live', async () => {
    expect((await rt.call('ballot', { action: 'results', ballotId: 'ballot-resident' }, 'dev_resident_1')).body.error.code).toBe('FAILED_PRECONDITION');
    expect((await rt.call('ballot', { action: 'results', ballotId: 'ballot-deputy' }, 'dev_deputy_d01')).body.error.code).toBe('FAILED_PRECONDITION');
    expect((await rt.call('ballot', { action: 'results', ballotId: 'ballot-resident' }, STAFF)).body.ok).toBe(true);
  });
  it('merge paper tallies, separately and combined', async () => {
    expect((await rt.call('ballot', { action: 'paper', ballotId: 'ballot-resident', projectId: 'p01', count: 40 }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    expect((await rt.call('ballot', { action: 'paper', ballotId: 'ballot-resident', projectId: 'p99', count: 40 }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    expect((await rt.call('ballot', { action: 'paper', ballotId: 'ballot-resident', projectId: 'p01', count: -1 }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    const before = (await rt.ok('ballot', { action: 'results', ballotId: 'ballot-resident' }, STAFF)).tallies.find((t: { projectId: string }) => t.projectId === 'p01');
    await rt.ok('ballot', { action: 'paper', ballotId: 'ballot-resident', projectId: 'p01', count: 40, note: '青石社区现场投票箱' }, STAFF);
    const after = (await rt.ok('ballot', { action: 'results', ballotId: 'ballot-resident' }, STAFF)).tallies.find((t: { projectId: string }) => t.projectId === 'p01');
    expect(after).toEqual({ projectId: 'p01', online: before.online, paper: 40, total: before.online + 40 });
  });
  it('close on staff action; then everyone sees them, with the paired binding result side by side', async () => {
    expect((await rt.call('ballot', { action: 'close', ballotId: 'ballot-resident' }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    expect(await rt.ok('ballot', { action: 'close', ballotId: 'ballot-resident' }, STAFF)).toMatchObject({ status: 'closed' });
    expect((await rt.call('ballot', { action: 'close', ballotId: 'ballot-resident' }, STAFF)).body.error.code).toBe('FAILED_PRECONDITION');
    expect((await rt.call('ballot', { action: 'cast', ballotId: 'ballot-resident', projectIds: ['p01'] }, 'late_voter')).body.error.code).toBe('FAILED_PRECONDITION');
    const seen = await rt.ok('ballot', { action: 'results', ballotId: 'ballot-resident' }, 'dev_resident_1');
    expect(seen.status).toBe('closed');
    expect(seen.paired).toBeUndefined(); // deputy ballot still open: its result stays hidden from residents
    await rt.ok('ballot', { action: 'close', ballotId: 'ballot-deputy' }, STAFF);
    const both = await rt.ok('ballot', { action: 'results', ballotId: 'ballot-resident' }, 'dev_resident_1');
    expect(both.paired).toMatchObject({ ballotId: 'ballot-deputy', electorate: 'deputy', voters: 1 });
  });
  it('refuses to create a malformed ballot', async () => {
    const base = { action: 'create', title: '测试票决标题', description: '', electorate: 'resident', projectIds: ['p01', 'p02', 'p03'], minChoices: 1, maxChoices: 2, opensAt: '2026-12-01T00:00:00.000Z', closesAt: '2026-12-31T00:00:00.000Z' };
    expect((await rt.call('ballot', { ...base, maxChoices: 5 }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    expect((await rt.call('ballot', { ...base, projectIds: ['p01', 'zz'] }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    expect((await rt.call('ballot', base, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    const created = await rt.ok('ballot', base, STAFF);
    expect(created).toMatchObject({ status: expect.any(String), candidateCount: 3 });
  });
});

describe('proposals and delivery', () => {
  it('takes a resident proposal, shortlists merged duplicates and tells each proposer', async () => {
    const a = await rt.ok('project', { action: 'propose', requestId: 'prop-aaaa-1', title: '增设社区健身步道', description: '希望在湖滨社区沿湖修建一条夜间有照明的健身步道', communityId: 'c12' }, 'dev_resident_4');
    const b = await rt.ok('project', { action: 'propose', requestId: 'prop-bbbb-1', title: '湖边修步道', description: '湖滨公园旁边可以修条步道方便散步锻炼', communityId: 'c12' }, 'dev_resident_3');
    expect((await rt.call('project', { action: 'propose', requestId: 'prop-cccc-1', title: '违规建议标题', description: '【测试违规】这是一条违规的建议内容', communityId: 'c12' }, 'dev_resident_3')).body.error.code).toBe('CONTENT_REJECTED');
    const queue = await rt.ok('project', { action: 'proposals' }, STAFF);
    expect(queue.items.map((p: { _id: string }) => p._id)).toEqual(expect.arrayContaining([a._id, b._id]));
    const { projectId } = await rt.ok('project', { action: 'shortlist', proposalIds: [a._id, b._id], title: '湖滨健身步道', summary: '沿湖滨公园修建1.2公里带照明的健身步道', cost: 600000 }, STAFF);
    for (const who of ['dev_resident_4', 'dev_resident_3']) {
      const inbox = await rt.ok('user', { action: 'inbox' }, who);
      expect(inbox.items.some((m: { body: string }) => m.body.includes('湖滨健身步道'))).toBe(true);
    }
    const mine = await rt.ok('project', { action: 'myProposals' }, 'dev_resident_4');
    expect(mine.items[0]).toMatchObject({ status: 'shortlisted', projectId });
  });
  it('tracks delivery, notifies followers of milestones, and lets deputies score at the end', async () => {
    await rt.ok('project', { action: 'follow', projectId: 'p02' }, 'dev_resident_1');
    expect((await rt.call('project', { action: 'score', projectId: 'p02', score: 5 }, 'dev_deputy_d01')).body.error.code).toBe('FAILED_PRECONDITION');
    await rt.ok('project', { action: 'progress', projectId: 'p02', percent: 40, milestone: '完成选址和装修设计' }, STAFF);
    expect((await rt.call('project', { action: 'progress', projectId: 'p02', percent: 30, milestone: '倒退' }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    const done = await rt.ok('project', { action: 'progress', projectId: 'p02', percent: 100, milestone: '长者助餐点正式开业' }, STAFF);
    expect(done).toMatchObject({ status: 'delivered', notified: 1 });
    const inbox = await rt.ok('user', { action: 'inbox' }, 'dev_resident_1');
    expect(inbox.items.filter((m: { title: string }) => m.title.includes('社区食堂'))).toHaveLength(2);
    await rt.ok('project', { action: 'score', projectId: 'p02', score: 4, comment: '菜品丰富，价格合理' }, 'dev_deputy_d01');
    await rt.ok('project', { action: 'score', projectId: 'p02', score: 5 }, 'dev_deputy_d02');
    expect((await rt.call('project', { action: 'score', projectId: 'p02', score: 5 }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    const detail = await rt.ok('project', { action: 'detail', projectId: 'p02' }, 'dev_resident_1');
    expect(detail).toMatchObject({ percent: 100, status: 'delivered', following: true, deliveryScore: 4.5, scoreCount: 2 });
    expect(detail.milestones).toHaveLength(2);
  });
});

describe('proposal review', () => {
  it('approves held proposals and declines with a reason the proposer reads', async () => {
    const held = await rt.ok('project', { action: 'propose', requestId: 'prop-held-01', title: '社区电梯加装建议', description: '【测试复核】建议给老小区加装电梯方便老人出行', communityId: 'c01' }, 'dev_resident_1');
    expect(held.status).toBe('pending_review');
    expect((await rt.call('project', { action: 'reviewProposal', id: held._id, decision: 'approve' }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    expect(await rt.ok('project', { action: 'reviewProposal', id: held._id, decision: 'approve' }, STAFF)).toMatchObject({ status: 'submitted' });
    expect((await rt.call('project', { action: 'reviewProposal', id: held._id, decision: 'reject' }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    await rt.ok('project', { action: 'reviewProposal', id: held._id, decision: 'reject', reason: '该小区已列入区住建局2027年加装计划，无需重复立项。' }, STAFF);
    const mine = await rt.ok('project', { action: 'myProposals' }, 'dev_resident_1');
    expect(mine.items.find((p: { _id: string }) => p._id === held._id)).toMatchObject({ status: 'rejected', reviewReason: '该小区已列入区住建局2027年加装计划，无需重复立项。' });
    const inbox = await rt.ok('user', { action: 'inbox' }, 'dev_resident_1');
    expect(inbox.items[0].body).toContain('加装计划');
    expect((await rt.call('project', { action: 'reviewProposal', id: held._id, decision: 'approve' }, STAFF)).body.error.code).toBe('FAILED_PRECONDITION');
  });
});
