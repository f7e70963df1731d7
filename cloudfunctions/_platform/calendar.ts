import { warm } from './warm';
import data from 'chinese-days/dist/chinese-days.json';
import { periodDays, withOfficialYears, type HolidayData, type HolidayPeriod, type OfficialYear } from '../../domain/calendar';
import type { Db, Doc } from './db';

/** The working calendar's data: holidays and 调休 from the chinese-days package, and the years staff entered. */

let cached: HolidayData | undefined;
type PackageJson = { holidays: Record<string, string>; workdays: Record<string, string> };

/** China's holidays and 调休 workdays from the chinese-days data set (bundled into each function). */
export function chinaHolidays(): HolidayData {
  if (!cached) {
    const json = data as PackageJson;
    const days = [...Object.keys(json.holidays), ...Object.keys(json.workdays)];
    cached = { holidays: new Set(Object.keys(json.holidays)), workdays: new Set(Object.keys(json.workdays)), years: new Set(days.map((d) => Number(d.slice(0, 4)))) };
  }
  return cached;
}

/** A year as the package has it, grouped into named periods (so staff can compare or start from it). */
export function packageYear(year: number): OfficialYear | null {
  const json = data as PackageJson;
  const nameOf = (v: string) => v.split(',')[1] ?? v;
  const prefix = `${year}-`;
  const days = Object.keys(json.holidays).filter((d) => d.startsWith(prefix)).sort();
  if (days.length === 0) return null;
  const periods: HolidayPeriod[] = [];
  for (const d of days) {
    const name = nameOf(json.holidays[d]);
    const last = periods[periods.length - 1];
    const dayAfterLast = last ? periodDays({ from: last.to, to: d }).length === 2 : false;
    if (last && last.name === name && dayAfterLast) last.to = d;
    else periods.push({ name, from: d, to: d, workdays: [] });
  }
  for (const [d, v] of Object.entries(json.workdays)) {
    if (!d.startsWith(prefix)) continue;
    const p = periods.find((x) => x.name === nameOf(v)) ?? periods[0];
    p.workdays.push(d);
  }
  for (const p of periods) p.workdays.sort();
  return { year, periods };
}

export function officialYearOf(doc: Doc): OfficialYear | null {
  if (!Number.isInteger(doc.year) || !Array.isArray(doc.periods)) return null;
  const periods = (doc.periods as unknown[]).filter((p): p is HolidayPeriod => {
    const x = p as HolidayPeriod;
    return !!x && typeof x.from === 'string' && typeof x.to === 'string' && Array.isArray(x.workdays);
  });
  return { year: doc.year, periods };
}

/** The working calendar: the package, with every year staff entered (collection calendarYears) laid over it. */
export function loadCalendar(db: Db): Promise<HolidayData> {
  return warm('calendar', async () => {
    const docs = (await db.collection('calendarYears').limit(100).get()).data;
    return withOfficialYears(chinaHolidays(), docs.map(officialYearOf).filter((y): y is OfficialYear => !!y));
  });
}
