/** 晴雨表 (the street's pulse): inputs and answers. */
import * as v from 'valibot';
import type { Derived, Dimension, Figures, MeasureKey, PulseSource } from '../domain/pulse/figures';
import { DIMENSIONS } from '../domain/pulse/figures';
import { isPeriodKey } from '../domain/pulse/periods';
import { idSchema } from './validation';

export const periodSchema = v.pipe(v.string('应为文本'), v.check((s) => isPeriodKey(s), '不是有效的统计期（如 2026-11、2026-Q4、2026）'));

export const boardInput = v.object({
  action: v.literal('board'),
  period: periodSchema,
  dimension: v.optional(v.picklist(DIMENSIONS, '不是有效的统计维度'), 'all'),
});
export const exportPulseInput = v.object({ action: v.literal('exportPulse'), period: periodSchema });
export const publicSummaryInput = v.object({ action: v.literal('publicSummary'), stationId: v.optional(idSchema) });
export const rebuildPulseInput = v.object({ action: v.literal('rebuild'), restart: v.optional(v.boolean()), maxBatches: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))), batchSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))) });

export interface PulseCell {
  figures: Figures;
  derived: Derived;
}

export interface PulseRow extends PulseCell {
  id: string;
  name: string;
}

export interface PulseCompare extends PulseCell {
  period: string;
  label: string;
}

export interface PulseBoard {
  period: string;
  label: string;
  dimension: Dimension;
  /** When the nightly run that wrote these figures finished; null = not computed yet. */
  builtAt: string | null;
  /** Capabilities that contributed; measures of the others read as absent (暂无数据). */
  sources: PulseSource[];
  total: PulseCell;
  rows: PulseRow[];
  lastYear: PulseCompare;
  lastQuarter: PulseCompare | null;
  /** The twelve months up to the period's last month, for the trend chart (street totals). */
  trend: { period: string; label: string; figures: Figures }[];
  measures: { key: MeasureKey; label: string; source: PulseSource }[];
}

export interface PulseExport {
  fileId: string;
  url: string;
}

export interface PublicSummary {
  period: string;
  closed: number;
  satisfactionRate: number | null;
  line: string;
  builtAt: string | null;
}
