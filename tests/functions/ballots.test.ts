/** 民生实事项目票决 and 点单 through the functions: ballots made by staff on the runtime's clock, voters made fresh. */
import { adminRecount, ballotEvent, cast, openBallot, pairedBallots, recount, runTally, settleTallies } from '../factories/ballots';
import { DAY } from '../factories/clock';
import { requestId } from '../factories/ids';
import { boundDeputies, resident, residents, staffMember } from '../factories/people';
import { candidateProject, heldProposal, proposal, proposalEvent } from '../factories/projects';
import { directory, newCommunity } from '../factories/street';
import { RISKY_MARK } from '../factories/appeals';
import { dbAll, dbCount, dbGet, dbPatch } from '../support/console';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let staff: string;
useRuntime(async (r) => { rt = r; staff = await staffMember(r); });

const votesIn = (ballotId: string) => dbCount(rt, 'votes', { ballotId });

describe('the demo street', () => {
  it('opens with a residents’ ballot (pick 1–3 of 8 or more, for 30 days) and a deputies’ ballot over the same projects', async () => {
    const list = await rt.ok('ballot', { action: 'list' }, await resident(rt));
    const residents = list.find((b: { electorate: string }) => b.electorate === 'resident');
    const deputies = list.find((b: { electorate: string }) => b.electorate === 'deputy');
    expect(residents).toMatchObject({ status: 'open', minChoices: 1, maxChoices: 3, voted: false });
    expect(residents.candidateCount).toBeGreaterThanOrEqual(8);
    expect(Date.parse(residents.closesAt) - Date.parse(residents.opensAt)).toBe(30 * DAY);
    const a = await rt.ok('ballot', { action: 'detail', ballotId: residents._id }, await resident(rt));
    const b = await rt.ok('ballot', { action: 'detail', ballotId: deputies._id }, staff);
    expect(a.candidates.map((c: { _id: string }) => c._id)).toEqual(b.candidates.map((c: { _id: string }) => c._id));
    // Each candidate is a project of the street, shown with its title and cost.
    const projects = new Map((await rt.ok('project', { action: 'list' }, await resident(rt))).map((p: { _id: string }) => [p._id, p]));
    for (const c of a.candidates) expect(projects.get(c._id)).toMatchObject({ title: c.title, cost: c.cost });
    expect(a.mayVote).toBe(true);
  });
});

describe('casting', () => {
  it('a resident’s vote is final: recorded in candidate order, shown back, and a second vote is refused', async () => {
    const ballot = await openBallot(rt, { candidates: 3 });
    const voter = await resident(rt);
    const [p1, p2, p3] = ballot.projectIds;
    const chosen = [p2, p1];
    expect(await rt.ok('ballot', { action: 'cast', ballotId: ballot.ballotId, projectIds: chosen }, voter)).toMatchObject({ ballotId: ballot.ballotId, projectIds: [...chosen].sort() });
    expect((await rt.ok('ballot', { action: 'detail', ballotId: ballot.ballotId }, voter)).myVote.projectIds).toEqual([...chosen].sort());
    expect((await cast(rt, ballot, voter, [p3])).error.code).toBe('CONFLICT');
    expect(await votesIn(ballot.ballotId)).toBe(1);
  });

  describe('a vote outside the rules (pick 1–3 of 4) is refused with INVALID_ARGUMENT and stores nothing', () => {
    let ballot: Awaited<ReturnType<typeof openBallot>>;
    beforeAll(async () => { ballot = await openBallot(rt, { candidates: 4, minChoices: 1, maxChoices: 3 }); });
    it.each<[string, (ids: string[]) => unknown[]]>([
      ['none', () => []],
      ['too many', (ids) => ids.slice(0, 4)],
      ['duplicates', (ids) => [ids[0], ids[0]]],
      ['an unknown project', () => ['no-such-project']],
      ['operator injection', () => [{ $gt: '' }]],
    ])('%s', async (_case, choose) => {
      expect((await cast(rt, ballot, await resident(rt), choose(ballot.projectIds))).error.code).toBe('INVALID_ARGUMENT');
      expect(await votesIn(ballot.ballotId)).toBe(0);
    });
  });

  it('each electorate votes only in its own ballot: residents, deliberation deputies; not staff, not deputies off the roster', async () => {
    const { residents, deputies } = await pairedBallots(rt, { deputyChoices: [3, 5] });
    const [onRoster, offRoster] = (await newCommunity(rt, { deputies: [{ deliberation: true }, { deliberation: false }] })).deputies;
    const voter = await resident(rt);
    expect((await cast(rt, deputies, voter, deputies.projectIds.slice(0, 3))).error.code).toBe('PERMISSION_DENIED');
    expect((await cast(rt, residents, onRoster.openid)).error.code).toBe('PERMISSION_DENIED');
    expect((await cast(rt, residents, staff)).error.code).toBe('PERMISSION_DENIED');
    expect((await rt.ok('ballot', { action: 'detail', ballotId: deputies.ballotId }, offRoster.openid)).mayVote).toBe(false);
    expect((await cast(rt, deputies, offRoster.openid, deputies.projectIds.slice(0, 3))).error.code).toBe('PERMISSION_DENIED');
    expect((await rt.ok('ballot', { action: 'detail', ballotId: deputies.ballotId }, onRoster.openid)).mayVote).toBe(true);
    expect(await cast(rt, deputies, onRoster.openid, deputies.projectIds.slice(0, 3))).toMatchObject({ ok: true, data: { projectIds: [...deputies.projectIds.slice(0, 3)].sort() } });
    expect(await cast(rt, residents, voter)).toMatchObject({ ok: true });
  });

  it('an unknown ballot answers NOT_FOUND', async () => {
    expect(await rt.code('ballot', { action: 'cast', ballotId: 'no-such-ballot', projectIds: ['no-such-project'] }, await resident(rt))).toBe('NOT_FOUND');
  });

  it('300 voters at once and 100 racing duplicates: exactly 300 votes, tallies equal a recount, turnout by community as they live', async () => {
    const ballot = await openBallot(rt, { candidates: 9, maxChoices: 2 });
    const { communities } = await directory(rt);
    const homes = Array.from({ length: 300 }, (_, i) => communities[i % communities.length]._id);
    const voters = await residents(rt, homes, 'voter');
    const choice = (i: number) => [ballot.projectIds[i % 9], ballot.projectIds[(i + 3) % 9]];
    const casts = voters.map((v, i) => cast(rt, ballot, v, choice(i)));
    const dupes = voters.slice(0, 100).map((v, i) => cast(rt, ballot, v, choice(i + 1)));
    const replies = await Promise.all([...casts, ...dupes]);
    const outcome = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code ?? 'no envelope');
    const counted = replies.reduce<Record<string, number>>((n, r) => ({ ...n, [outcome(r)]: (n[outcome(r)] ?? 0) + 1 }), {});
    expect(counted).toEqual({ ok: 300, CONFLICT: 100 });
    const results = await rt.ok('ballot', { action: 'results', ballotId: ballot.ballotId }, staff);
    const recounted = await recount(rt, ballot.ballotId);
    expect(recounted.voters).toBe(300);
    expect(results.voters).toBe(300);
    for (const t of results.tallies) expect(t.online).toBe(recounted.byProject.get(t.projectId) ?? 0);
    const livesIn = new Map<string, number>();
    for (const c of homes) livesIn.set(c, (livesIn.get(c) ?? 0) + 1);
    expect(new Map(results.turnoutByCommunity.map((c: { communityId: string; voters: number }) => [c.communityId, c.voters]))).toEqual(livesIn);
  });
});

describe('results', () => {
  it('are hidden from voters while the ballot is open, and shown to staff live', async () => {
    const { residents, deputies } = await pairedBallots(rt);
    const [deputy] = await boundDeputies(rt);
    expect(await rt.code('ballot', { action: 'results', ballotId: residents.ballotId }, await resident(rt))).toBe('FAILED_PRECONDITION');
    expect(await rt.code('ballot', { action: 'results', ballotId: deputies.ballotId }, deputy.openid)).toBe('FAILED_PRECONDITION');
    expect(await rt.ok('ballot', { action: 'results', ballotId: residents.ballotId }, staff)).toMatchObject({ status: 'open', voters: 0 });
  });

  it('staff enter a paper tally; results show it beside the online votes, and combined', async () => {
    const ballot = await openBallot(rt, { candidates: 3 });
    const [first] = ballot.projectIds;
    for (let i = 0; i < 2; i++) expect((await cast(rt, ballot, await resident(rt), [first])).ok).toBe(true);
    expect(await rt.code('ballot', { action: 'paper', ballotId: ballot.ballotId, projectId: first, count: 40 }, await resident(rt))).toBe('PERMISSION_DENIED');
    expect(await rt.code('ballot', { action: 'paper', ballotId: ballot.ballotId, projectId: 'no-such-project', count: 40 }, staff)).toBe('INVALID_ARGUMENT');
    expect(await rt.code('ballot', { action: 'paper', ballotId: ballot.ballotId, projectId: first, count: -1 }, staff)).toBe('INVALID_ARGUMENT');
    await rt.ok('ballot', { action: 'paper', ballotId: ballot.ballotId, projectId: first, count: 40, note: '社区现场投票箱' }, staff);
    const results = await rt.ok('ballot', { action: 'results', ballotId: ballot.ballotId }, staff);
    expect(results.tallies.find((t: { projectId: string }) => t.projectId === first)).toEqual({ projectId: first, online: 2, paper: 40, total: 42 });
    expect(results.tallies[0].projectId).toBe(first);
  });

  it('staff close a ballot; then everyone sees its results, with the paired binding result beside them once that closes too', async () => {
    const { residents, deputies } = await pairedBallots(rt);
    const [deputy] = (await newCommunity(rt, { deputies: [{ deliberation: true }] })).deputies;
    const voter = await resident(rt);
    expect((await cast(rt, residents, voter)).ok).toBe(true);
    expect((await cast(rt, deputies, deputy.openid)).ok).toBe(true);
    expect(await rt.code('ballot', { action: 'close', ballotId: residents.ballotId }, voter)).toBe('PERMISSION_DENIED');
    expect(await rt.ok('ballot', { action: 'close', ballotId: residents.ballotId }, staff)).toMatchObject({ status: 'closed' });
    expect(await rt.code('ballot', { action: 'close', ballotId: residents.ballotId }, staff)).toBe('FAILED_PRECONDITION');
    expect((await cast(rt, residents, await resident(rt))).error.code).toBe('FAILED_PRECONDITION');
    const seen = await rt.ok('ballot', { action: 'results', ballotId: residents.ballotId }, voter);
    expect(seen).toMatchObject({ status: 'closed', voters: 1 });
    expect(seen.paired).toBeUndefined(); // the deputies' ballot is still open: its result stays hidden from residents
    await rt.ok('ballot', { action: 'close', ballotId: deputies.ballotId }, staff);
    const both = await rt.ok('ballot', { action: 'results', ballotId: residents.ballotId }, voter);
    expect(both.paired).toMatchObject({ ballotId: deputies.ballotId, electorate: 'deputy', voters: 1 });
  });

  it('staff cannot create a malformed ballot, residents cannot create one at all', async () => {
    const base = await ballotEvent(rt, { candidates: 3, maxChoices: 2 });
    expect(await rt.code('ballot', { ...base, maxChoices: 5 }, staff)).toBe('INVALID_ARGUMENT');
    expect(await rt.code('ballot', { ...base, projectIds: [(base.projectIds as string[])[0], 'no-such-project'] }, staff)).toBe('INVALID_ARGUMENT');
    expect(await rt.code('ballot', { ...base, closesAt: base.opensAt }, staff)).toBe('INVALID_ARGUMENT');
    expect(await rt.code('ballot', base, await resident(rt))).toBe('PERMISSION_DENIED');
    expect(await rt.ok('ballot', base, staff)).toMatchObject({ status: 'open', candidateCount: 3, minChoices: 1, maxChoices: 2 });
  });
});

describe('the frozen tally of a closed ballot', () => {
  type Result = { projectId: string; online: number; paper: number; total: number };
  const byProject = (tallies: Result[]) => new Map(tallies.map((t) => [t.projectId, t.online]));

  /** A closed pair with votes from three communities, its tallies frozen by the timer. */
  async function frozenPair() {
    const { residents: advisory, deputies } = await pairedBallots(rt, { deputyChoices: [1, 3] });
    const { communities } = await directory(rt);
    const homes = [0, 0, 1, 2, 2, 2].map((i) => communities[i]._id);
    const voters = await residents(rt, homes, 'frozen');
    for (const [i, v] of voters.entries()) expect((await cast(rt, advisory, v, [advisory.projectIds[i % 2], advisory.projectIds[2]])).ok).toBe(true);
    const [deputy] = (await newCommunity(rt, { deputies: [{ deliberation: true }] })).deputies;
    expect((await cast(rt, deputies, deputy.openid, [deputies.projectIds[4]])).ok).toBe(true);
    for (const b of [advisory, deputies]) await rt.ok('ballot', { action: 'close', ballotId: b.ballotId }, staff);
    const beforeFreeze = await rt.ok('ballot', { action: 'results', ballotId: advisory.ballotId }, voters[0]);
    expect(beforeFreeze.count).toBe('live'); // closed less than a minute ago: a cast in flight may still land
    expect((await settleTallies(rt)).frozen).toBeGreaterThanOrEqual(2);
    return { advisory, deputies, voters, homes, beforeFreeze };
  }

  it('is frozen by the timer once the ballot ended, sealed, equal to the live count and to a recount', async () => {
    const { advisory, deputies, voters, homes, beforeFreeze } = await frozenPair();
    const frozen = await rt.ok('ballot', { action: 'results', ballotId: advisory.ballotId }, voters[0]);
    expect(frozen).toMatchObject({ count: 'frozen', voters: 6, paired: { ballotId: deputies.ballotId, voters: 1 } });
    expect({ ...frozen, count: 'live' }).toEqual(beforeFreeze);
    const [p0, p1, p2] = advisory.projectIds;
    expect(byProject(frozen.tallies)).toEqual(new Map(advisory.projectIds.map((p) => [p, p === p2 ? 6 : p === p0 || p === p1 ? 3 : 0])));
    const lives = new Map<string, number>();
    for (const c of homes) lives.set(c, (lives.get(c) ?? 0) + 1);
    expect(new Map(frozen.turnoutByCommunity.map((c: { communityId: string; voters: number }) => [c.communityId, c.voters]))).toEqual(lives);
    // On the ballot document, console-readable: counts by project and community, a seal, final.
    const stored = (await dbGet(rt, 'ballots', advisory.ballotId)).tally;
    expect(stored).toMatchObject({ final: true, voters: 6, seal: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(stored.online).toEqual(expect.arrayContaining([{ projectId: p2, votes: 6 }]));
    const check = await adminRecount(rt, advisory.ballotId);
    expect(check).toMatchObject({ final: true, sealHolds: true, matches: true, differences: [], uncounted: 0 });
    const recounted = await recount(rt, advisory.ballotId);
    expect(check.recounted.voters).toBe(recounted.voters);
    expect(new Map(Object.entries(check.recounted.byProject))).toEqual(recounted.byProject);
  });

  it('a console edit to a vote after the close does not change the results; the recount names the difference', async () => {
    const { advisory, voters } = await frozenPair();
    const before = await rt.ok('ballot', { action: 'results', ballotId: advisory.ballotId }, voters[0]);
    const [vote] = await dbAll(rt, 'votes', { ballotId: advisory.ballotId, projectIds: advisory.projectIds[0] });
    const [p0, , p2, p3] = advisory.projectIds;
    expect((await dbPatch(rt, 'votes', vote._id, { projectIds: [p2, p3].sort() })).projectIds).toEqual([p2, p3].sort());
    expect(await rt.ok('ballot', { action: 'results', ballotId: advisory.ballotId }, voters[0])).toEqual(before);
    const check = await adminRecount(rt, advisory.ballotId);
    expect(check.matches).toBe(false);
    expect(check.differences).toEqual(expect.arrayContaining([{ what: `project:${p0}`, frozen: 3, recounted: 2 }, { what: `project:${p3}`, frozen: 0, recounted: 1 }]));
    expect(check.differences).toHaveLength(2);
  });

  it('a console edit to the frozen tally breaks its seal: results are recounted from the votes and say so', async () => {
    const { advisory, voters } = await frozenPair();
    const stored = (await dbGet(rt, 'ballots', advisory.ballotId)).tally;
    await dbPatch(rt, 'ballots', advisory.ballotId, { tally: { ...stored, voters: 600, online: stored.online.map((o: { projectId: string; votes: number }) => ({ ...o, votes: o.votes * 100 })) } });
    const seen = await rt.ok('ballot', { action: 'results', ballotId: advisory.ballotId }, voters[0]);
    expect(seen).toMatchObject({ count: 'recounted', voters: 6 });
    expect(byProject(seen.tallies).get(advisory.projectIds[2])).toBe(6);
    expect((await adminRecount(rt, advisory.ballotId)).sealHolds).toBe(false);
  });

  it('paper tallies entered after the freeze still show beside the frozen online counts', async () => {
    const { advisory, voters } = await frozenPair();
    const [, , p2] = advisory.projectIds;
    await rt.ok('ballot', { action: 'paper', ballotId: advisory.ballotId, projectId: p2, count: 25, note: '社区现场投票箱' }, staff);
    const seen = await rt.ok('ballot', { action: 'results', ballotId: advisory.ballotId }, voters[0]);
    expect(seen.count).toBe('frozen');
    expect(seen.tallies[0]).toEqual({ projectId: p2, online: 6, paper: 25, total: 31 });
    expect((await dbAll(rt, 'paperTallies', { ballotId: advisory.ballotId })).map((t) => [t.projectId, t.count])).toEqual([[p2, 25]]);
  });

  it('while open, the timer moves the tally on and results add the votes since: still equal to a recount', async () => {
    const ballot = await openBallot(rt, { candidates: 3, maxChoices: 2 });
    const [p1, p2] = ballot.projectIds;
    for (let i = 0; i < 3; i++) expect((await cast(rt, ballot, await resident(rt), [p1])).ok).toBe(true);
    const run = await settleTallies(rt);
    expect(run.advanced).toBeGreaterThanOrEqual(1);
    expect((await dbGet(rt, 'ballots', ballot.ballotId)).tally).toMatchObject({ final: false, voters: 3 });
    for (let i = 0; i < 2; i++) expect((await cast(rt, ballot, await resident(rt), [p1, p2])).ok).toBe(true);
    // A second run right away: those votes have not settled, the tally stays where it was.
    await runTally(rt);
    expect((await dbGet(rt, 'ballots', ballot.ballotId)).tally.voters).toBe(3);
    const live = await rt.ok('ballot', { action: 'results', ballotId: ballot.ballotId }, staff);
    expect(live).toMatchObject({ count: 'live', voters: 5 });
    const recounted = await recount(rt, ballot.ballotId);
    expect(byProject(live.tallies)).toEqual(new Map(ballot.projectIds.map((p) => [p, recounted.byProject.get(p) ?? 0])));
    expect((await adminRecount(rt, ballot.ballotId)).matches).toBeNull(); // nothing frozen yet
  });
});

describe('proposals (点单) and delivery', () => {
  it('staff merge two residents’ similar proposals into one candidate project and tell each proposer; risky text is refused', async () => {
    const { communityId } = await proposal(rt);
    const a = await proposal(rt, { communityId, title: '增设社区健身步道', description: '希望在社区沿湖修建一条夜间有照明的健身步道' });
    const b = await proposal(rt, { communityId, title: '湖边修步道', description: '湖滨公园旁边可以修条步道方便散步锻炼' });
    const risky = await proposalEvent(rt, { communityId, title: '违规建议标题', description: `${RISKY_MARK}这是一条违规的建议内容` });
    expect(await rt.code('project', risky.event, risky.resident)).toBe('CONTENT_REJECTED');
    const queue = await rt.ok('project', { action: 'proposals' }, staff);
    expect(queue.items.map((p: { _id: string }) => p._id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const project = await candidateProject(rt, { proposals: [a, b], title: '湖滨健身步道', summary: '沿湖滨公园修建1.2公里带照明的健身步道', cost: 600000 });
    for (const who of [a.resident, b.resident]) {
      expect((await rt.ok('user', { action: 'inbox' }, who)).items.some((m: { body: string }) => m.body.includes('湖滨健身步道'))).toBe(true);
      expect((await rt.ok('project', { action: 'myProposals' }, who)).items[0]).toMatchObject({ status: 'shortlisted', projectId: project.projectId });
    }
    expect(await rt.ok('project', { action: 'detail', projectId: project.projectId }, a.resident)).toMatchObject({ title: '湖滨健身步道', cost: 600000, status: 'candidate', percent: 0 });
  });

  it('staff record delivery, followers are told of each milestone, and deputies score the project once it is delivered', async () => {
    const project = await candidateProject(rt);
    const follower = await resident(rt);
    const [d1, d2] = await boundDeputies(rt);
    await rt.ok('project', { action: 'follow', projectId: project.projectId }, follower);
    expect(await rt.code('project', { action: 'score', projectId: project.projectId, score: 5 }, d1.openid)).toBe('FAILED_PRECONDITION');
    await rt.ok('project', { action: 'progress', projectId: project.projectId, percent: 40, milestone: '完成选址和装修设计' }, staff);
    expect(await rt.code('project', { action: 'progress', projectId: project.projectId, percent: 30, milestone: '倒退' }, staff)).toBe('INVALID_ARGUMENT');
    expect(await rt.ok('project', { action: 'progress', projectId: project.projectId, percent: 100, milestone: '正式投入使用' }, staff)).toMatchObject({ status: 'delivered', notified: 1 });
    const told = (await rt.ok('user', { action: 'inbox' }, follower)).items.filter((m: { title: string }) => m.title.includes(project.title));
    expect(told.map((m: { body: string }) => m.body).sort()).toEqual(['完成选址和装修设计', '正式投入使用'].sort());
    await rt.ok('project', { action: 'score', projectId: project.projectId, score: 4, comment: '设施完善，使用方便' }, d1.openid);
    await rt.ok('project', { action: 'score', projectId: project.projectId, score: 5 }, d2.openid);
    expect(await rt.code('project', { action: 'score', projectId: project.projectId, score: 5 }, follower)).toBe('PERMISSION_DENIED');
    const detail = await rt.ok('project', { action: 'detail', projectId: project.projectId }, follower);
    expect(detail).toMatchObject({ percent: 100, status: 'delivered', following: true, deliveryScore: 4.5, scoreCount: 2 });
    expect(detail.milestones).toHaveLength(2);
  });

  it('staff approve a held proposal, then decline it with a reason the proposer reads; a decided proposal stays decided', async () => {
    const held = await heldProposal(rt);
    expect(await rt.code('project', { action: 'reviewProposal', id: held.id, decision: 'approve' }, held.resident)).toBe('PERMISSION_DENIED');
    expect(await rt.ok('project', { action: 'reviewProposal', id: held.id, decision: 'approve' }, staff)).toMatchObject({ status: 'submitted' });
    expect(await rt.code('project', { action: 'reviewProposal', id: held.id, decision: 'reject' }, staff)).toBe('INVALID_ARGUMENT');
    const reason = '该小区已列入区住建局加装计划，无需重复立项。';
    await rt.ok('project', { action: 'reviewProposal', id: held.id, decision: 'reject', reason }, staff);
    expect((await rt.ok('project', { action: 'myProposals' }, held.resident)).items.find((p: { _id: string }) => p._id === held.id)).toMatchObject({ status: 'rejected', reviewReason: reason });
    expect((await rt.ok('user', { action: 'inbox' }, held.resident)).items[0]).toMatchObject({ title: expect.stringContaining(held.title), body: reason });
    expect(await rt.code('project', { action: 'reviewProposal', id: held.id, decision: 'approve' }, staff)).toBe('FAILED_PRECONDITION');
  });

  it('a retried proposal is one proposal', async () => {
    const { event, resident: r } = await proposalEvent(rt, { requestId: requestId('proposal') });
    const [x, y] = await Promise.all([rt.ok('project', event, r), rt.ok('project', event, r)]);
    expect(x._id).toBe(y._id);
    expect(await dbCount(rt, 'proposals', { proposerOpenid: r })).toBe(1);
  });
});
