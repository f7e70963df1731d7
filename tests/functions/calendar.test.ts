/**
 * The working calendar beyond the chinese-days package (holidays through 2026): with the dev clock in
 * 2027, deadlines count weekends only and say so, staff see a warning; staff enter 2027 and a deadline
 * across Spring Festival 2027 moves — for open appeals too, and supervision follows. Dates are absolute
 * China times reached by moving the runtime's clock, so the test reads the same on any day. A year once
 * entered stays entered, so the stories that start before 2027 is entered run on a street of their own.
 */
import { parseHolidayNotice } from '../../domain/holidayNotice';
import { acceptDeadlineOf, appealDetail, routedAppeal, type Appeal } from '../factories/appeals';
import { clockAtChinaTime } from '../factories/clock';
import { resident, staffMember } from '../factories/people';
import { specialistCase } from '../factories/street';
import { FIXTURE_NOTICE_2027, FIXTURE_PERIODS_2027 } from '../support/holidayNotices';
import { useRuntime, withRuntime, type RunningRuntime } from '../support/runtime';

const SLA = { acceptWorkingDays: 1, replyWorkingDays: 5 };
const endOfChinaDay = (day: string) => new Date(Date.parse(`${day}T23:59:59.999+08:00`)).toISOString();

/** A staff member, who sets the service levels these deadlines are counted with. */
async function slaSetBy(rt: RunningRuntime): Promise<string> {
  const staff = await staffMember(rt);
  await rt.ok('staff', { action: 'updateSettings', ...SLA }, staff);
  return staff;
}

/** A street of its own for a story that starts before 2027 is entered. */
const calendarStreet = <T>(story: (rt: RunningRuntime, staff: string) => Promise<T>): Promise<T> => withRuntime({}, async (rt) => story(rt, await slaSetBy(rt)));

const staffItem = (rt: RunningRuntime, staff: string, trackingNo: string) => rt.ok('staff', { action: 'find', trackingNo }, staff);
const enter2027 = (rt: RunningRuntime, staff: string) => rt.ok('staff', { action: 'setCalendarYear', year: 2027, periods: FIXTURE_PERIODS_2027, notice: FIXTURE_NOTICE_2027 }, staff);

/** Wednesday 2027-02-03, two days before 除夕 (fixture): an appeal the deputy accepts at once (only its reply deadline is supervised). */
async function acceptedBeforeTheFestival(rt: RunningRuntime): Promise<Appeal> {
  await clockAtChinaTime(rt, '2027-02-03T10:00');
  const c = await specialistCase(rt);
  const a = await routedAppeal(rt, { communityId: c.community._id, category: c.category._id });
  expect(a.deputy?.deputyId).toBe(c.deputy.deputyId);
  await rt.ok('deputy', { action: 'accept', id: a.id }, a.deputy!.openid);
  return a;
}

describe('Spring Festival 2027 before anyone entered it', () => {
  it('deadlines count weekends only and say so, and staff are warned', () =>
    calendarStreet(async (rt, staff) => {
      const a = await acceptedBeforeTheFestival(rt);
      expect(await staffItem(rt, staff, a.trackingNo)).toMatchObject({ replyDeadline: endOfChinaDay('2027-02-10'), deadlineWeekendsOnly: true });
      const dash = await rt.ok('staff', { action: 'dashboard' }, staff);
      expect(dash.calendar).toMatchObject({ year: 2027, known: false, warning: expect.stringContaining('2027 年的节假日安排尚未录入') });
      const overview = await rt.ok('staff', { action: 'calendar' }, staff);
      expect(overview.status.known).toBe(false);
      expect(overview.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({ source: 'package', holidayCount: 33, workdayCount: 6 });
    }));

  it('staff enter 2027 (fixture; the official notice was not published yet) and the open appeal’s deadline moves past the festival', () =>
    calendarStreet(async (rt, staff) => {
      const a = await acceptedBeforeTheFestival(rt);
      const parsed = parseHolidayNotice(FIXTURE_NOTICE_2027, 2027);
      expect(parsed).toEqual({ periods: FIXTURE_PERIODS_2027, problems: [] });
      expect((await rt.call('staff', { action: 'setCalendarYear', year: 2027, periods: parsed.periods }, await resident(rt))).body.error.code).toBe('PERMISSION_DENIED');
      expect(await rt.ok('staff', { action: 'setCalendarYear', year: 2027, periods: parsed.periods, notice: FIXTURE_NOTICE_2027 }, staff)).toEqual({ year: 2027, holidayCount: 12, workdayCount: 2, recounted: 1 });
      // 2/3 + 5 working days: 2/4, then 2/5–2/13 off, 2/14 Sunday, 2/15, 2/16, 2/17, 2/18.
      const item = await staffItem(rt, staff, a.trackingNo);
      expect(item.replyDeadline).toBe(endOfChinaDay('2027-02-18'));
      expect(item.deadlineWeekendsOnly).toBeUndefined();
      const dash = await rt.ok('staff', { action: 'dashboard' }, staff);
      expect(dash.calendar).toMatchObject({ year: 2027, known: true });
      expect(dash.calendar.warning).toBeUndefined();
      const trail = (await rt.ok('staff', { action: 'history', entityType: 'calendar', entityId: '2027' }, staff)).items;
      expect(trail).toEqual([expect.objectContaining({ action: 'set_year', actorRole: 'staff', from: '未录入', note: expect.stringContaining('1 件在办诉求的期限已重新计算') })]);
      expect(await rt.ok('staff', { action: 'calendarYear', year: 2027 }, staff)).toMatchObject({ source: 'entered', periods: FIXTURE_PERIODS_2027, notice: FIXTURE_NOTICE_2027 });
    }));

  it('supervision follows the moved deadline: not overdue inside the festival, overdue after the new deadline', () =>
    calendarStreet(async (rt, staff) => {
      const a = await acceptedBeforeTheFestival(rt);
      await enter2027(rt, staff);
      await clockAtChinaTime(rt, '2027-02-12T12:00'); // past the weekends-only deadline (2/10), inside the festival
      await rt.dev('trigger/supervise', {});
      expect((await appealDetail(rt, a)).overdue).toBe(false);
      await clockAtChinaTime(rt, '2027-02-19T12:00');
      await rt.dev('trigger/supervise', {});
      expect((await appealDetail(rt, a)).overdue).toBe(true);
    }));
});

describe('once staff entered 2027', () => {
  let rt: RunningRuntime;
  let staff: string;
  useRuntime(async (r) => { rt = r; staff = await slaSetBy(r); await enter2027(r, staff); });

  it('new deadlines use it: an appeal the day before 除夕 is due to be accepted and answered after the festival', async () => {
    await clockAtChinaTime(rt, '2027-02-04T10:00');
    const a = await routedAppeal(rt);
    const item = await staffItem(rt, staff, a.trackingNo);
    expect(item).toMatchObject({ replyDeadline: endOfChinaDay('2027-02-19') });
    expect(item.deadlineWeekendsOnly).toBeUndefined();
    expect((await acceptDeadlineOf(rt, a.id)).toISOString()).toBe(endOfChinaDay('2027-02-15'));
  });

  it('a 调休 Saturday counts as a working day', async () => {
    await clockAtChinaTime(rt, '2027-02-19T10:00'); // Friday; Saturday 2/20 is a make-up working day
    const a = await routedAppeal(rt);
    expect((await acceptDeadlineOf(rt, a.id)).toISOString()).toBe(endOfChinaDay('2027-02-20'));
  });

  it('a schedule that cannot be right is refused, and what was stored is kept', async () => {
    const bad = [{ name: '春节', from: '2027-02-05', to: '2027-02-13', workdays: ['2027-02-22'] }];
    const { body } = await rt.call('staff', { action: 'setCalendarYear', year: 2027, periods: bad }, staff);
    expect(body.error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('不是周六或周日') });
    for (const periods of [[], [{ name: '春节', from: '2027-02-13', to: '2027-02-05', workdays: [] }], [{ name: '春节', from: { $gt: '' }, to: '2027-02-05', workdays: [] }]]) {
      expect((await rt.call('staff', { action: 'setCalendarYear', year: 2027, periods }, staff)).body.error.code).toBe('INVALID_ARGUMENT');
    }
    expect((await rt.ok('staff', { action: 'calendarYear', year: 2027 }, staff)).periods).toEqual(FIXTURE_PERIODS_2027);
  });

  it('staff are warned from November when next year is missing', async () => {
    await clockAtChinaTime(rt, '2027-11-20T10:00');
    const dash = await rt.ok('staff', { action: 'dashboard' }, staff);
    expect(dash.calendar).toMatchObject({ year: 2027, known: true, nextYear: 2028, nextKnown: false, warning: expect.stringContaining('2028 年的节假日安排尚未录入') });
  });

  it('in a year nobody entered, staff are warned and deadlines are flagged as counting weekends only', async () => {
    await clockAtChinaTime(rt, '2028-03-01T10:00');
    const dash = await rt.ok('staff', { action: 'dashboard' }, staff);
    expect(dash.calendar).toMatchObject({ year: 2028, known: false, warning: expect.stringContaining('2028 年的节假日安排尚未录入') });
    const a = await routedAppeal(rt);
    expect(await staffItem(rt, staff, a.trackingNo)).toMatchObject({ deadlineWeekendsOnly: true });
  });
});
