/**
 * The street spreadsheet import on the seeded street: every bad row is reported (sheet, row, column, in
 * Chinese) and nothing is written; a rerun updates the same documents by code; bound deputies stay bound;
 * the export is a file the import reads back.
 */
import { readStreetBook, writeStreetBook } from '../../cloudfunctions/_capabilities/street/streetBook';
import { demoStreetPlan } from '../../database/seed/street';
import { sheetsFromPlan, type StreetSheets } from '../../domain/street';
import { dbDigest } from '../support/dbSnapshot';
import { startRuntime, type RunningRuntime } from '../support/runtime';
import { dbQuery, uploadToStorage } from '../support/storage';

const STAFF = 'dev_staff_1';
let rt: RunningRuntime;
let seq = 0;
beforeAll(async () => { rt = await startRuntime(); });
afterAll(async () => { await rt?.stop(); });

const demoSheets = (): StreetSheets => sheetsFromPlan(demoStreetPlan());
const upload = async (sheets: StreetSheets) => uploadToStorage(rt, `street/test-${seq++}.xlsx`, await writeStreetBook(sheets, { title: 'test' }));
const importSheets = async (sheets: StreetSheets, dryRun = false) => rt.ok('street', { action: 'importStreet', fileId: await upload(sheets), dryRun }, STAFF);
const cell = (sheets: StreetSheets, key: keyof StreetSheets, code: string) => sheets[key].find((r) => r.cells.code === code)!.cells;

describe('validation', () => {
  it('lists every problem with sheet, row and column, and writes nothing', async () => {
    const s = demoSheets();
    cell(s, 'communities', 'c05').name = '';
    s.communities.push({ row: 0, cells: { code: 'c01', name: '重复社区', type: '社区' } });
    cell(s, 'communities', 'c09').type = '街道';
    cell(s, 'stations', 'st3').parent = '不存在的站';
    s.stations.push({ row: 0, cells: { code: 'home2', name: '第二个代表之家', kind: '代表之家', parent: '', address: '', phone: '', communities: '' } });
    cell(s, 'deputies', 'd02').communities = '青石社区、月亮湾社区';
    cell(s, 'deputies', 'd04').active = '也许';
    cell(s, 'deputies', 'd05').phone = '打电话';
    cell(s, 'categories', 'housing').order = '第一';
    // Rows as the workbook numbers them (header = row 1).
    s.communities.forEach((r, i) => { r.row = i + 2; });
    s.stations.forEach((r, i) => { r.row = i + 2; });
    const before = await dbDigest(rt.url);
    const report = await importSheets(s);
    expect(report.imported).toBe(false);
    const texts: string[] = report.errors.map((e: { text: string }) => e.text);
    expect(texts).toEqual(expect.arrayContaining([
      '社区表第 6 行：缺少名称',
      '社区表第 19 行：编码「c01」与第 2 行重复',
      '社区表第 10 行：类型应填“社区”或“村”，而不是「街道」',
      '站点表第 5 行：上级「不存在的站」在站点表中不存在',
      '站点表：需要且只能有一个代表之家，现有 2 个',
      '代表表第 3 行：联系社区「月亮湾社区」在社区表中不存在（可填编码或名称；改过名称的话这里也要改）',
      '代表表第 5 行：在职应填“是”或“否”，而不是「也许」',
      '代表表第 6 行：手机「打电话」格式不正确',
      '类别表第 2 行：排序应为 0–999 的整数，而不是「第一」',
    ]));
    expect(report.errors.find((e: { text: string }) => e.text === '社区表第 6 行：缺少名称')).toMatchObject({ sheet: '社区', row: 6, column: '名称' });
    expect(report.summary).toContain('未导入');
    const after = await dbDigest(rt.url);
    expect(after.counts).toEqual(before.counts);
    expect(after.digest).toBe(before.digest);
  });

  it('says so when the file is not a spreadsheet, or a sheet or column is missing', async () => {
    const notXlsx = await uploadToStorage(rt, 'street/notes.xlsx', Buffer.from('这不是表格'));
    const r1 = await rt.ok('street', { action: 'importStreet', fileId: notXlsx }, STAFF);
    expect(r1.errors.map((e: { text: string }) => e.text)).toEqual([expect.stringContaining('不是有效的 Excel 表格')]);
    const { default: Workbook } = await import('exceljs/lib/doc/workbook');
    const wb = new Workbook();
    wb.addWorksheet('社区').addRow(['编码', '类型']);
    const partial = await uploadToStorage(rt, 'street/partial.xlsx', Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const r2 = await rt.ok('street', { action: 'importStreet', fileId: partial }, STAFF);
    expect(r2.errors.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining(['社区表：缺少「名称」列', expect.stringContaining('缺少「站点」工作表'), expect.stringContaining('缺少「代表」工作表')]));
  });

  it('refuses a bad file id and a file that is not there', async () => {
    expect((await rt.call('street', { action: 'importStreet', fileId: '../../etc/passwd' }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    expect((await rt.call('street', { action: 'importStreet', fileId: 'cloud://lianxin-local.local/street/none.xlsx' }, STAFF)).body.error.code).toBe('NOT_FOUND');
  });
});

describe('rerunning updates in place', () => {
  it('the template again changes nothing', async () => {
    const report = await importSheets(demoSheets());
    expect(report).toMatchObject({ imported: true, errors: [] });
    for (const k of ['communities', 'stations', 'deputies', 'categories']) expect(report.counts[k]).toMatchObject({ created: 0, updated: 0 });
  });

  it('an edited file updates the same ids, adds new codes, keeps bound accounts and warns about what it left alone', async () => {
    const s = demoSheets();
    // A renamed community: references by name change with it (references by code would not need to).
    cell(s, 'communities', 'c01').name = '青石新村社区';
    for (const r of [...s.stations, ...s.deputies]) r.cells.communities = r.cells.communities.replace('青石社区', '青石新村社区');
    cell(s, 'deputies', 'd01').specialties = '住房物业、交通出行、市政设施';
    cell(s, 'deputies', 'd01').phone = '13900001111';
    s.communities.push({ row: 19, cells: { code: 'c18', name: '滨江社区', type: '社区' } });
    cell(s, 'stations', 'cp11').communities = '春晖社区、滨江社区';
    cell(s, 'deputies', 'd11').communities += '、滨江社区';
    // Left out of the file (and no longer referenced): kept in the database, with a warning.
    s.categories = s.categories.filter((r) => r.cells.code !== 'other');
    for (const r of s.deputies) r.cells.specialties = r.cells.specialties.replace(/、?其他/, '');
    const dry = await importSheets(s, true);
    expect(dry).toMatchObject({ imported: false, dryRun: true, errors: [] });
    expect((await dbQuery(rt, 'communities', { _id: 'c18' })).docs).toEqual([]);
    const report = await importSheets(s);
    expect(report.counts.communities).toMatchObject({ created: 1, updated: 1 });
    expect(report.counts.deputies).toMatchObject({ created: 0, updated: 4 });
    expect(report.counts.categories.kept).toEqual(['other']);
    expect(report.warnings.map((w: { text: string }) => w.text)).toContain('类别表：数据库中还有 1 条不在表格中（other），已保留未删除');
    expect((await dbQuery(rt, 'communities', {})).total).toBe(18);
    const d01 = (await dbQuery(rt, 'deputies', { _id: 'd01' })).docs[0];
    expect(d01).toMatchObject({ openid: 'dev_deputy_d01', specialties: ['housing', 'traffic', 'infrastructure'], phone: '13900001111' });
    expect((await dbQuery(rt, 'stations', { _id: 'cp11' })).docs[0].communityIds).toEqual(['c17', 'c18']);
    expect((await dbQuery(rt, 'communities', { _id: 'c18' })).docs[0]).toMatchObject({ name: '滨江社区', stationId: 'cp11' });
    // A resident of the new community reaches its deputy.
    const a = await rt.ok('appeal', { action: 'submit', requestId: 'street-c18', communityId: 'c18', category: 'housing', content: '滨江社区新小区物业尚未进场' }, 'dev_resident_4');
    expect(a.assignee.deputyId).toBe('d11');
    // Clearing the phone removes it.
    cell(s, 'deputies', 'd01').phone = '';
    await importSheets(s);
    expect((await dbQuery(rt, 'deputies', { _id: 'd01' })).docs[0].phone).toBeUndefined();
  });

  it('exports the current street as a file the import reads back unchanged', async () => {
    const exp = await rt.ok('street', { action: 'exportStreet' }, STAFF);
    expect(exp).toMatchObject({ fileId: expect.stringMatching(/^cloud:\/\//), blank: false });
    const bytes = Buffer.from((await (await fetch(exp.url)).arrayBuffer()) as ArrayBuffer);
    const book = await readStreetBook(bytes);
    if (!book.ok) throw new Error(book.errors.map((e) => e.text).join('; '));
    expect(book.sheets.communities.find((r) => r.cells.code === 'c01')!.cells.name).toBe('青石新村社区');
    const again = await rt.ok('street', { action: 'importStreet', fileId: exp.fileId }, STAFF);
    for (const k of ['communities', 'stations', 'deputies', 'categories']) expect(again.counts[k]).toMatchObject({ created: 0, updated: 0 });
  });

  it('is staff-only, and the deployer can run it without a WeChat identity', async () => {
    const fileId = await upload(demoSheets());
    for (const who of ['dev_resident_1', 'dev_deputy_d01']) expect((await rt.call('street', { action: 'importStreet', fileId }, who)).body.error.code).toBe('PERMISSION_DENIED');
    expect((await rt.call('street', { action: 'importStreet', fileId })).status).toBe(401);
    // With an identity, the admin form of the event is just an unknown action.
    expect((await rt.call('street', { Type: 'Admin', action: 'importStreet', fileId }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    const admin = await rt.dev('invoke/street', { Type: 'Admin', action: 'importStreet', fileId, dryRun: true });
    expect(admin).toMatchObject({ ok: true, data: { dryRun: true, errors: [] } });
  });
});
