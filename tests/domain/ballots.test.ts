import { ballotStatus, checkBallotShape, checkChoices, combineTallies, mayVote, resultsVisible, voteKey } from '../../domain/ballots/rules';

const t = (s: string) => new Date(s);
const times = { opensAt: t('2026-12-01T00:00:00Z'), closesAt: t('2026-12-31T00:00:00Z') };

describe('ballot status', () => {
  it('follows time: upcoming → open → closed', () => {
    expect(ballotStatus(times, t('2026-11-30T23:59:59Z'))).toBe('upcoming');
    expect(ballotStatus(times, t('2026-12-01T00:00:00Z'))).toBe('open');
    expect(ballotStatus(times, t('2026-12-31T00:00:00Z'))).toBe('closed');
  });
  it('closes early when staff close it', () => {
    expect(ballotStatus({ ...times, closedAt: t('2026-12-10T00:00:00Z') }, t('2026-12-10T00:00:01Z'))).toBe('closed');
    expect(ballotStatus({ ...times, closedAt: null }, t('2026-12-10T00:00:01Z'))).toBe('open');
  });
});

describe('electorate', () => {
  it('lets residents vote only in resident ballots', () => {
    expect(mayVote('resident', { role: 'resident', onDeliberationRoster: false })).toBe(true);
    expect(mayVote('deputy', { role: 'resident', onDeliberationRoster: false })).toBe(false);
  });
  it('lets only rostered deputies cast the binding vote', () => {
    expect(mayVote('deputy', { role: 'deputy', onDeliberationRoster: true })).toBe(true);
    expect(mayVote('deputy', { role: 'deputy', onDeliberationRoster: false })).toBe(false);
    expect(mayVote('resident', { role: 'deputy', onDeliberationRoster: true })).toBe(false);
  });
  it('never lets staff vote', () => {
    expect(mayVote('resident', { role: 'staff', onDeliberationRoster: false })).toBe(false);
    expect(mayVote('deputy', { role: 'staff', onDeliberationRoster: true })).toBe(false);
  });
});

describe('choices', () => {
  const c = ['p1', 'p2', 'p3', 'p4'];
  it('accepts a valid pick, normalised', () => {
    expect(checkChoices(['p3', 'p1'], c, 1, 3)).toEqual({ ok: true, projectIds: ['p1', 'p3'] });
  });
  it('refuses duplicates, unknown ids and wrong counts', () => {
    expect(checkChoices(['p1', 'p1'], c, 1, 3)).toMatchObject({ ok: false });
    expect(checkChoices(['p9'], c, 1, 3)).toMatchObject({ ok: false, reason: '选择的项目不在本次票决范围内' });
    expect(checkChoices([], c, 1, 3)).toMatchObject({ ok: false, reason: '请选择 1 至 3 个项目' });
    expect(checkChoices(['p1', 'p2', 'p3', 'p4'], c, 1, 3)).toMatchObject({ ok: false });
    expect(checkChoices(['p1'], c, 2, 2)).toMatchObject({ ok: false, reason: '请选择 2 个项目' });
  });
});

describe('ballot shape', () => {
  it('checks min/max against candidates and time order', () => {
    expect(checkBallotShape({ minChoices: 1, maxChoices: 3, candidateCount: 8, ...times })).toBeUndefined();
    expect(checkBallotShape({ minChoices: 3, maxChoices: 1, candidateCount: 8, ...times })).toBeDefined();
    expect(checkBallotShape({ minChoices: 1, maxChoices: 9, candidateCount: 8, ...times })).toBeDefined();
    expect(checkBallotShape({ minChoices: 1, maxChoices: 3, candidateCount: 8, opensAt: times.closesAt, closesAt: times.opensAt })).toBeDefined();
  });
});

describe('tallies and visibility', () => {
  it('adds paper to online and ranks by total', () => {
    const tallies = combineTallies(['a', 'b', 'c'], new Map([['a', 5], ['b', 7]]), new Map([['a', 4], ['c', 1]]));
    expect(tallies).toEqual([
      { projectId: 'a', online: 5, paper: 4, total: 9 },
      { projectId: 'b', online: 7, paper: 0, total: 7 },
      { projectId: 'c', online: 0, paper: 1, total: 1 },
    ]);
  });
  it('hides results from voters until closed', () => {
    expect(resultsVisible('resident', 'open')).toBe(false);
    expect(resultsVisible('deputy', 'open')).toBe(false);
    expect(resultsVisible('staff', 'open')).toBe(true);
    expect(resultsVisible('resident', 'closed')).toBe(true);
  });
  it('keys a vote by ballot and voter', () => {
    expect(voteKey('b1', 'abc')).toBe('b1_abc');
  });
});
