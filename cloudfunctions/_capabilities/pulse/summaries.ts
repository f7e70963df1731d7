/** The summary documents: one per period (month, quarter, year), the same shape as the run's tally. */
import { addFigures, DIMENSIONS, type Dimension, type Figures, type Placement } from '../../../domain/pulse/figures';
import { kindOf, quarterOfMonth, yearOfMonth } from '../../../domain/pulse/periods';

export type Breakdown = Record<string, Figures>;

/** One period's figures: the street as a whole and by each dimension's values. */
export interface Cells {
  all: Figures;
  community: Breakdown;
  category: Breakdown;
  station: Breakdown;
  deputy: Breakdown;
}

export const emptyCells = (): Cells => ({ all: {}, community: {}, category: {}, station: {}, deputy: {} });

/** Adds one fact's value to a period's cells, on the street and on each dimension the record has. */
export function tally(cells: Cells, placement: Placement, measure: keyof Figures, value: number): void {
  cells.all[measure] = (cells.all[measure] ?? 0) + value;
  for (const dim of DIMENSIONS) {
    if (dim === 'all') continue;
    const id = placement[dim];
    if (!id) continue;
    const cell = (cells[dim][id] ??= {});
    cell[measure] = (cell[measure] ?? 0) + value;
  }
}

export function mergeCells(into: Cells, from: Cells): Cells {
  addFigures(into.all, from.all);
  for (const dim of DIMENSIONS) {
    if (dim === 'all') continue;
    for (const [id, f] of Object.entries(from[dim])) addFigures((into[dim][id] ??= {}), f);
  }
  return into;
}

/** Every period the months touch: the months themselves, their quarters and their years. */
export function periodsOfMonths(months: string[]): string[] {
  const out = new Set<string>();
  for (const m of months) {
    out.add(m);
    out.add(quarterOfMonth(m));
    out.add(yearOfMonth(m));
  }
  return [...out].sort();
}

/** A period's cells from the monthly tally. */
export function cellsOf(period: string, byMonth: Record<string, Cells>): Cells {
  const kind = kindOf(period);
  const cells = emptyCells();
  for (const [month, c] of Object.entries(byMonth)) {
    const inPeriod = kind === 'month' ? month === period : kind === 'quarter' ? quarterOfMonth(month) === period : yearOfMonth(month) === period;
    if (inPeriod) mergeCells(cells, c);
  }
  return cells;
}

export const cellOf = (cells: Cells | undefined, dim: Dimension, id?: string): Figures => (!cells ? {} : dim === 'all' ? cells.all : (id ? cells[dim][id] : undefined) ?? {});
