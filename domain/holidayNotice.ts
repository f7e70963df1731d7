import type { HolidayPeriod } from './calendar';
import { isCalendarDay } from './calendar';

/**
 * Reads the State Council's yearly notice (国务院办公厅关于 YYYY 年部分节假日安排的通知) as published, e.g.
 * "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。"
 * into holiday periods. Staff check the result before saving; anything not understood is reported, not guessed.
 */
export interface ParsedNotice {
  periods: HolidayPeriod[];
  problems: string[];
}

// 一、元旦: … 二、春节: … (a numeral, 、, then a short name and a colon).
const NUMBERED = /[一二三四五六七八九十]+、(?=[^:。\n]{1,15}:)/;
const DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g;

const pad = (n: number) => String(n).padStart(2, '0');

export function parseHolidayNotice(text: string, year: number): ParsedNotice {
  const problems: string[] = [];
  const periods: HolidayPeriod[] = [];
  // Parenthesised remarks (（周四）、（农历腊月二十八、周日）) carry no dates we need.
  const clean = text.replace(/[（(][^）)]*[）)]/g, '').replace(/\r/g, '').replace(/：/g, ':');
  const items = clean.split(NUMBERED).slice(1);
  if (items.length === 0) return { periods, problems: ['没有找到“一、元旦：…”这样的条目，请粘贴通知正文'] };
  for (const raw of items) {
    const item = raw.split(/\n\s*\n|鼓励单位|节假日期间/)[0].trim();
    const colon = item.indexOf(':');
    if (colon <= 0) {
      problems.push(`无法识别：${item.slice(0, 20)}`);
      continue;
    }
    const name = item.slice(0, colon).trim();
    const body = item.slice(colon + 1);
    const dayOf = (y: string | undefined, m: string, d: string) => {
      const month = Number(m);
      // 元旦 may start in the last days of the previous year.
      const yy = y ? Number(y) : month === 12 && /元旦/.test(name) ? year - 1 : year;
      return `${yy}-${pad(month)}-${pad(Number(d))}`;
    };
    const sentences = body.split(/[。;；]/).map((s) => s.trim()).filter(Boolean);
    const off = sentences.find((s) => s.includes('放假'));
    const range = off ? /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:至(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日)?/.exec(off) : null;
    if (!range) {
      problems.push(`${name}：没有找到放假日期`);
      continue;
    }
    const from = dayOf(range[1], range[2], range[3]);
    let to = range[6] ? dayOf(range[4] ?? (range[5] ? undefined : range[1]), range[5] ?? range[2], range[6]) : from;
    // 补休: a rest day given back for a holiday on a weekend (older notices), adjacent to the holiday.
    for (const s of sentences.filter((x) => x.includes('补休'))) {
      for (const m of s.matchAll(DATE)) {
        const d = dayOf(m[1], m[2], m[3]);
        if (d > to) to = d;
      }
    }
    const workdays: string[] = [];
    for (const s of sentences.filter((x) => x.includes('上班'))) for (const m of s.matchAll(DATE)) workdays.push(dayOf(m[1], m[2], m[3]));
    const bad = [from, to, ...workdays].filter((d) => !isCalendarDay(d));
    if (bad.length > 0) {
      problems.push(`${name}：日期不正确（${bad.join('、')}）`);
      continue;
    }
    periods.push({ name, from, to, workdays });
  }
  return { periods, problems };
}

/**
 * The periods as lines staff can read and correct before saving, one holiday per line:
 * "春节：2027-02-05 至 2027-02-13；上班 2027-01-31、2027-02-20" (a one-day holiday may omit "至 …").
 */
export function formatPeriods(periods: HolidayPeriod[]): string {
  return periods.map((p) => `${p.name}：${p.from}${p.to !== p.from ? ` 至 ${p.to}` : ''}${p.workdays.length ? `；上班 ${p.workdays.join('、')}` : ''}`).join('\n');
}

export function parsePeriodLines(text: string): ParsedNotice {
  const periods: HolidayPeriod[] = [];
  const problems: string[] = [];
  text.split('\n').map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
    const m = /^(.+?)[:：]\s*(\d{4}-\d{2}-\d{2})(?:\s*(?:至|到|-|~|—)\s*(\d{4}-\d{2}-\d{2}))?\s*(?:[;；，,]\s*上班\s*[:：]?\s*(.*))?$/.exec(line);
    if (!m) {
      problems.push(`第 ${i + 1} 行看不懂：${line.slice(0, 30)}（格式：春节：2027-02-05 至 2027-02-13；上班 2027-01-31、2027-02-20）`);
      return;
    }
    const workdays = (m[4] ?? '').split(/[、，,\s]+/).filter(Boolean);
    const bad = [m[2], m[3], ...workdays].filter((d) => d !== undefined && !isCalendarDay(d));
    if (bad.length > 0) problems.push(`第 ${i + 1} 行日期不正确：${bad.join('、')}`);
    else periods.push({ name: m[1].trim(), from: m[2], to: m[3] ?? m[2], workdays });
  });
  return { periods, problems };
}
