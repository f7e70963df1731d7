/**
 * The street spreadsheet import on the seeded street: every bad row is reported (sheet, row, column, in
 * Chinese) and nothing is written; a rerun updates the same documents by code; bound deputies stay bound;
 * the export is a file the import reads back. Rows are picked by position and by what they are, and edits
 * start from the street as it is exported now.
 */
import { readStreetBook, writeStreetBook } from '../../cloudfunctions/_capabilities/street/streetBook';
import { demoStreetPlan } from '../../database/seed/street';
import { sheetsFromPlan, type SheetRow, type StreetSheets } from '../../domain/street';
import { routedAppeal } from '../factories/appeals';
import { uniqueTag } from '../factories/ids';
import { boundDeputies, resident, staffMember } from '../factories/people';
import { directory } from '../factories/street';
import { dbCount, dbQuery } from '../support/console';
import { dbDigest } from '../support/dbSnapshot';
import { useRuntime, withRuntime, type RunningRuntime } from '../support/runtime';
import { uploadToStorage } from '../support/storage';

let rt: RunningRuntime;
let staff: string;
useRuntime(async (r) => { rt = r; staff = await staffMember(r); });

const templateSheets = (): StreetSheets => sheetsFromPlan(demoStreetPlan());
const upload = async (on: RunningRuntime, sheets: StreetSheets) => uploadToStorage(on, `street/test-${uniqueTag()}.xlsx`, await writeStreetBook(sheets, { title: 'test' }));
const importSheets = async (on: RunningRuntime, sheets: StreetSheets, dryRun = false) => on.ok('street', { action: 'importStreet', fileId: await upload(on, sheets), dryRun }, await staffMember(on));
const unchanged = (report: { counts: Record<string, unknown> }) => {
  for (const k of ['communities', 'stations', 'deputies', 'categories']) expect(report.counts[k]).toMatchObject({ created: 0, updated: 0 });
};
/** The street as staff export it now, read back into sheets. */
async function exportedSheets(): Promise<{ sheets: StreetSheets; fileId: string }> {
  const exp = await rt.ok('street', { action: 'exportStreet' }, staff);
  expect(exp).toMatchObject({ fileId: expect.stringMatching(/^cloud:\/\//), blank: false });
  const book = await readStreetBook(Buffer.from((await (await fetch(exp.url)).arrayBuffer()) as ArrayBuffer));
  if (!book.ok) throw new Error(book.errors.map((e) => e.text).join('; '));
  return { sheets: book.sheets, fileId: exp.fileId };
}
const byCode = (rows: SheetRow[], code: string) => rows.find((r) => r.cells.code === code)!.cells;
const list = (cell: string) => cell.split('、').filter(Boolean);

describe('validation', () => {
  it('a file with mistakes gets every problem listed with sheet, row and column, and nothing is written', async () => {
    const s = templateSheets();
    // Rows as the workbook numbers them (header = row 1): data row i is sheet row i + 2.
    s.communities[4].cells.name = '';
    const firstCode = s.communities[0].cells.code;
    s.communities.push({ row: 0, cells: { code: firstCode, name: '重复社区', type: '社区' } });
    s.communities[8].cells.type = '街道';
    const station = s.stations.findIndex((r, i) => i >= 3 && r.cells.kind === '代表活动站');
    s.stations[station].cells.parent = '不存在的站';
    s.stations.push({ row: 0, cells: { code: 'home2', name: '第二个代表之家', kind: '代表之家', parent: '', address: '', phone: '', communities: '' } });
    s.deputies[1].cells.communities = `${list(s.deputies[1].cells.communities)[0]}、月亮湾社区`;
    s.deputies[3].cells.active = '也许';
    s.deputies[4].cells.phone = '打电话';
    s.categories[0].cells.order = '第一';
    for (const rows of Object.values(s)) rows.forEach((r, i) => { r.row = i + 2; });
    const before = await dbDigest(rt.url);
    const report = await importSheets(rt, s);
    expect(report.imported).toBe(false);
    expect(report.errors.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining([
      '社区表第 6 行：缺少名称',
      `社区表第 ${s.communities.length + 1} 行：编码「${firstCode}」与第 2 行重复`,
      '社区表第 10 行：类型应填“社区”或“村”，而不是「街道」',
      `站点表第 ${station + 2} 行：上级「不存在的站」在站点表中不存在`,
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

  it('a file that is not a spreadsheet, or lacks a sheet or a column, is refused with a reason', async () => {
    const notXlsx = await uploadToStorage(rt, `street/notes-${uniqueTag()}.xlsx`, Buffer.from('这不是表格'));
    const r1 = await rt.ok('street', { action: 'importStreet', fileId: notXlsx }, staff);
    expect(r1.errors.map((e: { text: string }) => e.text)).toEqual([expect.stringContaining('不是有效的 Excel 表格')]);
    const { default: Workbook } = await import('exceljs/lib/doc/workbook');
    const wb = new Workbook();
    wb.addWorksheet('社区').addRow(['编码', '类型']);
    const partial = await uploadToStorage(rt, `street/partial-${uniqueTag()}.xlsx`, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const r2 = await rt.ok('street', { action: 'importStreet', fileId: partial }, staff);
    expect(r2.errors.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining(['社区表：缺少「名称」列', expect.stringContaining('缺少「站点」工作表'), expect.stringContaining('缺少「代表」工作表')]));
  });

  it('a bad file id and a file that is not there are refused', async () => {
    expect((await rt.call('street', { action: 'importStreet', fileId: '../../etc/passwd' }, staff)).body.error.code).toBe('INVALID_ARGUMENT');
    expect((await rt.call('street', { action: 'importStreet', fileId: 'cloud://lianxin-local.local/street/none.xlsx' }, staff)).body.error.code).toBe('NOT_FOUND');
  });
});

describe('rerunning updates in place', () => {
  it('importing the template again on the street it seeded changes nothing', () =>
    withRuntime({}, async (fresh) => {
      const report = await importSheets(fresh, templateSheets());
      expect(report).toMatchObject({ imported: true, errors: [] });
      unchanged(report);
    }));

  it('an edited file updates the same codes, adds new ones, keeps bound accounts and warns about what it left alone', async () => {
    const { sheets: s } = await exportedSheets();
    const street = await directory(rt);
    const [edited, receiver] = await boundDeputies(rt);
    const communitiesBefore = await dbCount(rt, 'communities');
    const tag = uniqueTag();
    // A renamed community: references by name change with it (references by code would not need to).
    const renamed = s.communities[0].cells;
    const oldName = renamed.name;
    renamed.name = `${oldName}新村${tag}`;
    for (const r of [...s.stations, ...s.deputies]) r.cells.communities = list(r.cells.communities).map((n) => (n === oldName ? renamed.name : n)).join('、');
    // A bound deputy's specialties and phone.
    const newSpecialties = street.categories.slice(0, 3);
    byCode(s.deputies, edited.deputyId).specialties = newSpecialties.map((c) => c.name).join('、');
    byCode(s.deputies, edited.deputyId).phone = '13900001111';
    // A new community under a contact point, and a deputy who takes it on.
    const added = { code: `c-${tag}`, name: `滨江社区${tag}` };
    s.communities.push({ row: s.communities.length + 2, cells: { code: added.code, name: added.name, type: '社区' } });
    const contactPoint = s.stations.find((r) => r.cells.kind === '代表联络点')!.cells;
    const cpCommunities = list(contactPoint.communities);
    contactPoint.communities = [...cpCommunities, added.name].join('、');
    byCode(s.deputies, receiver.deputyId).communities = [...list(byCode(s.deputies, receiver.deputyId).communities), added.name].join('、');
    // A category left out of the file (and no longer referenced): kept in the database, with a warning.
    const dropped = s.categories[s.categories.length - 1].cells;
    s.categories = s.categories.slice(0, -1);
    const losing = s.deputies.filter((r) => list(r.cells.specialties).includes(dropped.name)).map((r) => r.cells.code);
    for (const r of s.deputies) r.cells.specialties = list(r.cells.specialties).filter((n) => n !== dropped.name).join('、');

    expect(await importSheets(rt, s, true)).toMatchObject({ imported: false, dryRun: true, errors: [] });
    expect(await dbCount(rt, 'communities', { _id: added.code })).toBe(0);
    const report = await importSheets(rt, s);
    expect(report.counts.communities).toMatchObject({ created: 1, updated: 1 });
    expect(report.counts.deputies).toMatchObject({ created: 0, updated: new Set([edited.deputyId, receiver.deputyId, ...losing]).size });
    expect(report.counts.categories.kept).toEqual([dropped.code]);
    expect(report.warnings.map((w: { text: string }) => w.text)).toContain(`类别表：数据库中还有 1 条不在表格中（${dropped.code}），已保留未删除`);
    expect(await dbCount(rt, 'communities')).toBe(communitiesBefore + 1);
    expect((await dbQuery(rt, 'deputies', { _id: edited.deputyId })).docs[0]).toMatchObject({ openid: edited.openid, specialties: newSpecialties.map((c) => c._id), phone: '13900001111' });
    const cpDoc = (await dbQuery(rt, 'stations', { _id: contactPoint.code })).docs[0];
    expect(cpDoc.communityIds).toEqual([...cpCommunities.map((n) => street.communities.find((c) => c.name === n)!._id), added.code]);
    expect((await dbQuery(rt, 'communities', { _id: added.code })).docs[0]).toMatchObject({ name: added.name, stationId: contactPoint.code });
    expect((await directory(rt)).community(renamed.code).name).toBe(renamed.name);
    // A resident of the new community reaches the deputy who took it on.
    const a = await routedAppeal(rt, { communityId: added.code, category: receiver.specialties.find((x) => x !== dropped.code)!, content: '新小区物业尚未进场，垃圾无人清运' });
    expect(a.deputy?.deputyId).toBe(receiver.deputyId);
    // Clearing the phone removes it.
    byCode(s.deputies, edited.deputyId).phone = '';
    await importSheets(rt, s);
    expect((await dbQuery(rt, 'deputies', { _id: edited.deputyId })).docs[0].phone).toBeUndefined();
  });

  it('staff export the current street as a file the import reads back unchanged', async () => {
    const { sheets, fileId } = await exportedSheets();
    const street = await directory(rt);
    expect(sheets.communities.map((r) => [r.cells.code, r.cells.name]).sort()).toEqual(street.communities.map((c) => [c._id, c.name]).sort());
    const again = await rt.ok('street', { action: 'importStreet', fileId }, staff);
    expect(again).toMatchObject({ imported: true, errors: [] });
    unchanged(again);
  });

  it('only staff may import, and the deployer can run it without a WeChat identity', async () => {
    const fileId = await upload(rt, templateSheets());
    const [deputy] = await boundDeputies(rt);
    for (const who of [await resident(rt), deputy.openid]) expect((await rt.call('street', { action: 'importStreet', fileId }, who)).body.error.code).toBe('PERMISSION_DENIED');
    expect((await rt.call('street', { action: 'importStreet', fileId })).status).toBe(401);
    // With an identity, the admin form of the event is just an unknown action.
    expect((await rt.call('street', { Type: 'Admin', action: 'importStreet', fileId }, await resident(rt))).body.error.code).toBe('PERMISSION_DENIED');
    expect(await rt.dev('invoke/street', { Type: 'Admin', action: 'importStreet', fileId, dryRun: true })).toMatchObject({ ok: true, data: { dryRun: true, errors: [] } });
  });
});
