/** The submission to the higher congress as an .xlsx (exceljs, loaded on first use like the street function). */
import type { Workbook as WorkbookType } from 'exceljs';
import type { CompiledSubmission } from '../../../domain/legislation/submission';
import { submissionRows } from '../../../domain/legislation/submission';
import { formatChinaDateTime } from '../../../domain/time';

async function newWorkbook(): Promise<WorkbookType> {
  const { default: Workbook } = await import('exceljs/lib/doc/workbook');
  return new Workbook();
}

export async function writeSubmissionBook(c: CompiledSubmission, o: { title: string; issuingBody: string; street: string; at: Date }): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '连心桥';
  wb.created = o.at;
  const summary = wb.addWorksheet('汇总');
  summary.columns = [{ width: 36 }, { width: 12 }];
  summary.addRow([`关于《${o.title}》的意见建议汇总`]).font = { bold: true, size: 14 };
  summary.addRow([`报送：${o.issuingBody}　　报送单位：${o.street}基层立法联系点　　${formatChinaDateTime(o.at)}`]);
  summary.addRow([`共收集意见 ${c.total} 条`]);
  summary.addRow([]);
  summary.addRow(['条款', '意见数']).font = { bold: true };
  for (const s of c.sections) summary.addRow([s.title, s.count]);
  summary.addRow([]);
  summary.addRow(['来源联系点', '意见数']).font = { bold: true };
  for (const p of c.byPoint) summary.addRow([p.pointName, p.count]);
  const detail = wb.addWorksheet('意见明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = [{ header: '条款', key: 'article', width: 24 }, { header: '序号', key: 'no', width: 6 }, { header: '意见建议', key: 'content', width: 70 }, { header: '来源联系点', key: 'point', width: 28 }];
  detail.getRow(1).font = { bold: true };
  for (const r of submissionRows(c)) detail.addRow(r).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
