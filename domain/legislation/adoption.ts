/**
 * 立法意见征询: a street collects opinions on a higher congress's draft; once compiled and submitted, each
 * opinion gets the higher congress's adoption decision with a reason, fed back to its contributor and rolled
 * up per draft. A decision needs a reason; comments can only be made while the draft is open.
 */
export const ADOPTIONS = ['pending', 'adopted', 'partially_adopted', 'not_adopted'] as const;
export type Adoption = (typeof ADOPTIONS)[number];

export const ADOPTION_LABELS: Record<Adoption, string> = {
  pending: '待研究',
  adopted: '全部采纳',
  partially_adopted: '部分采纳',
  not_adopted: '未采纳',
};

export type DraftStatus = 'upcoming' | 'consulting' | 'closed';

export function draftStatus(d: { opensAt: Date; closesAt: Date }, now: Date): DraftStatus {
  if (now < d.opensAt) return 'upcoming';
  return now < d.closesAt ? 'consulting' : 'closed';
}

/** Staff may decide (and revise) adoption while the comment stands; the reason is what the author reads. */
export function checkDecision(adoption: Adoption, reason: string | undefined): string | undefined {
  if (adoption === 'pending') return '请选择采纳结果';
  if (!reason || reason.trim().length < 4) return '请写明采纳或不采纳的理由（至少 4 个字），意见提出人会看到它';
  return undefined;
}

export interface AdoptionRollup {
  total: number;
  pending: number;
  adopted: number;
  partially_adopted: number;
  not_adopted: number;
  /** Share of decided comments adopted in whole or part, 0–1; null when none decided. */
  adoptionRate: number | null;
}

export function rollup(counts: Partial<Record<Adoption, number>>): AdoptionRollup {
  const get = (a: Adoption) => counts[a] ?? 0;
  const decided = get('adopted') + get('partially_adopted') + get('not_adopted');
  return {
    total: decided + get('pending'),
    pending: get('pending'),
    adopted: get('adopted'),
    partially_adopted: get('partially_adopted'),
    not_adopted: get('not_adopted'),
    adoptionRate: decided === 0 ? null : (get('adopted') + get('partially_adopted')) / decided,
  };
}
