/** Fictional but realistic seed: 清河街道 — 1 deputies' home, 6 stations, 11 contact points, 17 communities. */
import type { Role } from '../../domain/roles';
import type { StationKind } from '../../domain/network';
import type { StreetPlan } from '../../domain/street';

export interface SeedStation { _id: string; name: string; kind: StationKind; parentId?: string; address: string; phone: string; communityIds: string[] }
export interface SeedCommunity { _id: string; name: string; type: 'community' | 'village'; stationId: string }
export interface SeedDeputy { _id: string; name: string; openid: string; stationId: string; communityIds: string[]; specialties: string[]; level: string; deliberation: boolean; active: boolean }
export interface SeedUser { openid: string; role: Role; name: string; deputyId?: string; communityId?: string; seeded: true }

export const categories = [
  { _id: 'housing', name: '住房物业', order: 1 },
  { _id: 'traffic', name: '交通出行', order: 2 },
  { _id: 'environment', name: '环境卫生', order: 3 },
  { _id: 'elderly', name: '养老助残', order: 4 },
  { _id: 'education', name: '教育文化', order: 5 },
  { _id: 'health', name: '医疗卫生', order: 6 },
  { _id: 'safety', name: '平安建设', order: 7 },
  { _id: 'employment', name: '就业社保', order: 8 },
  { _id: 'infrastructure', name: '市政设施', order: 9 },
  { _id: 'other', name: '其他', order: 10 },
];

const stationDefs: [string, string, string][] = [
  ['st1', '青石代表活动站', '青石路88号青石社区党群服务中心二楼'],
  ['st2', '柳岸代表活动站', '柳岸街12号柳岸社区综合楼'],
  ['st3', '桃园代表活动站', '桃园村村委会一楼'],
  ['st4', '东湖代表活动站', '东湖大道301号东湖社区服务站'],
  ['st5', '南塘代表活动站', '南塘村文化礼堂'],
  ['st6', '新城代表活动站', '新城路56号新城社区邻里中心'],
];

const communityDefs: [string, string, 'community' | 'village'][] = [
  ['c01', '青石社区', 'community'], ['c02', '柳岸社区', 'community'], ['c03', '桃园村', 'village'],
  ['c04', '东湖社区', 'community'], ['c05', '南塘村', 'village'], ['c06', '新城社区', 'community'],
  ['c07', '石桥社区', 'community'], ['c08', '杏花村', 'village'], ['c09', '河西社区', 'community'],
  ['c10', '梅林社区', 'community'], ['c11', '李家村', 'village'], ['c12', '湖滨社区', 'community'],
  ['c13', '望江社区', 'community'], ['c14', '荷塘村', 'village'], ['c15', '枫桥社区', 'community'],
  ['c16', '锦绣社区', 'community'], ['c17', '春晖社区', 'community'],
];

// Contact point → parent station; contact point cpNN serves community c(06+NN).
const contactPointParents = ['st1', 'st1', 'st2', 'st2', 'st3', 'st3', 'st4', 'st4', 'st5', 'st5', 'st6'];

export const communities: SeedCommunity[] = communityDefs.map(([_id, name, type], i) => ({
  _id,
  name,
  type,
  stationId: i < 6 ? `st${i + 1}` : `cp${String(i - 5).padStart(2, '0')}`,
}));

const servedBy = (stationId: string) => communities.filter((c) => c.stationId === stationId).map((c) => c._id);

export const stations: SeedStation[] = [
  { _id: 'home', name: '清河街道人大代表之家', kind: 'home', address: '清河大道100号街道办事处三楼', phone: '0571-88000100', communityIds: [] },
  ...stationDefs.map(([_id, name, address]) => ({ _id, name, kind: 'station' as const, parentId: 'home', address, phone: '0571-8800011' + _id.slice(2), communityIds: servedBy(_id) })),
  ...contactPointParents.map((parentId, i) => {
    const _id = `cp${String(i + 1).padStart(2, '0')}`;
    const community = communityDefs[i + 6];
    return { _id, name: `${community[1]}代表联络点`, kind: 'contact_point' as const, parentId, address: `${community[1]}党群服务站`, phone: `0571-880002${String(i + 1).padStart(2, '0')}`, communityIds: servedBy(_id) };
  }),
];

/** Every community a station's roster covers: its own and those of its contact points. */
const rosterCommunities = (stationId: string) => [
  ...servedBy(stationId),
  ...stations.filter((s) => s.parentId === stationId).flatMap((s) => servedBy(s._id)),
];

const deputyDefs: [string, string, string, string[]][] = [
  ['d01', '王建国', 'st1', ['housing', 'infrastructure']], ['d02', '陈秀英', 'st1', ['elderly', 'health']],
  ['d03', '李志强', 'st2', ['traffic', 'safety']], ['d04', '张丽华', 'st2', ['education', 'employment']],
  ['d05', '刘德明', 'st3', ['environment', 'infrastructure']], ['d06', '赵桂芳', 'st3', ['elderly', 'housing']],
  ['d07', '孙国平', 'st4', ['traffic', 'infrastructure']], ['d08', '周晓燕', 'st4', ['health', 'education']],
  ['d09', '吴海林', 'st5', ['environment', 'employment']], ['d10', '郑春梅', 'st5', ['elderly', 'safety']],
  ['d11', '冯志刚', 'st6', ['housing', 'traffic']], ['d12', '何淑珍', 'st6', ['education', 'health']],
  ['d13', '许文博', 'home', ['employment', 'other']], ['d14', '沈玉兰', 'home', ['safety', 'other']],
];

export const deputies: SeedDeputy[] = deputyDefs.map(([_id, name, stationId, specialties]) => ({
  _id,
  name,
  openid: `dev_deputy_${_id}`,
  stationId,
  communityIds: stationId === 'home' ? [] : rosterCommunities(stationId),
  specialties,
  level: stationId === 'home' ? '区人大代表' : '街道选区人大代表',
  deliberation: _id !== 'd14', // d14 is not on this year's deliberation roster
  active: true,
}));

/** The demo street's network as an import would produce it (no WeChat accounts: those come from binding). */
export function demoStreetPlan(): StreetPlan {
  return { communities, stations, deputies: deputies.map(({ openid: _o, ...d }) => d), categories };
}

export const users: SeedUser[] = [
  { openid: 'dev_resident_1', role: 'resident', name: '林小雨', communityId: 'c01', seeded: true },
  { openid: 'dev_resident_2', role: 'resident', name: '高大伟', communityId: 'c07', seeded: true },
  { openid: 'dev_resident_3', role: 'resident', name: '马春兰', communityId: 'c03', seeded: true },
  { openid: 'dev_resident_4', role: 'resident', name: '罗志军', communityId: 'c12', seeded: true },
  ...deputies.map((d) => ({ openid: d.openid, role: 'deputy' as const, name: d.name, deputyId: d._id, seeded: true as const })),
  { openid: 'dev_staff_1', role: 'staff', name: '黄敏（街道人大工委）', seeded: true },
  { openid: 'dev_staff_2', role: 'staff', name: '钱磊（街道人大工委）', seeded: true },
];

/** Candidate practical livelihood projects (民生实事候选项目) for the seeded ballots; cost in yuan. */
export const projects = [
  { _id: 'p01', title: '老旧小区加装电梯', summary: '为青石、柳岸两个社区6幢多层住宅加装电梯，解决老人上下楼难。', cost: 3_600_000, communityId: 'c01' },
  { _id: 'p02', title: '社区食堂（长者助餐点）', summary: '在东湖社区新建一处长者助餐点，覆盖周边3个社区约800名老人。', cost: 850_000, communityId: 'c04' },
  { _id: 'p03', title: '南塘村道路硬化与路灯', summary: '硬化南塘村主干道2.4公里并安装太阳能路灯120盏。', cost: 2_100_000, communityId: 'c05' },
  { _id: 'p04', title: '新城社区口袋公园', summary: '利用闲置地块建设约1500平方米口袋公园，配置健身器材和儿童游乐设施。', cost: 1_200_000, communityId: 'c06' },
  { _id: 'p05', title: '电动自行车集中充电棚', summary: '在8个小区建设电动自行车集中充电棚，消除飞线充电安全隐患。', cost: 640_000 },
  { _id: 'p06', title: '桃园村生活污水治理', summary: '完善桃园村污水管网，新建一体化处理设施，解决生活污水直排问题。', cost: 2_800_000, communityId: 'c03' },
  { _id: 'p07', title: '中小学放学托管服务', summary: '与辖区2所小学合作开设课后托管，减轻双职工家庭接送负担。', cost: 420_000 },
  { _id: 'p08', title: '街道智慧停车改造', summary: '改造锦绣、春晖社区周边道路停车位，新增错时共享车位300个。', cost: 1_500_000, communityId: 'c16' },
  { _id: 'p09', title: '河西社区卫生服务站升级', summary: '扩建河西社区卫生服务站，增设康复理疗室和家庭医生工作室。', cost: 980_000, communityId: 'c09' },
];

/** 代表常在: each station's opening hours, location and a line about it (the phone comes with the station). */
export const stationProfiles = stations.map((s, i) => ({
  _id: s._id,
  hours: s.kind === 'contact_point' ? '每周二、周四 14:00-17:00' : '周一至周五 9:00-12:00，14:00-17:30',
  intro: s.kind === 'home' ? '街道人大代表之家，代表集中接待、议事和培训的地方。' : `${s.name}，代表定期在此接待群众、听取意见。`,
  location: { latitude: 30.27 + i * 0.004, longitude: 120.15 + i * 0.003 },
}));

/**
 * The reception roster (接待日) by weekday: [station, deputy, weekday 0–6, half]. Each station's first deputy
 * also receives every day the seed covers from today, so the demo home page always shows 今天在站的代表.
 */
export const receptionPattern: [string, string, number, 'am' | 'pm'][] = [
  ['st1', 'd01', 2, 'am'], ['st1', 'd02', 4, 'pm'], ['st2', 'd03', 2, 'pm'], ['st2', 'd04', 5, 'am'],
  ['st3', 'd05', 3, 'am'], ['st3', 'd06', 1, 'pm'], ['st4', 'd07', 1, 'am'], ['st4', 'd08', 4, 'am'],
  ['st5', 'd09', 3, 'pm'], ['st5', 'd10', 5, 'pm'], ['st6', 'd11', 2, 'am'], ['st6', 'd12', 4, 'pm'],
  ['home', 'd13', 3, 'am'], ['home', 'd14', 5, 'am'],
];

/** One upcoming activity (专题调研) three days after seeding, with its invited deputies. */
export const upcomingActivity = { _id: 'act-seed-research', kind: 'research', title: '老旧小区加装电梯专题调研', place: '青石社区党群服务中心二楼会议室', stationId: 'st1', capacity: 10, deputyIds: ['d01', 'd02', 'd13'], inDays: 3, time: '09:30', hours: 2 };
