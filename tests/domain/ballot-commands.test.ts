/** Ballot commands: who votes when, what counts, what closes, who sees results. */
import { castVote, closeBallot, createBallot, enterPaperTally, seeResults, type BallotState } from '../../domain/ballots/commands';

const OPENS = new Date('2026-12-01T00:00:00.000Z');
const CLOSES = new Date('2026-12-08T00:00:00.000Z');
const DURING = new Date('2026-12-03T00:00:00.000Z');
const ballot = (over: Partial<BallotState> = {}): BallotState => ({ _id: 'b1', electorate: 'resident', projectIds: ['p1', 'p2', 'p3'], minChoices: 1, maxChoices: 2, opensAt: OPENS, closesAt: CLOSES, closedAt: null, ...over });
const resident = { role: 'resident' as const, onDeliberationRoster: false };
const rosterDeputy = { role: 'deputy' as const, onDeliberationRoster: true, deputyId: 'd01' };

describe('casting', () => {
  it('counts a resident vote in a resident ballot while open, choices sorted, no points', () => {
    expect(castVote(ballot(), resident, ['p3', 'p1'], DURING)).toEqual({ ok: true, projectIds: ['p1', 'p3'], points: [] });
  });
  it('refuses before it opens and after it closes (early close included)', () => {
    expect(castVote(ballot(), resident, ['p1'], new Date('2026-11-30T00:00:00.000Z'))).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION', message: '票决尚未开始' });
    expect(castVote(ballot(), resident, ['p1'], CLOSES)).toMatchObject({ ok: false, message: '票决已经结束' });
    expect(castVote(ballot({ closedAt: new Date('2026-12-02T00:00:00.000Z') }), resident, ['p1'], DURING)).toMatchObject({ ok: false, message: '票决已经结束' });
  });
  it('keeps each electorate to its ballot', () => {
    expect(castVote(ballot(), rosterDeputy, ['p1'], DURING)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED', message: '本次票决仅限居民投票' });
    expect(castVote(ballot({ electorate: 'deputy' }), resident, ['p1'], DURING)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED', message: '本次票决仅限审议代表投票' });
    expect(castVote(ballot({ electorate: 'deputy' }), { role: 'deputy', onDeliberationRoster: false }, ['p1'], DURING)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
  });
  it('a deliberation deputy’s binding vote earns a pending point', () => {
    const o = castVote(ballot({ electorate: 'deputy' }), rosterDeputy, ['p2'], DURING);
    expect(o.ok && o.points.map((p) => [p._id, p.event, p.points])).toEqual([['binding_vote-b1-d01', 'binding_vote', 2]]);
  });
  it('refuses choices outside the rules', () => {
    expect(castVote(ballot(), resident, ['p1', 'p1'], DURING)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '不能重复选择同一个项目' });
    expect(castVote(ballot(), resident, ['p9'], DURING)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(castVote(ballot(), resident, ['p1', 'p2', 'p3'], DURING)).toMatchObject({ ok: false, message: '请选择 1 至 2 个项目' });
  });
});

describe('staff', () => {
  it('close an open or upcoming ballot, not a closed one', () => {
    expect(closeBallot(ballot(), DURING)).toEqual({ ok: true, from: 'open' });
    expect(closeBallot(ballot(), new Date('2026-11-01T00:00:00.000Z'))).toEqual({ ok: true, from: 'upcoming' });
    expect(closeBallot(ballot(), CLOSES)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('enter paper tallies for the ballot’s own candidates only', () => {
    expect(enterPaperTally(ballot(), 'p2')).toEqual({ ok: true });
    expect(enterPaperTally(ballot(), 'p9')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
  it('create a sound ballot over candidates that exist (duplicates merged)', () => {
    const shape = { minChoices: 1, maxChoices: 2, projectIds: ['p1', 'p2', 'p2'], opensAt: OPENS, closesAt: CLOSES };
    expect(createBallot(shape, 2)).toEqual({ ok: true, projectIds: ['p1', 'p2'] });
    expect(createBallot(shape, 1)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '有候选项目不存在' });
    expect(createBallot({ ...shape, maxChoices: 3 }, 2)).toMatchObject({ ok: false, message: '候选项目数不能少于最多选择数' });
    expect(createBallot({ ...shape, closesAt: OPENS }, 2)).toMatchObject({ ok: false, message: '截止时间应晚于开始时间' });
  });
});

describe('results', () => {
  it('staff always; everyone else once closed', () => {
    expect(seeResults(ballot(), 'staff', DURING)).toEqual({ ok: true, status: 'open' });
    expect(seeResults(ballot(), 'resident', DURING)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION', message: '票决结束后才公布结果' });
    expect(seeResults(ballot(), 'deputy', CLOSES)).toEqual({ ok: true, status: 'closed' });
  });
});
