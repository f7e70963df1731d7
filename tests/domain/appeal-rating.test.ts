import { statusLabel } from '../../domain/appeals/labels';
import { applyRating, unratedCloseDue } from '../../domain/appeals/rating';
import { digitsFromHex, formatTrackingNo } from '../../domain/appeals/trackingNo';

const replied = { status: 'replied' as const, submitterOpenid: 'r1' };

describe('rating', () => {
  it('closes on 满意 and 基本满意', () => {
    expect(applyRating(replied, 'r1', 'satisfied')).toMatchObject({ ok: true, to: 'closed', command: 'rate_close' });
    expect(applyRating(replied, 'r1', 'basically_satisfied')).toMatchObject({ ok: true, to: 'closed' });
  });
  it('sends 不满意 back for redo under supervision', () => {
    expect(applyRating(replied, 'r1', 'unsatisfied')).toEqual({ ok: true, command: 'rate_redo', to: 'assigned', supervised: true, reopenIncrement: 1 });
  });
  it('lets only the submitter rate, and hides the appeal from anyone else', () => {
    expect(applyRating(replied, 'r2', 'satisfied')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
  it('rates only a replied appeal', () => {
    for (const status of ['assigned', 'in_progress', 'closed', 'pending_review'] as const) {
      expect(applyRating({ status, submitterOpenid: 'r1' }, 'r1', 'satisfied')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    }
  });
  it('closes unrated appeals after 7 days, not before', () => {
    const repliedAt = new Date('2026-11-01T10:00:00Z');
    expect(unratedCloseDue(repliedAt, new Date('2026-11-08T09:59:59Z'))).toBe(false);
    expect(unratedCloseDue(repliedAt, new Date('2026-11-08T10:00:00Z'))).toBe(true);
  });
});

describe('honest status words', () => {
  it('never calls a reply a solution', () => {
    expect(statusLabel('replied')).toBe('已答复，待您评价');
    expect(statusLabel('closed', { closedReason: 'unrated' })).toBe('已办结（未评价）');
    expect(statusLabel('assigned', { reopenCount: 1 })).toContain('重办');
  });
});

describe('tracking number', () => {
  it('uses the China date and five padded digits', () => {
    expect(formatTrackingNo(new Date('2026-11-27T16:30:00Z'), 42)).toBe('20261128-00042');
  });
  it('derives digits deterministically, differently per attempt', () => {
    expect(digitsFromHex('abc123', 0)).toBe(digitsFromHex('abc123', 0));
    expect(digitsFromHex('abc123', 0)).not.toBe(digitsFromHex('abc123', 1));
    expect(digitsFromHex('ffff', 3)).toBeLessThan(100_000);
  });
});
