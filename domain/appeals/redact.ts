/**
 * What the public echo wall must never show, even when a resident (or a deputy) typed it into the text:
 * phone numbers in any separator style, ID numbers, e-mail, WeChat/QQ ids, plates, house and room numbers,
 * and names — the ones we know (contact name, nickname) and the ones a text introduces (我叫…, 我是…, 姓…,
 * a surname with a form of address such as 王师傅). Over-hiding is preferred to leaking.
 */
export const MASKS = {
  id: '[身份证号已隐藏]',
  phone: '[手机号已隐藏]',
  tel: '[电话已隐藏]',
  mail: '[邮箱已隐藏]',
  contact: '[联系方式已隐藏]',
  plate: '[车牌已隐藏]',
  room: '[门牌已隐藏]',
  name: '[姓名已隐藏]',
} as const;

/** A digit, half or full width. */
const D = '[0-9０-９]';
const NOT_D = '(?<![0-9０-９])';
const END_D = '(?![0-9０-９])';
/** One optional separator between digits: spaces (incl. ideographic), dots, hyphens, dashes. */
const SEP = '[\\s\\u3000.\\-‐‑–—－·]?';
const digits = (n: number) => `(?:${SEP}${D}){${n}}`;

/** Common single-character surnames; prepositions and conjunctions that double as rare surnames are left out. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池乔査麻苑迟邝';
const COMPOUND = '欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|令狐|夏侯|端木|轩辕|独孤|南宫|西门|百里|呼延|万俟|申屠|闻人|澹台|公冶|宗政|濮阳|太史|仲孙|钟离|赫连|第五';
const SINGLE = `[${SURNAMES}]`;
const SURNAME = `(?:${COMPOUND}|${SINGLE})`;
const HAN = '[\\u4e00-\\u9fa5]';
/** Forms of address that follow a surname: 王师傅, 林女士, 张阿姨. */
const ADDRESS = '(?:先生|女士|小姐|阿姨|大爷|大妈|大娘|奶奶|爷爷|师傅|老师|大哥|大姐|叔叔|阿婆|阿公|婆婆|伯伯|经理|主任)';

type Rule = [RegExp, string];

const RULES: Rule[] = [
  // Contact ids introduced as such (before the numbers: a QQ number is not a phone).
  [new RegExp(`((?:微信号?|vx|VX|Vx|wx|WX|QQ号?|qq号?|Q号)[:：]?\\s*)[A-Za-z0-9_\\-]{5,20}(?![A-Za-z0-9_])`, 'g'), `$1${MASKS.contact}`],
  [/[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, MASKS.mail],
  // 18-digit ID (last may be X), any single separators between digits; then the old 15-digit form.
  [new RegExp(`${NOT_D}[1-9１-９]${digits(16)}${SEP}[0-9０-９Xx](?![0-9０-９A-Za-z])`, 'g'), MASKS.id],
  [new RegExp(`${NOT_D}[1-9１-９]${D}{14}${END_D}`, 'g'), MASKS.id],
  // Mobile: optional +86 / 0086 / 86, then 1[3-9] and nine more digits, separators anywhere.
  [new RegExp(`${NOT_D}(?:(?:[+＋]|00)?86${SEP})?[1１][3-9３-９]${digits(9)}${END_D}`, 'g'), MASKS.phone],
  // Landline: (0571)88001234, 0571-8800-1234, 021 6543 2100.
  [new RegExp(`${NOT_D}(?:[(（]0${D}{2,3}[)）]|0${D}{2,3})${SEP}${D}{3,4}${SEP}${D}{4}${END_D}`, 'g'), MASKS.tel],
  // Any longer number given as a phone: 电话 8888 6666.
  [new RegExp(`((?:电话|手机|座机|号码|联系方式|tel|Tel|TEL)[:：]?\\s*)${D}${digits(5)}(?:${SEP}${D})*${END_D}`, 'g'), `$1${MASKS.tel}`],
  [/[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·•\s]?[A-Z0-9]{5,6}(?![A-Za-z0-9])/g, MASKS.plate],
  // House and room: 5栋301, 3号楼2单元502室, B座1203, 七栋502, 3-2-502, 502室.
  [new RegExp(`(?:${NOT_D}${D}{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})\\s*(?:栋|幢|号楼|座)\\s*(?:${D}{1,2}\\s*单元\\s*)?(?:${D}{1,2}\\s*[楼层]\\s*)?${D}{2,4}\\s*(?:室|号|房)?`, 'g'), MASKS.room],
  [new RegExp(`${NOT_D}${D}{1,3}-${D}{1,2}-${D}{3,4}${END_D}`, 'g'), MASKS.room],
  [new RegExp(`${NOT_D}${D}{3,4}\\s*(?:室|房)`, 'g'), MASKS.room],
];

/** Names a text introduces: 我叫张伟, 我是李娜, 名叫赵小明, 姓王 (surname only), 王师傅. */
const INTRO = new RegExp(`(?:我叫|我是|名叫|叫做|本人叫|姓名[:：]?)\\s*(${SURNAME}${HAN}{1,2})`, 'g');
const SURNAME_ONLY = new RegExp(`(?:免贵)?姓\\s*(${SURNAME})`, 'g');
const ADDRESSED = new RegExp(`${SURNAME}${ADDRESS}`, 'g');

function introducedNames(text: string): string[] {
  return [...text.matchAll(INTRO)].map((m) => m[1]);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The public copy of a text: every pattern above masked, and every known or introduced name. */
export function redactForPublic(text: string, names: readonly string[] = []): string {
  let out = text;
  for (const [re, mask] of RULES) out = out.replace(re, mask);
  const known = [...names.map((n) => n.trim()), ...introducedNames(out)].filter((n) => Array.from(n).length >= 2);
  // Longest first, so 周建国 goes before 建国.
  for (const name of [...new Set(known)].sort((a, b) => b.length - a.length)) out = out.replace(new RegExp(escape(name), 'g'), MASKS.name);
  out = out.replace(SURNAME_ONLY, (m, surname: string) => m.slice(0, m.length - surname.length) + MASKS.name);
  return out.replace(ADDRESSED, MASKS.name);
}
