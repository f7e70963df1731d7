/**
 * WeChat subscribe-message field limits, applied gracefully: text is cut with an ellipsis, never rejected.
 * thing ≤ 20 chars, character_string ≤ 32 (ASCII), phrase ≤ 5 Chinese chars, name ≤ 10, time as 2019年10月1日 15:01.
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
      return cut(text.replace(/[^\u4e00-\u9fff]/g, ''), 5) || '更新';
    case 'name':
      return cut(text, 10) || '—';
    case 'number':
      return text.replace(/[^\d.]/g, '').slice(0, 32) || '0';
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
