/**
 * The street a test needs, looked up from `directory.*` (never a seeded id), or a new corner of it made the
 * way staff make one: export the street (street.exportStreet), add rows to the workbook, import it
 * (street.importStreet), and bind each new deputy's own WeChat account (inviteDeputy → bindDeputy).
 */
import type { RunningRuntime } from '../support/runtime';
import { dbAll } from '../support/console';
import { uploadToStorage } from '../support/storage';
import { uniqueTag } from './ids';
import { bindNewAccount, boundDeputies, READER, staffMember, type DeputyAccount } from './people';

export interface Community { _id: string; name: string; stationId: string }
export interface Station { _id: string; name: string; kind: 'home' | 'station' | 'contact_point'; communityIds: string[]; address: string }
export interface Category { _id: string; name: string }
export interface RosterEntry { _id: string; name: string; stationId: string; communityIds: string[]; specialties: string[] }

export interface StreetDirectory {
  communities: Community[];
  stations: Station[];
  deputies: RosterEntry[];
  categories: Category[];
  community(id: string): Community;
  station(id: string): Station;
  category(id: string): Category;
}

/** What any resident reads from `directory.*`. */
export async function directory(rt: RunningRuntime): Promise<StreetDirectory> {
  const [communities, stations, deputies, categories] = await Promise.all(
    (['communities', 'stations', 'deputies', 'categories'] as const).map((action) => rt.ok('directory', { action }, READER)),
  );
  const find = <T extends { _id: string }>(list: T[], what: string) => (id: string): T => {
    const hit = list.find((x) => x._id === id);
    if (!hit) throw new Error(`no ${what} ${id} in the directory`);
    return hit;
  };
  return { communities, stations, deputies, categories, community: find(communities, 'community'), station: find(stations, 'station'), category: find(categories, 'category') };
}

/** Where an appeal goes to one deputy for sure: a community whose roster has exactly one bound deputy with the category as a specialty. */
export interface SpecialistCase { community: Community; category: Category; deputy: DeputyAccount; street: StreetDirectory }

/** Options: the kind of station serving the community, the category, and at least `minRoster` bound deputies on its roster. */
export async function specialistCase(rt: RunningRuntime, opts: { servedBy?: Station['kind']; category?: string; minRoster?: number } = {}): Promise<SpecialistCase> {
  const [street, bound] = await Promise.all([directory(rt), boundDeputies(rt)]);
  for (const community of street.communities) {
    if (opts.servedBy && street.stations.find((s) => s._id === community.stationId)?.kind !== opts.servedBy) continue;
    const roster = bound.filter((d) => d.communityIds.includes(community._id));
    if (roster.length < (opts.minRoster ?? 1)) continue;
    for (const category of street.categories) {
      if (opts.category && category._id !== opts.category) continue;
      const specialists = roster.filter((d) => d.specialties.includes(category._id));
      if (specialists.length === 1) return { community, category, deputy: specialists[0], street };
    }
  }
  throw new Error(`no community with exactly one specialist deputy (${JSON.stringify(opts)})`);
}

/**
 * The names of the rungs an overdue appeal of this community climbs, one a working day: the stations
 * above its own station or contact point, up to the deputies' home, then staff (街道人大工委). The parents
 * are read from the console (the directory does not publish them).
 */
export async function escalationNames(rt: RunningRuntime, communityId: string): Promise<string[]> {
  const stations = await dbAll(rt, 'stations');
  const byId = new Map(stations.map((s) => [s._id as string, s]));
  const community = (await directory(rt)).community(communityId);
  const names: string[] = [];
  for (let s = byId.get(byId.get(community.stationId)?.parentId); s; s = byId.get(s.parentId)) names.push(s.name);
  return [...names, '街道人大工委'];
}

/** A new roster entry: specialties are category ids (default: the first category of the directory). */
export interface DeputySpec { specialties?: string[]; deliberation?: boolean; name?: string }
export interface NewCorner { community: Community; contactPoint: Station; parentStation: Station; deputies: DeputyAccount[]; street: StreetDirectory }

/**
 * A new community with a contact point of its own under an existing station, and the deputies given
 * (none: its appeals go to staff triage), each bound to a new WeChat account. Nobody else's roster covers
 * it, so its appeals, points and pushes are the test's alone.
 */
export async function newCommunity(rt: RunningRuntime, opts: { deputies?: DeputySpec[]; staff?: string } = {}): Promise<NewCorner> {
  const staff = opts.staff ?? (await staffMember(rt));
  const before = await directory(rt);
  const parentStation = before.stations.find((s) => s.kind === 'station');
  if (!parentStation) throw new Error('the street has no station to hang a contact point under');
  const tag = uniqueTag();
  const code = { community: `c-${tag}`, contactPoint: `cp-${tag}` };
  const name = { community: `新社区${tag}`, contactPoint: `新社区${tag}联络点` };
  const specs = opts.deputies ?? [];
  const deputyCodes = specs.map((_, i) => `d-${tag}-${i}`);

  const exported = await rt.ok<{ url: string }>('street', { action: 'exportStreet' }, staff);
  const { default: Workbook } = await import('exceljs/lib/doc/workbook');
  const book = new Workbook();
  await book.xlsx.load((await (await fetch(exported.url)).arrayBuffer()) as ArrayBuffer);
  const append = (sheet: string, cells: Record<string, string>) => {
    const ws = book.getWorksheet(sheet);
    if (!ws) throw new Error(`the export has no sheet ${sheet}`);
    const columns = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => columns.set(String(cell.value), col));
    const row = ws.getRow(ws.rowCount + 1);
    for (const [header, value] of Object.entries(cells)) {
      const col = columns.get(header);
      if (!col) throw new Error(`sheet ${sheet} has no column ${header}`);
      row.getCell(col).value = value;
    }
  };
  append('社区', { 编码: code.community, 名称: name.community, 类型: '社区' });
  append('站点', { 编码: code.contactPoint, 名称: name.contactPoint, 类型: '代表联络点', 上级: parentStation._id, 地址: `${name.community}党群服务站`, 覆盖社区: code.community });
  specs.forEach((spec, i) =>
    append('代表', {
      编码: deputyCodes[i],
      姓名: spec.name ?? `代表${tag}${i}`,
      所属站点: parentStation._id,
      联系社区: code.community,
      专长类别: (spec.specialties ?? [before.categories[0]._id]).join('、'),
      层级: '街道选区人大代表',
      参加票决: spec.deliberation === false ? '否' : '是',
      在职: '是',
    }),
  );
  const fileId = await uploadToStorage(rt, `street/factory-${tag}.xlsx`, Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer));
  const report = await rt.ok<{ imported: boolean; errors: { text: string }[] }>('street', { action: 'importStreet', fileId }, staff);
  if (!report.imported) throw new Error(`the street import refused the new community: ${report.errors.map((e) => e.text).join('; ')}`);

  const deputies: DeputyAccount[] = [];
  for (const id of deputyCodes) deputies.push(await bindNewAccount(rt, id, { staff }));
  const street = await directory(rt);
  return { community: street.community(code.community), contactPoint: street.station(code.contactPoint), parentStation, deputies, street };
}

/** One new deputy in a new community of their own (specialty: the first category unless given): a clean record, an empty queue, no credits. */
export async function newDeputy(rt: RunningRuntime, spec: DeputySpec = {}): Promise<DeputyAccount & { community: Community }> {
  const corner = await newCommunity(rt, { deputies: [spec] });
  return { ...corner.deputies[0], community: corner.community };
}

/** A roster entry no WeChat account is bound to yet (a new street's deputies, before they bind): deputies' home entries first. */
export async function unboundDeputy(rt: RunningRuntime): Promise<RosterEntry> {
  const [street, bound] = await Promise.all([directory(rt), boundDeputies(rt)]);
  const free = street.deputies.filter((d) => !bound.some((b) => b.deputyId === d._id));
  const pick = free.find((d) => d.communityIds.length === 0) ?? free[free.length - 1];
  if (!pick) throw new Error('every deputy has bound an account');
  return pick;
}

/**
 * A community none of whose roster deputies has bound an account yet, one of those deputies and a category
 * of theirs: once that deputy binds, the community's appeals of that category reach them and nobody else.
 */
export async function unboundCorner(rt: RunningRuntime): Promise<{ community: Community; deputy: RosterEntry; category: Category; street: StreetDirectory }> {
  const [street, bound] = await Promise.all([directory(rt), boundDeputies(rt)]);
  for (const community of street.communities) {
    const roster = street.deputies.filter((d) => d.communityIds.includes(community._id));
    const deputy = roster.find((d) => d.specialties.length > 0);
    if (deputy && roster.every((d) => !bound.some((b) => b.deputyId === d._id))) return { community, deputy, category: street.category(deputy.specialties[0]), street };
  }
  throw new Error('no community whose roster is still unbound');
}
