/** 晴雨表 as an .xlsx (exceljs, loaded on first use like the street spreadsheet): exact figures, one sheet per breakdown. */
import type { Workbook as WorkbookType } from 'exceljs';
import type { PulseBoard, PulseCell } from '../../../contracts/pulse';
import type { Derived, MeasureKey } from '../../../domain/pulse/figures';

export const DERIVED_LABELS: Record<keyof Derived, string> = {
  satisfactionRate: '满意率（%）',
  redoRate: '重办率（%）',
  implementedShare: '落实率（%）',
  avgFirstResponseDays: '平均受理用时（工作日）',
  avgCloseDays: '平均办结用时（工作日）',
};

export const SHEET_NAMES = { total: '总览', community: '按社区', category: '按类别', station: '按站点', deputy: '按代表' } as const;
export const NO_DATA = '暂无数据';

/** A measure's value as the sheet shows it: the count, 0, or 暂无数据 when its capability does not report yet. */
function valueOf(c: PulseCell, key: MeasureKey, present: boolean): number | string {
  return present ? c.figures[key] ?? 0 : NO_DATA;
}
const derivedOf = (c: PulseCell, key: keyof Derived): number | string => c.derived[key] ?? '—';

export async function writePulseBook(boards: PulseBoard[]): Promise<Buffer> {
  const { default: Workbook } = await import('exceljs/lib/doc/workbook');
  const wb: WorkbookType = new Workbook();
  const first = boards[0];
  const present = (source: string) => first.sources.includes(source as never);
  const total = wb.addWorksheet(SHEET_NAMES.total);
  total.addRow([`连心桥 · 晴雨表 ${first.label}`]);
  total.addRow(['统计时间', first.builtAt ?? '尚未统计']);
  total.addRow(['指标', first.label, `去年同期（${first.lastYear.label}）`, first.lastQuarter ? `上一季度同期（${first.lastQuarter.label}）` : '上一季度同期']);
  for (const m of first.measures) {
    const p = present(m.source);
    total.addRow([m.label, valueOf(first.total, m.key, p), valueOf(first.lastYear, m.key, p), first.lastQuarter ? valueOf(first.lastQuarter, m.key, p) : '—']);
  }
  for (const k of Object.keys(DERIVED_LABELS) as (keyof Derived)[]) {
    total.addRow([DERIVED_LABELS[k], derivedOf(first.total, k), derivedOf(first.lastYear, k), first.lastQuarter ? derivedOf(first.lastQuarter, k) : '—']);
  }
  total.getColumn(1).width = 26;
  for (const b of boards) {
    if (b.dimension === 'all') continue;
    const ws = wb.addWorksheet(SHEET_NAMES[b.dimension]);
    const measures = b.measures.filter((m) => present(m.source));
    ws.addRow(['编码', '名称', ...measures.map((m) => m.label), ...Object.values(DERIVED_LABELS)]);
    for (const r of b.rows) ws.addRow([r.id, r.name, ...measures.map((m) => r.figures[m.key] ?? 0), ...(Object.keys(DERIVED_LABELS) as (keyof Derived)[]).map((k) => derivedOf(r, k))]);
    ws.getColumn(2).width = 18;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
