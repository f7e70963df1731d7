import data from 'chinese-days/dist/chinese-days.json';
import type { HolidayData } from '../../domain/calendar';

let cached: HolidayData | undefined;

/** China's holidays and 调休 workdays from the chinese-days data set (bundled into each function). */
export function chinaHolidays(): HolidayData {
  if (!cached) {
    const json = data as { holidays: Record<string, string>; workdays: Record<string, string> };
    const days = [...Object.keys(json.holidays), ...Object.keys(json.workdays)];
    cached = { holidays: new Set(Object.keys(json.holidays)), workdays: new Set(Object.keys(json.workdays)), years: new Set(days.map((d) => Number(d.slice(0, 4)))) };
  }
  return cached;
}
