/**
 * Request checks the WeChat openapi makes and the local stand-ins repeat, so a request WeChat would refuse
 * is refused here too (with WeChat's errcode and message shape).
 *
 * Subscribe-message values by field type (WeChat's "参数值内容限制"):
 *   thing ≤ 20 characters of any kind · number ≤ 32 digits, may have decimals · letter ≤ 32 letters ·
 *   symbol ≤ 5 symbols · character_string ≤ 32 digits/letters/symbols · time "15:01" or "2019年10月1日 15:01" ·
 *   date "2019年10月1日" (time optional) · amount currency sign + ≤ 10 digits, may end in 元 ·
 *   phone_number ≤ 17 digits/symbols · car_number ≤ 8, first/last may be Chinese, the rest letters/digits ·
 *   name ≤ 10 Chinese characters or ≤ 20 letters/symbols · phrase ≤ 5 Chinese characters only.
 * time and date also take a range "a~b". No value may contain a control character (such as a newline).
 */
export interface SubscribeTemplate {
  templateId: string;
  /** logical name → template key such as "thing3" (the type is the key without its number) */
  fields: Record<string, string>;
}

export type WxError = { errcode: number; errmsg: string };

export const FIELD_TYPES = ['thing', 'number', 'letter', 'symbol', 'character_string', 'time', 'date', 'amount', 'phone_number', 'car_number', 'name', 'phrase', 'enum'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export function fieldType(key: string): FieldType | undefined {
  const t = key.replace(/\d+$/, '');
  return (FIELD_TYPES as readonly string[]).includes(t) ? (t as FieldType) : undefined;
}

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const isHan = (c: string): boolean => new RegExp(`^[${HAN}]$`).test(c);
const isLetter = (c: string): boolean => /^[A-Za-z]$/.test(c);
const isDigit = (c: string): boolean => /^[0-9]$/.test(c);
/** "符号": anything printable that is not Chinese, a letter or a digit. */
const isSymbol = (c: string): boolean => !isHan(c) && !isLetter(c) && !isDigit(c) && !/\s/.test(c) && !/\p{C}/u.test(c);

const DATE = '(?:\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}年\\d{1,2}月|\\d{1,2}月\\d{1,2}日|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{4}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2})';
const TIME = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const range = (one: string): RegExp => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`);
const TIME_RE = range(`(?:${DATE}\\s*)?${TIME}`);
const DATE_RE = range(`${DATE}(?:\\s*${TIME})?`);

type Verdict = 'ok' | 'exceeds limit' | 'invalid';

/** How WeChat judges one value of a field type. */
export function checkValue(type: FieldType, value: unknown): Verdict {
  if (typeof value !== 'string' && typeof value !== 'number') return 'invalid';
  const text = String(value);
  if (text.length === 0) return 'invalid';
  if (/\p{Cc}/u.test(text)) return 'invalid';
  const chars = Array.from(text);
  const n = chars.length;
  const max = (limit: number, ok: boolean): Verdict => (!ok ? 'invalid' : n > limit ? 'exceeds limit' : 'ok');
  switch (type) {
    case 'thing':
      return max(20, true);
    case 'number':
      return max(32, /^[+-]?\d+(?:\.\d+)?$/.test(text));
    case 'letter':
      return max(32, chars.every(isLetter));
    case 'symbol':
      return max(5, chars.every(isSymbol));
    case 'character_string':
      return max(32, chars.every((c) => isLetter(c) || isDigit(c) || isSymbol(c)));
    case 'time':
      return TIME_RE.test(text) ? 'ok' : 'invalid';
    case 'date':
      return DATE_RE.test(text) ? 'ok' : 'invalid';
    case 'amount':
      return /^[¥￥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/.test(text) ? 'ok' : 'invalid';
    case 'phone_number':
      return max(17, chars.every((c) => isDigit(c) || isSymbol(c)) && chars.some(isDigit));
    case 'car_number': {
      const inner = chars.slice(1, -1);
      const edge = (c: string | undefined) => c === undefined || isHan(c) || isLetter(c) || isDigit(c);
      return max(8, edge(chars[0]) && edge(chars[n - 1]) && inner.every((c) => isLetter(c) || isDigit(c)));
    }
    case 'name':
      // Any Chinese character makes it a Chinese name: ≤ 10, Chinese or letters only.
      if (chars.some(isHan)) return max(10, chars.every((c) => isHan(c) || isLetter(c)));
      return max(20, chars.every((c) => isLetter(c) || isSymbol(c) || c === ' '));
    case 'phrase':
      return max(5, chars.every(isHan));
    case 'enum':
      return 'ok'; // allowed values live in the WeChat admin console; not known locally
  }
}

const rid = (): string => `local-${Math.random().toString(16).slice(2, 10)}`;

/** subscribeMessage.send: the template must exist, every value must fit its field type. */
export function checkSubscribeSend(params: Record<string, unknown>, templates: SubscribeTemplate[]): WxError | undefined {
  const touser = params.touser;
  if (typeof touser !== 'string' || touser === '') return { errcode: 40003, errmsg: `invalid openid rid: ${rid()}` };
  const id = params.template_id ?? params.templateId;
  const tpl = templates.find((t) => t.templateId === id);
  if (!tpl) return { errcode: 40037, errmsg: `invalid template_id rid: ${rid()}` };
  const state = params.miniprogram_state ?? params.miniprogramState;
  if (state !== undefined && !['developer', 'trial', 'formal'].includes(String(state))) return { errcode: 47003, errmsg: `argument invalid! miniprogram_state invalid rid: ${rid()}` };
  const data = params.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { errcode: 47003, errmsg: `argument invalid! data invalid rid: ${rid()}` };
  for (const key of Object.values(tpl.fields)) {
    const entry = (data as Record<string, unknown>)[key];
    if (entry === undefined) continue; // an absent keyword shows empty
    const type = fieldType(key);
    const value = entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined;
    const verdict = type ? checkValue(type, value) : 'invalid';
    if (verdict !== 'ok') return { errcode: 47003, errmsg: `argument invalid! data.${key}.value ${verdict} rid: ${rid()}` };
  }
  return undefined;
}

/** msgSecCheck v2: openid, scene 1–4, content of at most 2,500 characters. */
export function checkMsgSecCheck(params: Record<string, unknown>): WxError | undefined {
  const version = Number(params.version ?? 1);
  const content = params.content;
  if (typeof content !== 'string' || content.length === 0) return { errcode: 44002, errmsg: `empty post data rid: ${rid()}` };
  if (Array.from(content).length > 2500) return { errcode: 47001, errmsg: `data format error: content exceeds 2500 characters rid: ${rid()}` };
  if (version === 2) {
    if (typeof params.openid !== 'string' || params.openid === '') return { errcode: 40003, errmsg: `invalid openid rid: ${rid()}` };
    const scene = Number(params.scene);
    if (![1, 2, 3, 4].includes(scene)) return { errcode: 40129, errmsg: `invalid scene rid: ${rid()}` };
  }
  return undefined;
}

/** Templates from config/wechat.json ({ subscribeTemplates: { key: { templateId, fields } } }); unknown field types refused. */
export function templatesFrom(config: { subscribeTemplates?: Record<string, SubscribeTemplate> }): SubscribeTemplate[] {
  const list = Object.entries(config.subscribeTemplates ?? {}).map(([key, t]) => {
    for (const k of Object.values(t.fields)) if (!fieldType(k)) throw new Error(`config/wechat.json: template ${key} has field "${k}" of an unknown type`);
    return { templateId: t.templateId, fields: t.fields };
  });
  return list;
}
