/** The duty-point triggers (one table) and what deputies and staff do with the ledger. */
import { recordSubject, reviewPoints } from '../../domain/duty/commands';
import { DUTY_TRIGGERS, dutyEntryId, dutyPointsFor } from '../../domain/duty/points';

const AT = new Date('2026-11-30T02:00:00.000Z');
const events = (trigger: keyof typeof DUTY_TRIGGERS, detail = {}) => dutyPointsFor(trigger, 'd01', { id: 'x1' }, detail, AT).map((e) => e.event);

describe('triggers', () => {
  it('lists every system event that earns points, each with what it refers to', () => {
    expect(Object.fromEntries(Object.entries(DUTY_TRIGGERS).map(([k, v]) => [k, v.ref]))).toEqual({
      'appeal.reply': 'appeal', 'appeal.rate_close': 'appeal', 'appeal.rate_redo': 'appeal', 'appeal.mark_overdue': 'appeal', 'ballot.cast': 'ballot', 'project.score': 'project',
      'activity.settle': 'activity', 'mediation.agree': 'mediation',
    });
  });
  it('earns what each event is worth', () => {
    expect(events('ballot.cast', { electorate: 'resident' })).toEqual([]);
    expect(events('ballot.cast', { electorate: 'deputy' })).toEqual(['binding_vote']);
    expect(events('project.score')).toEqual(['delivery_scored']);
  });
  it('earns nothing without a deputy, and keys entries so the same event never counts twice', () => {
    expect(dutyPointsFor('appeal.reply', undefined, { id: 'a1' }, {}, AT)).toEqual([]);
    const [entry] = dutyPointsFor('appeal.mark_overdue', 'd01', { id: 'a1', trackingNo: '20261128-00001' }, {}, AT);
    expect(entry).toEqual({ _id: 'overdue-a1-d01', deputyId: 'd01', event: 'overdue', points: -1, label: '诉求超期，被列入督办', refType: 'appeal', refId: 'a1', trackingNo: '20261128-00001', reason: '诉求超期，被列入督办（诉求 20261128-00001）', status: 'pending', at: AT });
    expect(dutyEntryId('overdue', 'x'.repeat(200), 'd01').length).toBe(120);
  });
});

describe('the ledger', () => {
  it('staff approve or reject pending entries', () => {
    expect(reviewPoints('approve')).toEqual({ ok: true, from: 'pending', to: 'approved', action: 'points_approve' });
    expect(reviewPoints('reject', '与履职无关')).toMatchObject({ to: 'rejected', action: 'points_reject' });
    // A refusal carries the reason the deputy reads.
    expect(reviewPoints('reject')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(reviewPoints('reject', '  ')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
  it('a deputy opens their own record whatever they ask for; staff open the one they name', () => {
    expect(recordSubject({ role: 'deputy', deputyId: 'd01' }, 'd09')).toEqual({ ok: true, deputyId: 'd01' });
    expect(recordSubject({ role: 'staff' }, 'd09')).toEqual({ ok: true, deputyId: 'd09' });
    expect(recordSubject({ role: 'staff' }, undefined)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '请选择代表' });
    expect(recordSubject({ role: 'deputy' }, 'd01')).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    expect(recordSubject({ role: 'resident' }, 'd01')).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
  });
});
