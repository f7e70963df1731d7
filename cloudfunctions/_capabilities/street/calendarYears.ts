/**
 * Staff enter a year's official holiday schedule (国务院办公厅 publishes it each November); it is stored in
 * calendarYears, audited, overrides the chinese-days package for that year, and open appeals whose deadlines
 * were counted on weekends only are counted again.
 */
import { forget } from '../../_platform/warm';
import type { CalendarOverview, CalendarYearDetail, CalendarYearSummary, SetCalendarYearResult } from '../../../contracts/calendar';
import { calendarStatus, checkOfficialYear, periodDays, type HolidayPeriod, type OfficialYear } from '../../../domain/calendar';
import { appendAudit } from '../../_platform/audit';
import type { Db } from '../../_platform/db';
import { findById } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { chinaHolidays, loadCalendar, officialYearOf, packageYear } from '../../_platform/calendar';
import { recountWeekendOnlyDeadlines } from '../appeals/deadlines';
import type { UserDoc } from '../../_platform/users';

const countOf = (y: OfficialYear) => ({ holidayCount: y.periods.reduce((n, p) => n + periodDays(p).length, 0), workdayCount: y.periods.reduce((n, p) => n + p.workdays.length, 0) });

export async function calendarOverview(db: Db, now: Date): Promise<CalendarOverview> {
  const calendar = await loadCalendar(db);
  const status = calendarStatus(now, calendar);
  const entered = (await db.collection('calendarYears').limit(100).get()).data;
  const years = new Map<number, CalendarYearSummary>();
  // The package's recent years (from last year on), then what staff entered over them.
  for (const y of chinaHolidays().years) {
    if (y < status.year - 1) continue;
    const py = packageYear(y);
    if (py) years.set(y, { year: y, source: 'package', ...countOf(py) });
  }
  for (const doc of entered) {
    const y = officialYearOf(doc);
    if (y) years.set(y.year, { year: y.year, source: 'entered', ...countOf(y), ...(doc.updatedAt ? { updatedAt: new Date(doc.updatedAt).toISOString() } : {}) });
  }
  return { status, years: [...years.values()].sort((a, b) => b.year - a.year) };
}

export async function calendarYearDetail(db: Db, year: number): Promise<CalendarYearDetail> {
  const doc = await findById(db, 'calendarYears', String(year));
  const entered = doc ? officialYearOf(doc) : null;
  if (entered) return { year, source: 'entered', ...countOf(entered), periods: entered.periods, ...(doc?.notice ? { notice: doc.notice } : {}), ...(doc?.updatedAt ? { updatedAt: new Date(doc.updatedAt).toISOString() } : {}) };
  const py = packageYear(year);
  if (!py) throw new AppError('NOT_FOUND', `${year} 年的节假日安排还没有录入`);
  return { year, source: 'package', ...countOf(py), periods: py.periods };
}

export async function setCalendarYear(db: Db, actor: UserDoc, input: { year: number; periods: HolidayPeriod[]; notice?: string }, at: Date): Promise<SetCalendarYearResult> {
  const periods = input.periods.map((p) => ({ name: p.name.trim(), from: p.from, to: p.to, workdays: [...new Set(p.workdays)].sort() }));
  const year: OfficialYear = { year: input.year, periods };
  const problems = checkOfficialYear(year);
  if (problems.length > 0) throw new AppError('INVALID_ARGUMENT', problems.slice(0, 3).join('；'));
  const before = await findById(db, 'calendarYears', String(input.year));
  const counts = countOf(year);
  const flat = { holidays: periods.flatMap((p) => periodDays(p)), workdays: periods.flatMap((p) => p.workdays) };
  await db.collection('calendarYears').doc(String(input.year)).set({
    data: { year: input.year, periods, ...flat, ...(input.notice ? { notice: input.notice } : {}), updatedAt: at, updatedBy: actor.openid },
  });
  forget('calendar');
  const recounted = await recountWeekendOnlyDeadlines(db, await loadCalendar(db));
  const describe = (y: OfficialYear) => y.periods.map((p) => `${p.name} ${p.from.slice(5)}–${p.to.slice(5)}${p.workdays.length ? `（${p.workdays.map((w) => w.slice(5)).join('、')} 上班）` : ''}`).join('；');
  const previous = before ? officialYearOf(before) : packageYear(input.year);
  await appendAudit(db, {
    entityType: 'calendar', entityId: String(input.year), action: 'set_year', actorOpenid: actor.openid, actorRole: 'staff', source: 'app', at,
    from: previous ? describe(previous).slice(0, 500) : '未录入',
    to: describe(year).slice(0, 500),
    note: `录入 ${input.year} 年节假日安排：放假 ${counts.holidayCount} 天，调休上班 ${counts.workdayCount} 天${recounted ? `；${recounted} 件在办诉求的期限已重新计算` : ''}`,
  });
  return { year: input.year, ...counts, recounted };
}
