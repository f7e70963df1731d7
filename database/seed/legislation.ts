/**
 * 基层立法联系点 seed, generated deterministically: the N units of "1+17+N", last year's 11 drafts of the
 * 市/区人大常委会 on which the street collected opinions (170 submitted; 5 fully and 7 partly adopted; the
 * answers on the last two not back yet), and this year's draft out for comment (draft-dogs).
 */
import { addDays, fromChinaWallClock } from '../../domain/time';
import type { Adoption } from '../../domain/legislation/adoption';
import type { UnitKind } from '../../domain/legislation/points';
import { deputies, stations, users } from './street';

export const CITY_CONGRESS = '清江市人大常委会';
export const DISTRICT_CONGRESS = '临湖区人大常委会';

export const liaisonUnits: { _id: string; name: string; unitKind: UnitKind }[] = [
  { _id: 'u01', name: '清河科技园企业联合会', unitKind: 'enterprise' },
  { _id: 'u02', name: '清江纺织集团有限公司', unitKind: 'enterprise' },
  { _id: 'u03', name: '临湖区人民法院清河人民法庭', unitKind: 'court' },
  { _id: 'u04', name: '清河司法所', unitKind: 'judicial_office' },
  { _id: 'u05', name: '临湖公安分局清河派出所', unitKind: 'police_station' },
  { _id: 'u06', name: '浙清律师事务所', unitKind: 'law_firm' },
  { _id: 'u07', name: '明理律师事务所', unitKind: 'law_firm' },
  { _id: 'u08', name: '清河街道商会', unitKind: 'other' },
];

/** This year's draft out for comment, from the city congress. */
export const draft = {
  _id: 'draft-dogs',
  title: '清江市文明养犬管理条例（草案征求意见稿）',
  issuingBody: CITY_CONGRESS,
  summary: '清江市人大常委会将《清江市文明养犬管理条例（草案）》交基层立法联系点征求意见，清河街道联系点现向居民和联系单位征集意见建议。',
  sections: [
    { _id: 's1', title: '第一条 登记', text: '在本市饲养犬只的，应当在取得犬只后30日内办理登记，并按规定为犬只接种狂犬病疫苗。' },
    { _id: 's2', title: '第二条 出户', text: '携犬出户应当束犬链（绳）、由具有完全民事行为能力的人牵领，主动避让老人、残疾人、孕妇和儿童。' },
    { _id: 's3', title: '第三条 粪便', text: '携犬出户应当随身携带清理用具，即时清除犬只粪便。' },
    { _id: 's4', title: '第四条 大型犬', text: '重点管理区内禁止饲养烈性犬、大型犬；已饲养的，应当在本条例施行后90日内妥善处置。' },
    { _id: 's5', title: '第五条 投诉处理', text: '对不文明养犬行为，可以向所在社区或者公安机关投诉，接到投诉的单位应当在5个工作日内处理并答复。' },
  ],
};

const PAST: [string, string, string[]][] = [
  ['清江市物业管理条例（修订草案）', CITY_CONGRESS, ['业主大会', '物业服务', '维修资金', '前期物业']],
  ['清江市生活垃圾分类管理条例（草案）', CITY_CONGRESS, ['分类标准', '投放管理', '收运处置', '监督考核']],
  ['清江市电动自行车管理条例（草案）', CITY_CONGRESS, ['登记上牌', '停放充电', '通行规范']],
  ['清江市养老服务条例（草案）', CITY_CONGRESS, ['居家养老', '社区养老', '机构养老', '医养结合', '保障措施']],
  ['临湖区河道保护管理办法（草案）', DISTRICT_CONGRESS, ['河长职责', '岸线管理', '污染防治']],
  ['清江市预防未成年人犯罪条例（草案）', CITY_CONGRESS, ['家庭责任', '学校教育', '社会预防', '司法保护']],
  ['清江市历史文化街区保护条例（草案）', CITY_CONGRESS, ['保护规划', '修缮利用', '法律责任']],
  ['临湖区农贸市场管理办法（草案）', DISTRICT_CONGRESS, ['市场设置', '经营规范', '环境卫生']],
  ['清江市公共文明行为促进条例（草案）', CITY_CONGRESS, ['公共场所', '交通出行', '社区生活', '激励措施']],
  ['清江市多元化解纠纷条例（草案）', CITY_CONGRESS, ['人民调解', '行政调解', '诉调对接', '保障监督']],
  ['临湖区校外培训机构管理办法（草案）', DISTRICT_CONGRESS, ['设立审批', '收费管理', '安全管理']],
];

/** Opinions per past draft (170 in all). */
const COUNTS = [22, 18, 15, 20, 12, 16, 14, 17, 13, 11, 12];
/** Which opinions the higher congress adopted (index in the year's list): 5 fully, 7 partly. */
const FULLY = new Set([3, 41, 77, 102, 131]);
const PARTLY = new Set([9, 28, 55, 66, 88, 115, 140]);
/** The answers on the last two drafts are not back yet. */
const ANSWERED_DRAFTS = 9;

const OPINION_TEXT = [
  '建议明确{a}的责任主体，避免多头管理、互相推诿。',
  '{a}部分建议增加对老年人和残疾人的便利措施。',
  '建议{a}的处罚标准分档设置，首次违反以教育为主。',
  '{a}中“及时”一词建议改为具体的期限，便于执行和监督。',
  '建议在{a}中增加社区和居民委员会的参与方式。',
  '{a}相关条款与现行上位法的表述不一致，建议统一。',
  '建议{a}增加信息公开的要求，方便群众查询。',
  '{a}的费用标准建议由政府定期公布并听取意见。',
];

const REASONS: Record<Exclude<Adoption, 'pending'>, string[]> = {
  adopted: ['修改稿已按此意见修改相关条款。', '已吸收该意见，增加了相应规定。'],
  partially_adopted: ['部分吸收，相关内容已在配套文件中细化。', '已调整表述，具体标准由政府另行规定。'],
  not_adopted: ['上位法已有规定，条例不再重复。', '该事项属于执行层面，将转有关部门研究。', '经研究，暂不宜在条例中作统一规定。'],
};

/** A small deterministic sequence (no Math.random): the same seed gives the same street. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

export interface SeedOpinion {
  _id: string; draftId: string; sectionId: string | null; content: string; authorOpenid: string | null; contributorName: string | null; channel: 'online' | 'offline';
  collectedBy: string | null; pointId: string; pointKind: 'home' | 'station' | 'contact_point' | 'unit'; pointName: string; communityId: string | null;
  visible: true; contentCheck: 'pass'; adoption: Adoption; adoptionReason: string | null; decidedAt: Date | null; submitted: true; submissionId: string; submittedAt: Date; createdAt: Date;
}

/** Last year's drafts, their opinions and submissions, dated in the China year before `at`'s. */
export function pastLegislation(year: number) {
  const next = sequence(20260101);
  const points = [
    ...stations.map((s) => ({ _id: s._id, name: s.name, kind: s.kind })),
    ...liaisonUnits.map((u) => ({ _id: u._id, name: u.name, kind: 'unit' as const })),
  ];
  const residents = users.filter((u) => u.role === 'resident');
  const drafts = [];
  const opinions: SeedOpinion[] = [];
  const submissions = [];
  let n = 0;
  for (let i = 0; i < PAST.length; i++) {
    const [title, issuingBody, chapters] = PAST[i];
    const draftId = `draft-${year}-${String(i + 1).padStart(2, '0')}`;
    const opensAt = fromChinaWallClock(`${year}-${String(1 + i).padStart(2, '0')}-05`, '09:00')!;
    const closesAt = addDays(opensAt, 20);
    const submittedAt = addDays(closesAt, 3);
    const answeredAt = addDays(submittedAt, 40);
    const sections = chapters.map((c, k) => ({ _id: `s${k + 1}`, title: `第${'一二三四五六'[k]}章 ${c}`, text: `${title}第${'一二三四五六'[k]}章“${c}”的条文。` }));
    drafts.push({ _id: draftId, title, issuingBody, summary: `${issuingBody}将《${title}》交基层立法联系点征求意见。`, sections, opensAt, closesAt, submittedAt, submissionId: draftId, createdAt: opensAt });
    const answered = i < ANSWERED_DRAFTS;
    const mine: SeedOpinion[] = [];
    for (let k = 0; k < COUNTS[i]; k++, n++) {
      const point = points[Math.floor(next() * points.length)];
      const section = k % 5 === 4 ? null : sections[Math.floor(next() * sections.length)];
      const offline = point.kind === 'unit' || next() < 0.4;
      const resident = residents[Math.floor(next() * residents.length)];
      const collector = deputies[Math.floor(next() * deputies.length)];
      const adoption: Adoption = !answered ? 'pending' : FULLY.has(n) ? 'adopted' : PARTLY.has(n) ? 'partially_adopted' : 'not_adopted';
      const reasons = adoption === 'pending' ? [] : REASONS[adoption];
      mine.push({
        _id: `op-${year}-${String(n + 1).padStart(3, '0')}`, draftId, sectionId: section?._id ?? null,
        content: OPINION_TEXT[Math.floor(next() * OPINION_TEXT.length)].replace('{a}', section ? section.title.split(' ')[1] : '总则'),
        authorOpenid: offline ? null : resident.openid, contributorName: offline ? (point.kind === 'unit' ? point.name : '座谈会参会居民') : null,
        channel: offline ? 'offline' : 'online', collectedBy: offline ? collector.openid : null,
        pointId: point._id, pointKind: point.kind, pointName: point.name, communityId: offline ? null : (resident.communityId ?? null),
        visible: true, contentCheck: 'pass', adoption, adoptionReason: reasons.length ? reasons[Math.floor(next() * reasons.length)] : null, decidedAt: answered ? answeredAt : null,
        submitted: true, submissionId: draftId, submittedAt, createdAt: addDays(opensAt, Math.floor(next() * 19)),
      });
    }
    opinions.push(...mine);
    submissions.push({ _id: draftId, draftId, title, issuingBody, total: mine.length, createdBy: 'seed', createdAt: submittedAt, fileId: null });
  }
  return { drafts, opinions, submissions };
}
