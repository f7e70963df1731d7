import { checkDecision, draftStatus, rollup } from '../../domain/legislation/adoption';
import { adopt, comment, mayComment } from '../../domain/legislation/commands';

describe('draft consultation', () => {
  const d = { opensAt: new Date('2026-12-01T00:00:00Z'), closesAt: new Date('2026-12-31T00:00:00Z') };
  it('is open only between its dates', () => {
    expect(draftStatus(d, new Date('2026-11-30T00:00:00Z'))).toBe('upcoming');
    expect(draftStatus(d, new Date('2026-12-15T00:00:00Z'))).toBe('consulting');
    expect(draftStatus(d, new Date('2026-12-31T00:00:00Z'))).toBe('closed');
  });
  it('requires a decision and a reason the author can read', () => {
    expect(checkDecision('pending', '理由充分的说明')).toBeDefined();
    expect(checkDecision('not_adopted', '不')).toBeDefined();
    expect(checkDecision('adopted', '已写入第五条修改稿')).toBeUndefined();
  });
  it('rolls adoption up per draft', () => {
    expect(rollup({ adopted: 2, partially_adopted: 1, not_adopted: 1, pending: 3 })).toEqual({ total: 7, pending: 3, adopted: 2, partially_adopted: 1, not_adopted: 1, adoptionRate: 0.75 });
    expect(rollup({ pending: 2 }).adoptionRate).toBeNull();
  });
});

describe('comment and adopt commands', () => {
  const d = { opensAt: new Date('2026-12-01T00:00:00Z'), closesAt: new Date('2026-12-31T00:00:00Z'), sections: [{ _id: 's1' }] };
  const during = new Date('2026-12-15T00:00:00Z');
  it('takes comments only while the draft is open, on a section it has', () => {
    expect(mayComment(d, 's1', during)).toEqual({ ok: true });
    expect(mayComment(d, undefined, during)).toEqual({ ok: true });
    expect(mayComment(d, 's9', during)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '没有这一条款' });
    expect(mayComment(d, 's1', new Date('2026-12-31T00:00:00Z'))).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('counts a checked comment at once; one the check held waits outside the tallies; a risky one is refused', () => {
    expect(comment('pass')).toEqual({ ok: true, visible: true, adoption: 'pending' });
    expect(comment('review')).toEqual({ ok: true, visible: false, adoption: 'pending' });
    expect(comment('risky')).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' });
  });
  it('records a decision with its reason, which makes the comment count', () => {
    expect(adopt('partially_adopted', '已吸收到第三条')).toEqual({ ok: true, to: 'partially_adopted', label: '部分采纳', visible: true });
    expect(adopt('not_adopted', '否')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
});
