import { execFileSync } from 'node:child_process';
import {
  addDays,
  chinaDay,
  chinaDayEnd,
  chinaDayStart,
  chinaWall,
  chinaYear,
  agoWords,
  durationWords,
  formatChinaClock,
  formatChinaDate,
  formatChinaDateTime,
  fromChinaWall,
  fromChinaWallClock,
  isValidInstant,
  shiftDay,
  weekdayOf,
} from '../../domain/time';

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

  test('calendar-day arithmetic on China days', () => {
    expect(chinaDayEnd('2026-03-04').toISOString()).toBe('2026-03-04T15:59:59.999Z');
    expect(shiftDay('2026-02-28', 1)).toBe('2026-03-01');
    expect(shiftDay('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDay('2027-01-01', -1)).toBe('2026-12-31');
    expect(weekdayOf('2026-11-29')).toBe(0); // Sunday
    expect(weekdayOf('2026-11-28')).toBe(6);
    expect(chinaYear(new Date('2026-12-31T16:00:00.000Z'))).toBe(2027);
    expect(addDays(new Date('2026-11-01T10:00:00.000Z'), 7).toISOString()).toBe('2026-11-08T10:00:00.000Z');
    expect(addDays('2026-11-08T10:00:00.000Z', -7).toISOString()).toBe('2026-11-01T10:00:00.000Z');
  });

  test('a China wall clock moves in China time and maps back to the instant', () => {
    const wall = chinaWall('2026-11-28T17:30:00.000Z'); // 01:30 on the 29th in China
    expect(wall.format('YYYY-MM-DD HH:mm')).toBe('2026-11-29 01:30');
    expect(fromChinaWall(wall.startOf('day')).toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect(fromChinaWall(wall.startOf('hour').add(1, 'hour')).toISOString()).toBe('2026-11-28T18:00:00.000Z');
    expect(formatChinaClock('2026-11-28T17:30:00.000Z')).toBe('01:30');
  });

  test('durations in the largest whole unit', () => {
    const from = '2026-11-28T00:00:00.000Z';
    expect(durationWords(from, '2026-12-01T23:00:00.000Z')).toBe('3 天');
    expect(durationWords(from, '2026-11-29T00:00:00.000Z')).toBe('1 天');
    expect(durationWords(from, '2026-11-28T23:59:00.000Z')).toBe('23 小时');
    expect(durationWords(from, '2026-11-28T00:59:01.000Z')).toBe('60 分钟');
    expect(durationWords(from, '2026-11-28T00:00:01.000Z')).toBe('1 分钟');
    expect(durationWords(from, from)).toBeNull();
    expect(durationWords(from, '2026-11-27T00:00:00.000Z')).toBeNull();
  });

  test('how long ago, as people say it, by China days', () => {
    const now = '2026-11-28T06:00:00.000Z'; // 14:00 on the 28th in China
    expect(agoWords('2026-11-28T05:59:30.000Z', now)).toBe('刚刚');
    expect(agoWords('2026-11-28T06:00:30.000Z', now)).toBe('刚刚');
    expect(agoWords('2026-11-28T05:55:00.000Z', now)).toBe('5 分钟前');
    expect(agoWords('2026-11-28T02:30:00.000Z', now)).toBe('3 小时前');
    // 23:30 on the 27th in China is yesterday, although under a day ago.
    expect(agoWords('2026-11-27T15:30:00.000Z', now)).toBe('昨天 23:30');
    // 23:30 UTC on the 27th is 07:30 on the 28th in China: today.
    expect(agoWords('2026-11-27T23:30:00.000Z', now)).toBe('6 小时前');
    expect(agoWords('2026-11-25T06:00:00.000Z', now)).toBe('3 天前');
    expect(agoWords('2026-11-20T06:00:00.000Z', now)).toBe('11月20日');
    expect(agoWords('2025-11-20T06:00:00.000Z', now)).toBe('2025年11月20日');
  });

  test('the same answers in a zone with daylight saving', () => {
    // jest sandboxes process.env, so the zone is set on a child process (America/New_York: DST from
    // 2026-03-08 07:00 UTC to 2026-11-01 06:00 UTC).
    const script = `const t = require(${JSON.stringify(require.resolve('../../domain/time'))});
      console.log(JSON.stringify([
        new Date('2026-03-08T06:30:00Z').getTimezoneOffset(),
        t.formatChinaDateTime('2026-03-08T06:30:00.000Z'),
        t.formatChinaClock('2026-11-01T05:30:00.000Z'),
        t.chinaDayStart('2026-03-08T12:00:00.000Z').toISOString(),
        t.chinaDay('2026-03-08T15:59:59.999Z'),
        t.fromChinaWallClock('2026-03-08', '14:30').toISOString(),
        t.addDays('2026-03-07T12:00:00.000Z', 1).toISOString(),
        t.durationWords('2026-03-07T12:00:00.000Z', '2026-03-08T12:00:00.000Z'),
      ]));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([
      300,
      '2026年3月8日 14:30',
      '13:30',
      '2026-03-07T16:00:00.000Z',
      '2026-03-08',
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T12:00:00.000Z',
      '1 天',
    ]);
  });
});
