import * as v from 'valibot';
import type { CalendarStatus, HolidayPeriod } from '../domain/calendar';
import { nested } from './validation';

export type { CalendarStatus, HolidayPeriod };

const day = v.pipe(v.string('应为文本'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));
const year = v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(2000, '年份不能早于 2000'), v.maxValue(2100, '年份不能晚于 2100'));

export const periodSchema = nested({
  name: v.pipe(v.string('应为文本'), v.trim(), v.minLength(1, '请填写节日名称'), v.maxLength(20, '名称不能超过 20 个字')),
  from: day,
  to: day,
  workdays: v.pipe(v.array(day, '应为日期列表'), v.maxLength(10, '调休上班日最多 10 天')),
});

export const calendarInput = v.object({ action: v.literal('calendar') });
export const calendarYearInput = v.object({ action: v.literal('calendarYear'), year });
export const setCalendarYearInput = v.object({
  action: v.literal('setCalendarYear'),
  year,
  periods: v.pipe(v.array(periodSchema, '应为节假日列表'), v.minLength(1, '请至少填写一个节假日'), v.maxLength(15, '节假日最多 15 个')),
  /** The notice text it was read from, kept with the year for reference. */
  notice: v.optional(v.pipe(v.string('应为文本'), v.maxLength(4000, '通知原文不能超过 4000 字'))),
});

export interface CalendarYearSummary {
  year: number;
  /** package: from the chinese-days data; entered: staff entered it (overrides the package). */
  source: 'package' | 'entered';
  holidayCount: number;
  workdayCount: number;
  updatedAt?: string;
}

export interface CalendarOverview {
  status: CalendarStatus;
  years: CalendarYearSummary[];
}

export interface CalendarYearDetail extends CalendarYearSummary {
  periods: HolidayPeriod[];
  notice?: string;
}

export interface SetCalendarYearResult {
  year: number;
  holidayCount: number;
  workdayCount: number;
  /** Open appeals whose deadlines were counted again on the new data. */
  recounted: number;
}
