import { dutyPointsFor, POINT_RULES, summarisePoints, type DutyTrigger } from '../../domain/duty/points';

const AT = new Date('2026-11-28T02:00:00Z');
const appealDutyEvents = (command: string, detail: { resolution?: string; rating?: string }) =>
  ['reply', 'rate_close', 'rate_redo', 'mark_overdue'].includes(command) ? dutyPointsFor(`appeal.${command}` as DutyTrigger, 'd01', { id: 'a1' }, detail, AT).map((e) => e.event) : [];

describe('duty points', () => {
  it('earns a reply; 落实 never on the deputy\'s own claim', () => {
    expect(appealDutyEvents('reply', { resolution: 'explained' })).toEqual(['appeal_replied']);
    expect(appealDutyEvents('reply', { resolution: 'implemented' })).toEqual(['appeal_replied']);
  });
  it('落实 counts once the resident is satisfied with an implemented reply', () => {
    expect(appealDutyEvents('rate_close', { rating: 'satisfied', resolution: 'implemented' })).toEqual(['appeal_implemented', 'rated_satisfied']);
    expect(appealDutyEvents('rate_close', { rating: 'basically_satisfied', resolution: 'implemented' })).toEqual(['appeal_implemented']);
    expect(appealDutyEvents('rate_close', { rating: 'satisfied', resolution: 'explained' })).toEqual(['rated_satisfied']);
  });
  it('rewards 满意, penalises 不满意 and overdue, ignores 基本满意 and other moves', () => {
    expect(appealDutyEvents('rate_close', { rating: 'satisfied' })).toEqual(['rated_satisfied']);
    expect(appealDutyEvents('rate_close', { rating: 'basically_satisfied' })).toEqual([]);
    expect(appealDutyEvents('rate_redo', {})).toEqual(['rated_unsatisfied']);
    expect(appealDutyEvents('mark_overdue', {})).toEqual(['overdue']);
    expect(appealDutyEvents('accept', {})).toEqual([]);
    expect(POINT_RULES.overdue.points).toBeLessThan(0);
  });
  it('counts only approved points; pending apart; rejected not at all', () => {
    const s = summarisePoints([
      { event: 'appeal_replied', points: 2, status: 'approved' },
      { event: 'appeal_implemented', points: 1, status: 'pending' },
      { event: 'overdue', points: -1, status: 'approved' },
      { event: 'binding_vote', points: 2, status: 'rejected' },
    ]);
    expect(s).toMatchObject({ approved: 1, pending: 1 });
    expect(s.byEvent.appeal_replied).toBe(2);
    expect(s.byEvent.binding_vote).toBe(0);
  });
});
