/**
 * A street's network as a clerk fills it in a spreadsheet: communities/villages, the deputies' home,
 * stations and contact points (with the communities each covers), the deputy roster and the appeal
 * categories. Rows in, documents out — or every problem, row by row, in Chinese. Ids are the clerk's
 * codes, so importing the same sheet again updates the same documents.
 */
import type { StationKind } from './network';
import { validateNetwork } from './network';

export type SheetKey = 'communities' | 'stations' | 'deputies' | 'categories';

export interface ColumnSpec {
  key: string;
  header: string;
  required?: boolean;
  /** What the instructions sheet says about the column. */
  hint: string;
}

export interface SheetSpec {
  key: SheetKey;
  /** Worksheet name, also how errors name the sheet ("社区表第 5 行"). */
  name: string;
  columns: ColumnSpec[];
}

export const MAX_ROWS = 100;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export const STREET_SHEETS: SheetSpec[] = [
  {
    key: 'communities',
    name: '社区',
    columns: [
      { key: 'code', header: '编码', required: true, hint: '字母、数字、下划线或短横线，如 c01；导入后不要再改，改了会当成新社区' },
      { key: 'name', header: '名称', required: true, hint: '社区或村的名称，如 青石社区' },
      { key: 'type', header: '类型', required: true, hint: '填“社区”或“村”' },
    ],
  },
  {
    key: 'stations',
    name: '站点',
    columns: [
      { key: 'code', header: '编码', required: true, hint: '如 home、st1、cp01；导入后不要再改' },
      { key: 'name', header: '名称', required: true, hint: '如 清河街道人大代表之家' },
      { key: 'kind', header: '类型', required: true, hint: '填“代表之家”“代表活动站”或“代表联络点”；代表之家有且只有一个' },
      { key: 'parent', header: '上级', hint: '上级站点的编码或名称：活动站的上级是代表之家，联络点的上级是活动站（或代表之家）；代表之家留空。超期督办按此逐级上报' },
      { key: 'address', header: '地址', hint: '居民能找到的地址' },
      { key: 'phone', header: '电话', hint: '对外公开的联系电话，可留空' },
      { key: 'communities', header: '覆盖社区', hint: '该站点直接服务的社区或村（编码或名称，用顿号或逗号分隔）；每个社区必须由且只由一个站点覆盖' },
    ],
  },
  {
    key: 'deputies',
    name: '代表',
    columns: [
      { key: 'code', header: '编码', required: true, hint: '如 d01；导入后不要再改（代表绑定的微信账号跟着编码走）' },
      { key: 'name', header: '姓名', required: true, hint: '代表姓名' },
      { key: 'station', header: '所属站点', required: true, hint: '代表进站值班的站点（编码或名称）' },
      { key: 'communities', header: '联系社区', hint: '代表负责联系的社区或村（编码或名称，顿号分隔）；居民的诉求按社区分派给这些代表。可留空（如只在代表之家值班）' },
      { key: 'specialties', header: '专长类别', hint: '擅长的诉求类别（类别表的编码或名称，顿号分隔）；同一社区有多位代表时优先分派给专长对口的代表' },
      { key: 'level', header: '层级', hint: '如 区人大代表、街道选区人大代表，可留空' },
      { key: 'deliberation', header: '参加票决', hint: '是否参加民生实事项目代表票决：是/否，留空为“是”' },
      { key: 'active', header: '在职', hint: '是/否，留空为“是”；“否”的代表不再收到新诉求' },
      { key: 'phone', header: '手机', hint: '仅工作人员可见，可留空' },
    ],
  },
  {
    key: 'categories',
    name: '类别',
    columns: [
      { key: 'code', header: '编码', required: true, hint: '如 housing；导入后不要再改（已有诉求按编码记录类别）' },
      { key: 'name', header: '名称', required: true, hint: '居民选择时看到的名称，如 住房物业' },
      { key: 'order', header: '排序', hint: '数字越小越靠前，留空按行的顺序' },
    ],
  },
];

export const sheetSpec = (key: SheetKey): SheetSpec => STREET_SHEETS.find((s) => s.key === key)!;

/** One spreadsheet row: its row number in the sheet and its cells as text, keyed by column key. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export type StreetSheets = Record<SheetKey, SheetRow[]>;

export interface ImportIssue {
  sheet: string;
  row?: number;
  column?: string;
  message: string;
  /** The whole sentence a clerk reads: "社区表第 5 行：缺少名称". */
  text: string;
}

export interface StreetCommunity { _id: string; name: string; type: 'community' | 'village'; stationId: string }
export interface StreetStation { _id: string; name: string; kind: StationKind; parentId?: string; address: string; phone: string; communityIds: string[] }
export interface StreetDeputy { _id: string; name: string; stationId: string; communityIds: string[]; specialties: string[]; level: string; deliberation: boolean; active: boolean; phone?: string }
export interface StreetCategory { _id: string; name: string; order: number }

export interface StreetPlan {
  communities: StreetCommunity[];
  stations: StreetStation[];
  deputies: StreetDeputy[];
  categories: StreetCategory[];
}

export type PlanResult = { ok: true; plan: StreetPlan; warnings: ImportIssue[] } | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };

export function issue(sheet: string, row: number | undefined, message: string, column?: string): ImportIssue {
  const text = sheet ? `${sheet}表${row ? `第 ${row} 行` : ''}：${message}` : message;
  return { sheet, ...(row ? { row } : {}), ...(column ? { column } : {}), message, text };
}

const KIND_BY_LABEL: Record<string, StationKind> = {
  代表之家: 'home', 人大代表之家: 'home', 之家: 'home',
  代表活动站: 'station', 活动站: 'station', 代表站: 'station',
  代表联络点: 'contact_point', 联络点: 'contact_point',
};
export const KIND_LABEL: Record<StationKind, string> = { home: '代表之家', station: '代表活动站', contact_point: '代表联络点' };
const KIND_RANK: Record<StationKind, number> = { contact_point: 0, station: 1, home: 2 };
const TYPE_BY_LABEL: Record<string, 'community' | 'village'> = { 社区: 'community', 村: 'village', 行政村: 'village', 村委会: 'village' };
export const TYPE_LABEL: Record<'community' | 'village', string> = { community: '社区', village: '村' };
const YES = new Set(['是', 'Y', 'y', 'yes', 'YES', 'true', 'TRUE', '1', '√', '✓']);
const NO = new Set(['否', 'N', 'n', 'no', 'NO', 'false', 'FALSE', '0', '×', '✗']);
const PHONE = /^[0-9+\-() ]{5,20}$/;

export const splitList = (text: string): string[] => text.split(/[、,，;；/\s]+/).map((x) => x.trim()).filter(Boolean);

/** Codes and names of one sheet, for references from other sheets (either may be used). */
class Lookup {
  private readonly byKey = new Map<string, string>();
  add(code: string, name: string): void {
    this.byKey.set(code, code);
    if (!this.byKey.has(name)) this.byKey.set(name, code);
  }
  find(ref: string): string | undefined {
    return this.byKey.get(ref);
  }
}

/** Validate every row of every sheet and turn them into documents; nothing is half-accepted. */
export function planStreet(sheets: StreetSheets): PlanResult {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const spec = (k: SheetKey) => sheetSpec(k).name;
  const S = { communities: spec('communities'), stations: spec('stations'), deputies: spec('deputies'), categories: spec('categories') };

  for (const s of STREET_SHEETS) {
    const rows = sheets[s.key] ?? [];
    if (rows.length > MAX_ROWS) errors.push(issue(s.name, undefined, `最多 ${MAX_ROWS} 行，现有 ${rows.length} 行`));
  }

  /** Required cells, code format and unique codes/names; answers the rows that carry a usable code. */
  const basics = (key: SheetKey, nameColumn: string) => {
    const sheet = sheetSpec(key);
    const codes = new Map<string, number>();
    const names = new Map<string, number>();
    const lookup = new Lookup();
    const good: SheetRow[] = [];
    for (const r of sheets[key] ?? []) {
      let usable = true;
      for (const c of sheet.columns) {
        if (c.required && !(r.cells[c.key] ?? '').trim()) {
          errors.push(issue(sheet.name, r.row, `缺少${c.header}`, c.header));
          if (c.key === 'code' || c.key === nameColumn) usable = false;
        }
      }
      const code = (r.cells.code ?? '').trim();
      const name = (r.cells[nameColumn] ?? '').trim();
      if (code && !CODE.test(code)) {
        errors.push(issue(sheet.name, r.row, `编码「${code}」只能包含字母、数字、下划线或短横线（最多 64 个）`, '编码'));
        usable = false;
      }
      if (code && codes.has(code)) {
        errors.push(issue(sheet.name, r.row, `编码「${code}」与第 ${codes.get(code)} 行重复`, '编码'));
        usable = false;
      }
      if (name && names.has(name)) errors.push(issue(sheet.name, r.row, `「${name}」与第 ${names.get(name)} 行重名`, sheet.columns.find((c) => c.key === nameColumn)!.header));
      if (name.length > 40) errors.push(issue(sheet.name, r.row, '名称不能超过 40 个字', sheet.columns.find((c) => c.key === nameColumn)!.header));
      if (code && !codes.has(code)) codes.set(code, r.row);
      if (name && !names.has(name)) names.set(name, r.row);
      if (usable) {
        lookup.add(code, name);
        good.push(r);
      }
    }
    return { rows: good, lookup };
  };

  const cats = basics('categories', 'name');
  const comms = basics('communities', 'name');
  const stats = basics('stations', 'name');
  const deps = basics('deputies', 'name');

  const resolveList = (sheet: string, row: number, column: string, text: string, target: Lookup, targetSheet: string): string[] => {
    const out: string[] = [];
    for (const ref of splitList(text)) {
      const id = target.find(ref);
      if (!id) errors.push(issue(sheet, row, `${column}「${ref}」在${targetSheet}表中不存在（可填编码或名称；改过名称的话这里也要改）`, column));
      else if (!out.includes(id)) out.push(id);
    }
    return out;
  };

  const categories: StreetCategory[] = cats.rows.map((r, i) => {
    const raw = (r.cells.order ?? '').trim();
    let order = i + 1;
    if (raw) {
      if (!/^\d{1,3}$/.test(raw)) errors.push(issue(S.categories, r.row, `排序应为 0–999 的整数，而不是「${raw}」`, '排序'));
      else order = Number(raw);
    }
    return { _id: r.cells.code.trim(), name: r.cells.name.trim(), order };
  });
  if ((sheets.categories ?? []).length === 0) errors.push(issue(S.categories, undefined, '至少需要一个诉求类别'));

  const communityType = new Map<string, 'community' | 'village'>();
  for (const r of comms.rows) {
    const raw = (r.cells.type ?? '').trim();
    const type = TYPE_BY_LABEL[raw];
    if (raw && !type) errors.push(issue(S.communities, r.row, `类型应填“社区”或“村”，而不是「${raw}」`, '类型'));
    communityType.set(r.cells.code.trim(), type ?? 'community');
  }
  if ((sheets.communities ?? []).length === 0) errors.push(issue(S.communities, undefined, '至少需要一个社区或村'));

  const stations: StreetStation[] = [];
  const stationRow = new Map<string, number>();
  for (const r of stats.rows) {
    const code = r.cells.code.trim();
    const rawKind = (r.cells.kind ?? '').trim();
    const kind = KIND_BY_LABEL[rawKind];
    if (rawKind && !kind) errors.push(issue(S.stations, r.row, `类型应填“代表之家”“代表活动站”或“代表联络点”，而不是「${rawKind}」`, '类型'));
    const phone = (r.cells.phone ?? '').trim();
    if (phone && !PHONE.test(phone)) errors.push(issue(S.stations, r.row, `电话「${phone}」格式不正确`, '电话'));
    const address = (r.cells.address ?? '').trim();
    if (address.length > 100) errors.push(issue(S.stations, r.row, '地址不能超过 100 个字', '地址'));
    const communityIds = resolveList(S.stations, r.row, '覆盖社区', r.cells.communities ?? '', comms.lookup, S.communities);
    const parentRef = (r.cells.parent ?? '').trim();
    const parentId = parentRef ? stats.lookup.find(parentRef) : undefined;
    if (parentRef && !parentId) errors.push(issue(S.stations, r.row, `上级「${parentRef}」在站点表中不存在`, '上级'));
    const station: StreetStation = { _id: code, name: r.cells.name.trim(), kind: kind ?? 'station', ...(parentId ? { parentId } : {}), address, phone, communityIds };
    stationRow.set(code, r.row);
    stations.push(station);
  }
  const byStation = new Map(stations.map((s) => [s._id, s]));
  const homes = stations.filter((s) => s.kind === 'home');
  if (homes.length !== 1) errors.push(issue(S.stations, undefined, `需要且只能有一个代表之家，现有 ${homes.length} 个`));
  for (const s of stations) {
    const row = stationRow.get(s._id);
    if (s.kind === 'home') {
      if (s.parentId) errors.push(issue(S.stations, row, '代表之家不能有上级', '上级'));
      continue;
    }
    if (!s.parentId) {
      if (!errors.some((e) => e.sheet === S.stations && e.row === row && e.column === '上级')) errors.push(issue(S.stations, row, `缺少上级（${KIND_LABEL[s.kind]}要挂在${s.kind === 'station' ? '代表之家' : '代表活动站或代表之家'}下）`, '上级'));
      continue;
    }
    const parent = byStation.get(s.parentId);
    if (parent && KIND_RANK[parent.kind] <= KIND_RANK[s.kind]) errors.push(issue(S.stations, row, `上级「${parent.name}」是${KIND_LABEL[parent.kind]}，${KIND_LABEL[s.kind]}只能挂在更高一级下`, '上级'));
  }

  // Every community is covered by exactly one station or contact point.
  const coveredBy = new Map<string, string[]>();
  for (const s of stations) for (const c of s.communityIds) coveredBy.set(c, [...(coveredBy.get(c) ?? []), s._id]);
  const communities: StreetCommunity[] = [];
  for (const r of comms.rows) {
    const code = r.cells.code.trim();
    const name = r.cells.name.trim();
    const by = coveredBy.get(code) ?? [];
    if (by.length === 0) errors.push(issue(S.communities, r.row, `「${name}」没有站点覆盖（请在站点表的“覆盖社区”列填写）`));
    else if (by.length > 1) errors.push(issue(S.communities, r.row, `「${name}」被多个站点覆盖：${by.map((id) => byStation.get(id)?.name ?? id).join('、')}，只能保留一个`));
    communities.push({ _id: code, name, type: communityType.get(code) ?? 'community', stationId: by[0] ?? '' });
  }

  const deputies: StreetDeputy[] = [];
  const deputyRow = new Map<string, number>();
  for (const r of deps.rows) {
    const code = r.cells.code.trim();
    const stationRef = (r.cells.station ?? '').trim();
    const stationId = stationRef ? stats.lookup.find(stationRef) : undefined;
    if (stationRef && !stationId) errors.push(issue(S.deputies, r.row, `所属站点「${stationRef}」在站点表中不存在`, '所属站点'));
    const flag = (key: string, header: string): boolean => {
      const raw = (r.cells[key] ?? '').trim();
      if (!raw || YES.has(raw)) return true;
      if (NO.has(raw)) return false;
      errors.push(issue(S.deputies, r.row, `${header}应填“是”或“否”，而不是「${raw}」`, header));
      return true;
    };
    const level = (r.cells.level ?? '').trim();
    if (level.length > 20) errors.push(issue(S.deputies, r.row, '层级不能超过 20 个字', '层级'));
    const phone = (r.cells.phone ?? '').trim();
    if (phone && !PHONE.test(phone)) errors.push(issue(S.deputies, r.row, `手机「${phone}」格式不正确`, '手机'));
    const deputy: StreetDeputy = {
      _id: code,
      name: r.cells.name.trim(),
      stationId: stationId ?? '',
      communityIds: resolveList(S.deputies, r.row, '联系社区', r.cells.communities ?? '', comms.lookup, S.communities),
      specialties: resolveList(S.deputies, r.row, '专长类别', r.cells.specialties ?? '', cats.lookup, S.categories),
      level,
      deliberation: flag('deliberation', '参加票决'),
      active: flag('active', '在职'),
    };
    if (phone) deputy.phone = phone;
    deputyRow.set(code, r.row);
    deputies.push(deputy);
  }

  // Sound but incomplete networks import with warnings: such appeals go to staff triage.
  for (const p of validateNetwork({ stations, communities, deputies })) {
    const m = /^community (\S+) has no active deputy$/.exec(p);
    if (m) {
      const c = communities.find((x) => x._id === m[1]);
      const row = (sheets.communities ?? []).find((x) => x.cells.code?.trim() === m[1])?.row;
      warnings.push(issue(S.communities, row, `「${c?.name ?? m[1]}」暂无在职代表联系，居民诉求将交工作人员分派`));
    }
  }
  if (deputies.length === 0) warnings.push(issue(S.deputies, undefined, '名册中还没有代表，所有诉求将交工作人员分派'));

  if (errors.length > 0) return { ok: false, errors: sortIssues(errors), warnings };
  return { ok: true, plan: { communities, stations, deputies, categories }, warnings };
}

function sortIssues(list: ImportIssue[]): ImportIssue[] {
  const order = new Map(STREET_SHEETS.map((s, i) => [s.name, i]));
  return [...list].sort((a, b) => (order.get(a.sheet) ?? 9) - (order.get(b.sheet) ?? 9) || (a.row ?? 0) - (b.row ?? 0));
}

/**
 * The rows a network becomes in the spreadsheet (references written as names, as a clerk would):
 * the template is generated from the demo street this way, and exporting the current street too.
 */
export function sheetsFromPlan(plan: StreetPlan): StreetSheets {
  const communityName = new Map(plan.communities.map((c) => [c._id, c.name]));
  const stationName = new Map(plan.stations.map((s) => [s._id, s.name]));
  const categoryName = new Map(plan.categories.map((c) => [c._id, c.name]));
  const names = (ids: string[], map: Map<string, string>) => ids.map((id) => map.get(id) ?? id).join('、');
  const rows = <T>(items: T[], cells: (item: T) => Record<string, string>): SheetRow[] => items.map((item, i) => ({ row: i + 2, cells: cells(item) }));
  return {
    communities: rows(plan.communities, (c) => ({ code: c._id, name: c.name, type: TYPE_LABEL[c.type] })),
    stations: rows(plan.stations, (s) => ({ code: s._id, name: s.name, kind: KIND_LABEL[s.kind], parent: s.parentId ? (stationName.get(s.parentId) ?? s.parentId) : '', address: s.address, phone: s.phone, communities: names(s.communityIds, communityName) })),
    deputies: rows(plan.deputies, (d) => ({
      code: d._id, name: d.name, station: stationName.get(d.stationId) ?? d.stationId, communities: names(d.communityIds, communityName), specialties: names(d.specialties, categoryName),
      level: d.level, deliberation: d.deliberation ? '是' : '否', active: d.active ? '是' : '否', phone: d.phone ?? '',
    })),
    categories: rows([...plan.categories].sort((a, b) => a.order - b.order), (c) => ({ code: c._id, name: c.name, order: String(c.order) })),
  };
}
