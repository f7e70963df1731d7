import { checkDecision, draftStatus, rollup } from '../../domain/legislation/adoption';

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
