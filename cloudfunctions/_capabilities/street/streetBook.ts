/**
 * The street spreadsheet (.xlsx) read and written with exceljs. Only the function that imports this
 * (street) carries exceljs in its bundle, and it is loaded on first use, not at cold start.
 */
import type { CellValue, Workbook as WorkbookType, Worksheet } from 'exceljs';
import { issue, STREET_SHEETS, type ImportIssue, type SheetKey, type SheetRow, type StreetSheets } from '../../../domain/street';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_SHEET_ROWS = 1000;
const INSTRUCTIONS = '说明';

async function newWorkbook(): Promise<WorkbookType> {
  const { default: Workbook } = await import('exceljs/lib/doc/workbook');
  return new Workbook();
}

/** What a cell shows, as trimmed text (numbers, rich text, hyperlinks, formula results, dates). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('hyperlink' in value) return String(value.text ?? '').trim();
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
    if ('error' in value) return '';
    return '';
  }
  return String(value).replace(/[\u3000\u00a0]/g, ' ').trim();
}

const normaliseHeader = (h: string) => h.replace(/[\s*＊]/g, '').replace(/[（(].*?[）)]/g, '');

function readSheet(ws: Worksheet, key: SheetKey, errors: ImportIssue[]): SheetRow[] {
  const spec = STREET_SHEETS.find((s) => s.key === key)!;
  if (ws.rowCount > MAX_SHEET_ROWS) {
    errors.push(issue(spec.name, undefined, `行数过多（${ws.rowCount} 行），最多 ${MAX_SHEET_ROWS} 行`));
    return [];
  }
  // The header row: the first of the top five rows that has a 编码 column.
  let headerRow = 0;
  const columns = new Map<string, number>();
  for (let r = 1; r <= Math.min(5, ws.rowCount) && !headerRow; r++) {
    const row = ws.getRow(r);
    const found = new Map<string, number>();
    row.eachCell((cell, col) => {
      const header = normaliseHeader(cellText(cell.value));
      const column = spec.columns.find((c) => c.header === header);
      if (column && !found.has(column.key)) found.set(column.key, col);
    });
    if (found.has('code')) {
      headerRow = r;
      for (const [k, v] of found) columns.set(k, v);
    }
  }
  if (!headerRow) {
    errors.push(issue(spec.name, undefined, '没有找到表头（第一行应为“编码”“名称”等列名）'));
    return [];
  }
  for (const c of spec.columns) if (c.required && !columns.has(c.key)) errors.push(issue(spec.name, undefined, `缺少「${c.header}」列`));
  const rows: SheetRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, string> = {};
    let any = false;
    for (const [k, col] of columns) {
      const text = cellText(row.getCell(col).value);
      cells[k] = text;
      if (text) any = true;
    }
    if (any) rows.push({ row: r, cells });
  }
  return rows;
}

/** The sheets of a street workbook, or why it cannot be read (missing sheet or column, not an xlsx). */
export async function readStreetBook(buffer: Buffer): Promise<{ ok: true; sheets: StreetSheets } | { ok: false; errors: ImportIssue[] }> {
  if (buffer.length > MAX_FILE_BYTES) return { ok: false, errors: [issue('', undefined, `文件过大（${Math.ceil(buffer.length / 1024)} KB），不能超过 2 MB`)] };
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: [issue('', undefined, '文件不是有效的 Excel 表格（.xlsx），请用模板填写后另存为 .xlsx')] };
  }
  const errors: ImportIssue[] = [];
  const sheets = {} as StreetSheets;
  for (const spec of STREET_SHEETS) {
    const ws = wb.worksheets.find((w) => w.name.trim() === spec.name);
    if (!ws) {
      errors.push(issue(spec.name, undefined, `缺少「${spec.name}」工作表（请使用模板，不要改工作表名称）`));
      sheets[spec.key] = [];
      continue;
    }
    sheets[spec.key] = readSheet(ws, spec.key, errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, sheets };
}

const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF6E3E1' } };
const DROPDOWNS: Partial<Record<SheetKey, Record<string, string>>> = {
  communities: { type: '"社区,村"' },
  stations: { kind: '"代表之家,代表活动站,代表联络点"' },
  deputies: { deliberation: '"是,否"', active: '"是,否"' },
};

/**
 * A workbook a clerk can fill in: an instructions sheet, then one sheet per part of the network with
 * Chinese headers (required ones marked in the instructions), dropdowns for fixed values, and the rows given.
 */
export async function writeStreetBook(sheets: StreetSheets, opts: { title: string; note?: string }): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '连心桥';
  // Fixed dates keep regenerated files comparable.
  wb.created = new Date('2026-01-01T00:00:00Z');
  wb.modified = new Date('2026-01-01T00:00:00Z');
  const help = wb.addWorksheet(INSTRUCTIONS);
  help.columns = [{ width: 14 }, { width: 14 }, { width: 8 }, { width: 90 }];
  help.addRow([opts.title]).font = { bold: true, size: 14 };
  const lines = [
    '用法：在“社区”“站点”“代表”“类别”四张表里按行填写，一行一条；不要改工作表名称和第一行的列名。',
    '编码：每行一个固定编码（字母、数字、下划线或短横线）。再次导入时按编码更新同一条记录，所以已导入的编码不要改。',
    '引用：“上级”“覆盖社区”“所属站点”“联系社区”“专长类别”可填对应表里的编码或名称，多个用顿号（、）分隔。',
    '检查：导入前会逐行检查，任何一行有问题都不会写入，并列出“某表第几行”的问题；改好后重新导入即可。',
    '已有记录：表格里没有的社区、站点、代表、类别不会被删除（可能已有诉求引用它们）；不再使用的代表请把“在职”改为“否”。',
    '代表的微信账号：导入后由工作人员在小程序“邀请代表”中生成邀请码，代表本人扫码绑定。',
  ];
  if (opts.note) lines.push(opts.note);
  for (const l of lines) help.addRow([l]).alignment = { wrapText: true };
  help.addRow([]);
  for (const spec of STREET_SHEETS) {
    help.addRow([`${spec.name}表`]).font = { bold: true };
    const head = help.addRow(['列名', '', '必填', '说明']);
    head.font = { bold: true };
    for (const c of spec.columns) help.addRow([c.header, '', c.required ? '是' : '', c.hint]).alignment = { wrapText: true, vertical: 'top' };
    help.addRow([]);
  }
  for (const spec of STREET_SHEETS) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.key === 'address' || c.key === 'communities' || c.key === 'specialties' ? 36 : Math.max(10, c.header.length * 2 + 4) }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.eachCell((cell, col) => {
      cell.fill = HEADER_FILL;
      if (spec.columns[col - 1]?.required) cell.note = '必填';
    });
    for (const r of sheets[spec.key] ?? []) ws.addRow(spec.columns.map((c) => r.cells[c.key] ?? ''));
    for (const [key, formula] of Object.entries(DROPDOWNS[spec.key] ?? {})) {
      const col = spec.columns.findIndex((c) => c.key === key) + 1;
      for (let r = 2; r <= 101; r++) ws.getCell(r, col).dataValidation = { type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorTitle: '请从列表中选择', error: `可选：${formula.replace(/"/g, '')}` };
    }
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
