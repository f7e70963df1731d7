import { addWorkingDays, calendarKnows, chinaDay, isWorkingDay, workingDaysBetween } from '../../domain/calendar';
import { chinaHolidays } from '../../cloudfunctions/_platform/calendar';

const data = chinaHolidays();
const at = (isoChina: string) => new Date(`${isoChina}+08:00`);

describe('working-day calendar (chinese-days data)', () => {
  it('knows the 2026 Spring Festival and its 调休 Saturdays', () => {
    expect(isWorkingDay('2026-02-13', data)).toBe(true); // Friday
    expect(isWorkingDay('2026-02-14', data)).toBe(true); // Saturday, make-up workday
    expect(isWorkingDay('2026-02-16', data)).toBe(false); // Monday, holiday
    expect(isWorkingDay('2026-02-23', data)).toBe(false); // Monday, last holiday day
    expect(isWorkingDay('2026-02-24', data)).toBe(true);
    expect(isWorkingDay('2026-02-28', data)).toBe(true); // Saturday, make-up workday
    expect(isWorkingDay('2026-03-07', data)).toBe(false); // ordinary Saturday
  });
  it('counts a deadline across the holiday', () => {
    expect(chinaDay(addWorkingDays(at('2026-02-13T10:00:00'), 1, data))).toBe('2026-02-14');
    expect(chinaDay(addWorkingDays(at('2026-02-14T16:00:00'), 1, data))).toBe('2026-02-24');
    expect(chinaDay(addWorkingDays(at('2026-02-13T10:00:00'), 5, data))).toBe('2026-02-27');
    expect(chinaDay(addWorkingDays(at('2026-02-24T09:00:00'), 5, data))).toBe('2026-03-02');
  });
  it('puts the deadline at the end of the China-time day', () => {
    expect(addWorkingDays(at('2026-11-27T23:30:00'), 1, data).toISOString()).toBe('2026-11-30T15:59:59.999Z');
  });
  it('uses China time for the start day even late in the UTC evening', () => {
    // 2026-11-27T17:00Z is already Saturday 01:00 in China: next working day is Monday.
    expect(chinaDay(addWorkingDays(new Date('2026-11-27T17:00:00Z'), 1, data))).toBe('2026-11-30');
  });
  it('counts working days between instants', () => {
    expect(workingDaysBetween(at('2026-02-13T10:00:00'), at('2026-02-25T10:00:00'), data)).toBe(3);
  });
  it('says which years it knows', () => {
    expect(calendarKnows('2026-05-01', data)).toBe(true);
    expect(calendarKnows('1990-05-01', data)).toBe(false);
  });
  it('rejects nonsense', () => {
    expect(() => addWorkingDays(new Date(), -1, data)).toThrow();
  });
});
