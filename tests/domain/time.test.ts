import { chinaDay, chinaDayStart, formatChinaDate, formatChinaDateTime, fromChinaWallClock, isValidInstant } from '../../domain/time';

// Instants are given in UTC; the expectations are China wall-clock time, whatever TZ the test runs in.
describe('China time', () => {
  test('the China day turns at 16:00 UTC', () => {
    expect(chinaDay(new Date('2026-03-04T15:59:59.999Z'))).toBe('2026-03-04');
    expect(chinaDay(new Date('2026-03-04T16:00:00.000Z'))).toBe('2026-03-05');
    expect(chinaDayStart(new Date('2026-03-04T23:30:00.000Z')).toISOString()).toBe('2026-03-04T16:00:00.000Z');
  });

  test('a picked date and time read as China wall clock', () => {
    expect(fromChinaWallClock('2030-03-01', '09:00')?.toISOString()).toBe('2030-03-01T01:00:00.000Z');
    expect(fromChinaWallClock('2030-01-01', '00:00')?.toISOString()).toBe('2029-12-31T16:00:00.000Z');
    expect(fromChinaWallClock('2030-02-30', '09:00')).toBeNull();
    expect(fromChinaWallClock('2030-3-1', '09:00')).toBeNull();
    expect(fromChinaWallClock('2030-03-01', '9:00')).toBeNull();
  });

  test('formats in China time; the year shows only when it differs from now', () => {
    expect(formatChinaDateTime('2026-11-28T06:05:00.000Z')).toBe('2026年11月28日 14:05');
    expect(formatChinaDateTime('2026-12-31T16:30:00.000Z')).toBe('2027年1月1日 00:30');
    const now = new Date('2026-12-31T17:00:00.000Z'); // already 2027-01-01 in China
    expect(formatChinaDate('2027-01-01T01:00:00.000Z', now)).toBe('1月1日');
    expect(formatChinaDate('2026-12-31T10:00:00.000Z', now)).toBe('2026年12月31日');
  });

  test('invalid instants are recognised', () => {
    expect(isValidInstant('not a date')).toBe(false);
    expect(isValidInstant('')).toBe(false);
    expect(isValidInstant(undefined)).toBe(false);
    expect(isValidInstant('2026-11-28T06:05:00.000Z')).toBe(true);
  });
});
