import { chinaHolidays, packageYear } from '../../cloudfunctions/_platform/calendar';
import { addWorkingDays, calendarStatus, checkOfficialYear, chinaDay, isWorkingDay, unknownYears, withOfficialYears } from '../../domain/calendar';
import { parseHolidayNotice } from '../../domain/holidayNotice';
import { FIXTURE_NOTICE_2027, FIXTURE_PERIODS_2027, NOTICE_2026 } from '../support/holidayNotices';

const pkg = chinaHolidays();
const at = (isoChina: string) => new Date(`${isoChina}+08:00`);

describe('the State Council notice, read', () => {
  it('reads the real 2026 notice into exactly what the chinese-days package has for 2026', () => {
    const { periods, problems } = parseHolidayNotice(NOTICE_2026, 2026);
    expect(problems).toEqual([]);
    expect(periods.map((p) => p.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(periods[1]).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] });
    const entered = withOfficialYears(pkg, [{ year: 2026, periods }]);
    const only2026 = (set: ReadonlySet<string>) => [...set].filter((d) => d.startsWith('2026')).sort();
    expect(only2026(entered.holidays)).toEqual(only2026(pkg.holidays));
    expect(only2026(entered.workdays)).toEqual(only2026(pkg.workdays));
    expect(packageYear(2026)!.periods.map((p) => [p.from, p.to, p.workdays])).toEqual(periods.map((p) => [p.from, p.to, p.workdays]));
  });

  it('reads older shapes: 补休, a cross-year 元旦 with years written out, several names in one item', () => {
    const text = '一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n二、清明节：4月5日放假，4月6日（星期一）补休。\n三、中秋节、国庆节：10月1日至8日放假调休，共8天。9月30日（星期六）上班。';
    expect(parseHolidayNotice(text, 2023).periods).toEqual([
      { name: '元旦', from: '2022-12-31', to: '2023-01-02', workdays: [] },
      { name: '清明节', from: '2023-04-05', to: '2023-04-06', workdays: [] },
      { name: '中秋节、国庆节', from: '2023-10-01', to: '2023-10-08', workdays: ['2023-09-30'] },
    ]);
  });

  it('says what it cannot read instead of guessing', () => {
    expect(parseHolidayNotice('明年放假安排另行通知', 2027).problems).toEqual([expect.stringContaining('没有找到')]);
    expect(parseHolidayNotice('一、春节：放假调休，共9天。', 2027).problems).toEqual(['春节：没有找到放假日期']);
    expect(parseHolidayNotice('一、春节：2月30日至3月2日放假。', 2027).problems).toEqual(['春节：日期不正确（2027-02-30）']);
  });
});

describe('a year entered by staff overrides the package', () => {
  const cal2027 = withOfficialYears(pkg, [{ year: 2027, periods: FIXTURE_PERIODS_2027 }]);

  it('the package knows nothing of 2027: deadlines across Spring Festival 2027 count weekends only', () => {
    expect(pkg.years.has(2027)).toBe(false);
    expect(chinaDay(addWorkingDays(at('2027-02-03T10:00:00'), 5, pkg))).toBe('2027-02-10');
    expect(unknownYears(at('2027-02-03T10:00:00'), at('2027-02-10T10:00:00'), pkg)).toEqual([2027]);
  });

  it('with 2027 entered (FIXTURE, not the official schedule) the same deadline moves past the festival', () => {
    expect(parseHolidayNotice(FIXTURE_NOTICE_2027, 2027).periods).toEqual(FIXTURE_PERIODS_2027);
    expect(chinaDay(addWorkingDays(at('2027-02-03T10:00:00'), 5, cal2027))).toBe('2027-02-18');
    expect(isWorkingDay('2027-02-20', cal2027)).toBe(true); // 调休 Saturday
    expect(isWorkingDay('2027-01-31', cal2027)).toBe(true); // 调休 Sunday
    expect(isWorkingDay('2027-02-08', cal2027)).toBe(false);
    expect(unknownYears(at('2027-02-03T10:00:00'), at('2027-02-18T10:00:00'), cal2027)).toEqual([]);
  });

  it('an entered year replaces the package data for that year only', () => {
    const moved = withOfficialYears(pkg, [{ year: 2026, periods: [{ name: '春节', from: '2026-02-16', to: '2026-02-20', workdays: [] }] }]);
    expect(isWorkingDay('2026-02-23', pkg)).toBe(false);
    expect(isWorkingDay('2026-02-23', moved)).toBe(true);
    expect(isWorkingDay('2026-02-14', moved)).toBe(false); // no longer a 调休 Saturday
    expect(isWorkingDay('2026-10-01', moved)).toBe(true); // the entered year has no 国庆 here: only what was entered counts
    expect(isWorkingDay('2025-10-01', moved)).toBe(false); // other years untouched
  });

  it('checks what staff enter', () => {
    expect(checkOfficialYear({ year: 2027, periods: FIXTURE_PERIODS_2027 })).toEqual([]);
    expect(checkOfficialYear({ year: 2027, periods: [] })).toEqual(['请至少填写一个节假日']);
    expect(checkOfficialYear({ year: 2027, periods: [{ name: '春节', from: '2027-02-05', to: '2027-02-13', workdays: ['2027-02-08', '2027-02-06'] }] })).toEqual([
      '第 1 个节假日「春节」：调休上班日 2027-02-08 不是周六或周日',
      '2027-02-06 不能既放假又上班',
    ]);
    expect(checkOfficialYear({ year: 2027, periods: [{ name: '国庆', from: '2028-10-01', to: '2028-10-07', workdays: [] }] })).toEqual(['第 1 个节假日「国庆」：日期不在 2027 年']);
    expect(checkOfficialYear({ year: 2027, periods: [{ name: '春节', from: '2027-02-05', to: '2027-03-05', workdays: [] }] })).toEqual(['第 1 个节假日「春节」：放假不能超过 15 天']);
  });
});

describe('what staff are told', () => {
  it('warns when the current year is unknown, and from November when next year is', () => {
    expect(calendarStatus(at('2027-03-01T10:00:00'), pkg)).toMatchObject({ year: 2027, known: false, warning: expect.stringContaining('2027 年的节假日安排尚未录入') });
    expect(calendarStatus(at('2026-06-01T10:00:00'), pkg).warning).toBeUndefined();
    expect(calendarStatus(at('2026-11-02T10:00:00'), pkg)).toMatchObject({ known: true, nextKnown: false, warning: expect.stringContaining('2027 年的节假日安排尚未录入') });
    const entered = withOfficialYears(pkg, [{ year: 2027, periods: FIXTURE_PERIODS_2027 }]);
    expect(calendarStatus(at('2026-11-02T10:00:00'), entered).warning).toBeUndefined();
  });
});
