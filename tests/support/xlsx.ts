/** The rows of one sheet of an exported .xlsx, as text, fetched from its temporary link. */
export async function readXlsxRows(url: string, sheet: string): Promise<string[][]> {
  const { default: Workbook } = await import('exceljs/lib/doc/workbook');
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(await (await fetch(url)).arrayBuffer()) as never);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: string[][] = [];
  ws.eachRow((row) => { rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))); });
  return rows;
}
