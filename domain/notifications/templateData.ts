/**
 * WeChat subscribe-message field limits, applied so that WeChat accepts every value (it answers 47003
 * otherwise and the message is lost): thing ≤ 20 characters (cut with an ellipsis), character_string ≤ 32
 * ASCII, phrase ≤ 5 Chinese characters and nothing else, name ≤ 10 Chinese characters, number digits,
 * time as 2019年10月1日 15:01. Callers should pass words that already fit (a phrase, a name): cutting a
 * phrase keeps it valid, not meaningful.
 */
import { formatChinaDateTime } from '../time';

export type FieldKind = 'thing' | 'character_string' | 'phrase' | 'name' | 'time' | 'number' | 'date';

export function fieldKind(key: string): FieldKind {
  const kind = key.replace(/\d+$/, '');
  if (['thing', 'character_string', 'phrase', 'name', 'time', 'number', 'date'].includes(kind)) return kind as FieldKind;
  throw new Error(`unknown template field kind: ${key}`);
}

function cut(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const onlyHan = (text: string): string[] => Array.from(text).filter((c) => HAN.test(c));

/** '2026年11月28日 09:05' in China time. */
export function formatWechatTime(at: Date): string {
  return formatChinaDateTime(at);
}

export function fitField(key: string, value: string | number | Date): string {
  const kind = fieldKind(key);
  if (value instanceof Date) return kind === 'date' ? formatWechatTime(value).slice(0, -6) : formatWechatTime(value);
  const text = String(value);
  switch (kind) {
    case 'thing':
      return cut(text, 20) || '—';
    case 'character_string':
      return text.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-';
    case 'phrase':
      // Chinese characters only, at most 5, no ellipsis (WeChat refuses anything else).
      return onlyHan(text).slice(0, 5).join('') || '有更新';
    case 'name': {
      // A Chinese name: ≤ 10 Chinese characters; otherwise ≤ 20 letters.
      const han = onlyHan(text);
      if (han.length > 0) return han.slice(0, 10).join('');
      return text.replace(/[^A-Za-z ]/g, '').trim().slice(0, 20) || '居民';
    }
    case 'number': {
      // Digits, one optional decimal part, ≤ 32 characters.
      const m = /\d+(?:\.\d+)?/.exec(text);
      return m ? m[0].slice(0, 32).replace(/\.$/, '') : '0';
    }
    default:
      return text;
  }
}

/** Build `{ key: { value } }` from logical values through a template's field map. */
export function buildTemplateData(fields: Record<string, string>, values: Record<string, string | number | Date>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [logical, key] of Object.entries(fields)) {
    const value = values[logical];
    if (value === undefined) continue;
    data[key] = { value: fitField(key, value) };
  }
  return data;
}
