import type { PulseBoard } from '../../contracts/pulse';
import { derive, MEASURE_KEYS, MEASURES, type Figures } from '../../domain/pulse/figures';

const cell = (figures: Figures) => ({ figures, derived: derive(figures) });

/** A board as the function answers it: November with two communities, October and a year before to compare. */
export function pulseBoard(over: Partial<PulseBoard> = {}): PulseBoard {
  const total: Figures = { received: 12, routed: 10, replied: 8, closed: 7, implemented: 4, inPlan: 2, explained: 1, rated: 6, satisfied: 5, redone: 1, overdue: 2, escalated: 1, firstResponseCount: 9, firstResponseDays: 18, closeDays: 35 };
  return {
    period: '2026-11',
    label: '2026年11月',
    dimension: 'community',
    builtAt: '2026-12-01T18:30:00.000Z',
    sources: ['appeals'],
    total: cell(total),
    rows: [
      { id: 'c1', name: '青石社区', ...cell({ received: 8, closed: 5, rated: 4, satisfied: 4 }) },
      { id: 'c2', name: '河畔社区', ...cell({ received: 4, closed: 2, rated: 2, satisfied: 1 }) },
    ],
    lastYear: { period: '2025-11', label: '2025年11月', ...cell({ received: 9, closed: 6 }) },
    lastQuarter: { period: '2026-08', label: '2026年8月', ...cell({ received: 15 }) },
    trend: Array.from({ length: 12 }, (_, i) => ({ period: `2026-${String(i + 1).padStart(2, '0')}`, label: `2026年${i + 1}月`, figures: { received: i + 1, closed: i } })),
    measures: MEASURE_KEYS.map((key) => ({ key, label: MEASURES[key].label, source: MEASURES[key].source })),
    ...over,
  };
}
