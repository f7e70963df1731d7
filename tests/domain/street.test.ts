import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStreetBook } from '../../cloudfunctions/_capabilities/street/streetBook';
import { categories, communities, demoStreetPlan, stations } from '../../database/seed/street';
import { planStreet, sheetsFromPlan, STREET_SHEETS, type StreetSheets } from '../../domain/street';

const demo = () => sheetsFromPlan(demoStreetPlan());
const texts = (s: StreetSheets) => {
  const r = planStreet(s);
  return r.ok ? [] : r.errors.map((e) => e.text);
};

describe('the street planner', () => {
  it('turns the demo street into exactly the seeded documents (ids are the codes)', () => {
    const r = planStreet(demo());
    if (!r.ok) throw new Error(r.errors[0].text);
    expect(r.plan).toEqual(demoStreetPlan());
    expect(r.plan.communities.map((c) => c._id)).toEqual(communities.map((c) => c._id));
    expect(r.plan.stations.find((s) => s._id === 'cp01')).toEqual(stations.find((s) => s._id === 'cp01'));
    expect(r.plan.categories).toEqual(categories);
    expect(r.warnings).toEqual([]);
  });

  it('accepts codes or names in references, and lists in 、，, or spaces', () => {
    const s = demo();
    const d01 = s.deputies.find((r) => r.cells.code === 'd01')!;
    d01.cells.station = 'st1';
    d01.cells.communities = 'c01，石桥社区 c08,杏花村';
    d01.cells.specialties = 'housing、交通出行';
    const r = planStreet(s);
    if (!r.ok) throw new Error(r.errors[0].text);
    expect(r.plan.deputies[0]).toMatchObject({ stationId: 'st1', communityIds: ['c01', 'c07', 'c08'], specialties: ['housing', 'traffic'] });
  });

  it('reports missing cells with sheet, row and column', () => {
    const s = demo();
    s.communities[3].cells.name = '';
    s.deputies[0].cells.station = '';
    const r = planStreet(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(expect.arrayContaining([
      { sheet: '社区', row: 5, column: '名称', message: '缺少名称', text: '社区表第 5 行：缺少名称' },
      { sheet: '代表', row: 2, column: '所属站点', message: '缺少所属站点', text: '代表表第 2 行：缺少所属站点' },
    ]));
  });

  it('checks the ladder: one home, parents one level up, every community covered exactly once', () => {
    const s = demo();
    s.stations.find((r) => r.cells.code === 'st2')!.cells.parent = '青石代表活动站';
    s.stations.find((r) => r.cells.code === 'cp01')!.cells.communities = '石桥社区、杏花村';
    expect(texts(s)).toEqual([
      '社区表第 9 行：「杏花村」被多个站点覆盖：石桥社区代表联络点、杏花村代表联络点，只能保留一个',
      '站点表第 4 行：上级「青石代表活动站」是代表活动站，代表活动站只能挂在更高一级下',
    ]);
    s.stations.find((r) => r.cells.code === 'home')!.cells.kind = '代表活动站';
    expect(texts(s)).toEqual(expect.arrayContaining(['站点表：需要且只能有一个代表之家，现有 0 个', '站点表第 2 行：缺少上级（代表活动站要挂在代表之家下）']));
  });

  it('warns (but imports) when a community has no active deputy', () => {
    const s = demo();
    for (const r of s.deputies) r.cells.communities = r.cells.communities.replace(/、?柳岸社区/, '');
    const r = planStreet(s);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.text)).toEqual(['社区表第 3 行：「柳岸社区」暂无在职代表联系，居民诉求将交工作人员分派']);
  });

  it('caps each sheet at 100 rows', () => {
    const s = demo();
    s.categories = Array.from({ length: 101 }, (_, i) => ({ row: i + 2, cells: { code: `k${i}`, name: `类别${i}`, order: '' } }));
    expect(texts(s)).toContain('类别表：最多 100 行，现有 101 行');
  });
});

describe('the template file database/seed/street-template.xlsx', () => {
  it('is the demo street (regenerate with npm run street:template), with an instructions sheet', async () => {
    const book = await readStreetBook(readFileSync(join(__dirname, '..', '..', 'database', 'seed', 'street-template.xlsx')));
    if (!book.ok) throw new Error(book.errors[0].text);
    expect(book.sheets).toEqual(demo());
    const { default: Workbook } = await import('exceljs/lib/doc/workbook');
    const wb = new Workbook();
    await wb.xlsx.load(readFileSync(join(__dirname, '..', '..', 'database', 'seed', 'street-template.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', ...STREET_SHEETS.map((s) => s.name)]);
    expect(wb.getWorksheet('社区')!.getRow(1).values).toEqual([undefined, '编码', '名称', '类型']);
  });
});
