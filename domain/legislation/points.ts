/**
 * 基层立法联系点 "1+17+N": the deputies' home (1), the community stations and contact points (17) and N units
 * (enterprises, the people's court, judicial office, police station, law firms) through which the street
 * collects opinions on a higher congress's draft. Every opinion records the point it came through.
 */
export const UNIT_KINDS = ['enterprise', 'court', 'judicial_office', 'police_station', 'law_firm', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  enterprise: '企业',
  court: '人民法庭',
  judicial_office: '司法所',
  police_station: '派出所',
  law_firm: '律师事务所',
  other: '其他单位',
};

export type PointKind = 'home' | 'station' | 'contact_point' | 'unit';

export const POINT_GROUP_LABELS: Record<PointKind, string> = {
  home: '代表之家',
  station: '社区站点',
  contact_point: '社区站点',
  unit: '联系单位',
};

export interface LiaisonPoint {
  _id: string;
  name: string;
  kind: PointKind;
  /** For units: what kind of unit. */
  unitKind?: UnitKind;
  /** 代表之家 / 社区站点 / 联系单位, as the "1+17+N" reads. */
  group: string;
}

/** Opinions sent in the mini-program without naming a point. */
export const ONLINE_POINT = { _id: 'online', name: '线上（小程序）', kind: 'online' as const };

interface StationLike { _id: string; name: string; kind: 'home' | 'station' | 'contact_point' }
interface UnitLike { _id: string; name: string; unitKind: UnitKind }

/** The home first, then the stations and contact points, then the units (each in the order given). */
export function liaisonPoints(stations: readonly StationLike[], units: readonly UnitLike[]): LiaisonPoint[] {
  const rank = { home: 0, station: 1, contact_point: 1 } as const;
  const fromStations = [...stations].sort((a, b) => rank[a.kind] - rank[b.kind] || a._id.localeCompare(b._id)).map((s) => ({ _id: s._id, name: s.name, kind: s.kind, group: POINT_GROUP_LABELS[s.kind] }));
  return [...fromStations, ...units.map((u) => ({ _id: u._id, name: u.name, kind: 'unit' as const, unitKind: u.unitKind, group: POINT_GROUP_LABELS.unit }))];
}

/** "1+17+N" as counted from the points. */
export function pointFormula(points: readonly LiaisonPoint[]): string {
  const homes = points.filter((p) => p.kind === 'home').length;
  const local = points.filter((p) => p.kind === 'station' || p.kind === 'contact_point').length;
  const units = points.filter((p) => p.kind === 'unit').length;
  return `${homes}+${local}+${units}`;
}
