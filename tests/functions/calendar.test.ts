/**
 * The working calendar beyond the chinese-days package (holidays through 2026): with the dev clock in
 * 2027, deadlines count weekends only and say so, staff see a warning; staff enter 2027 and a deadline
 * across Spring Festival 2027 moves — for open appeals too, and supervision follows. Dates are absolute
 * China times reached by moving the runtime's clock, so the test reads the same on any day.
 */
import { parseHolidayNotice } from '../../domain/holidayNotice';
import { FIXTURE_NOTICE_2027, FIXTURE_PERIODS_2027 } from '../support/holidayNotices';
import { startRuntime, type RunningRuntime } from '../support/runtime';

const STAFF = 'dev_staff_1';
const D03 = 'dev_deputy_d03';
let rt: RunningRuntime;
let seq = 0;
beforeAll(async () => {
  rt = await startRuntime();
  await rt.ok('staff', { action: 'updateSettings', acceptWorkingDays: 1, replyWorkingDays: 5, dailySubmitLimit: 100 }, STAFF);
});
afterAll(async () => {
  await rt.dev('clock', { offsetMs: 0 });
  await rt?.stop();
});

/** Move the runtime's clock to a China time like '2027-02-03T10:00'. */
const clockAt = (chinaTime: string) => rt.dev('clock', { offsetMs: Date.parse(`${chinaTime}:00+08:00`) - Date.now() });
const endOfChinaDay = (day: string) => new Date(Date.parse(`${day}T23:59:59.999+08:00`)).toISOString();
const submit = (openid = 'dev_resident_2') =>
  rt.ok('appeal', { action: 'submit', requestId: `calendar-${seq++}`, communityId: 'c02', category: 'traffic', content: '柳岸街公交站台破损，下雨天无处避雨' }, openid);
const staffItem = async (trackingNo: string) => rt.ok('staff', { action: 'find', trackingNo }, STAFF);

describe('Spring Festival 2027', () => {
  let open: { _id: string; trackingNo: string };

  it('before anyone entered 2027: deadlines count weekends only, say so, and staff are warned', async () => {
    await clockAt('2027-02-03T10:00'); // a Wednesday, two days before 除夕 (fixture)
    open = await submit();
    expect(open).toMatchObject({ status: 'assigned', assignee: { deputyId: 'd03' } });
    const item = await staffItem(open.trackingNo);
    expect(item).toMatchObject({ replyDeadline: endOfChinaDay('2027-02-10'), deadlineWeekendsOnly: true });
    const dash = await rt.ok('staff', { action: 'dashboard' }, STAFF);
    expect(dash.calendar).toMatchObject({ year: 2027, known: false, warning: expect.stringContaining('2027 年的节假日安排尚未录入') });
    const overview = await rt.ok('staff', { action: 'calendar' }, STAFF);
    expect(overview.status.known).toBe(false);
    expect(overview.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({ source: 'package', holidayCount: 33, workdayCount: 6 });
    // The deputy accepts it: from now on only the reply deadline (still 2/10) is supervised.
    await rt.ok('deputy', { action: 'accept', id: open._id }, D03);
  });

  it('staff enter 2027 (fixture; the official notice was not published yet) and the open deadline moves past the festival', async () => {
    const parsed = parseHolidayNotice(FIXTURE_NOTICE_2027, 2027);
    expect(parsed).toEqual({ periods: FIXTURE_PERIODS_2027, problems: [] });
    expect((await rt.call('staff', { action: 'setCalendarYear', year: 2027, periods: parsed.periods }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    const saved = await rt.ok('staff', { action: 'setCalendarYear', year: 2027, periods: parsed.periods, notice: FIXTURE_NOTICE_2027 }, STAFF);
    expect(saved).toEqual({ year: 2027, holidayCount: 12, workdayCount: 2, recounted: 1 });
    // 2/3 + 5 working days: 2/4, then 2/5–2/13 off, 2/14 Sunday, 2/15, 2/16, 2/17, 2/18.
    const item = await staffItem(open.trackingNo);
    expect(item.replyDeadline).toBe(endOfChinaDay('2027-02-18'));
    expect(item.deadlineWeekendsOnly).toBeUndefined();
    const dash = await rt.ok('staff', { action: 'dashboard' }, STAFF);
    expect(dash.calendar).toMatchObject({ year: 2027, known: true });
    expect(dash.calendar.warning).toBeUndefined();
    const trail = await rt.ok('staff', { action: 'history', entityType: 'calendar', entityId: '2027' }, STAFF);
    expect(trail).toEqual([expect.objectContaining({ action: 'set_year', actorRole: 'staff', from: '未录入', note: expect.stringContaining('1 件在办诉求的期限已重新计算') })]);
    expect(await rt.ok('staff', { action: 'calendarYear', year: 2027 }, STAFF)).toMatchObject({ source: 'entered', periods: FIXTURE_PERIODS_2027, notice: FIXTURE_NOTICE_2027 });
  });

  it('new deadlines use it: accepting from the day before 除夕 is due after the festival', async () => {
    await clockAt('2027-02-04T10:00');
    const a = await submit('dev_resident_3');
    const item = await staffItem(a.trackingNo);
    expect(item).toMatchObject({ replyDeadline: endOfChinaDay('2027-02-19') });
    expect(item.deadlineWeekendsOnly).toBeUndefined();
    expect((await rt.dev('db/query', { collection: 'appeals', filter: { _id: a._id } })).docs[0].acceptDeadline).toEqual({ $date: endOfChinaDay('2027-02-15') });
  });

  it('a 调休 Saturday counts as a working day', async () => {
    await clockAt('2027-02-19T10:00'); // Friday; Saturday 2/20 is a make-up working day
    const a = await submit('dev_resident_4');
    expect((await rt.dev('db/query', { collection: 'appeals', filter: { _id: a._id } })).docs[0].acceptDeadline).toEqual({ $date: endOfChinaDay('2027-02-20') });
  });

  it('supervision follows the moved deadline', async () => {
    await clockAt('2027-02-12T12:00'); // past the weekends-only deadline (2/10), inside the festival
    await rt.dev('trigger/supervise', {});
    expect((await rt.ok('appeal', { action: 'detail', id: open._id }, 'dev_resident_2')).overdue).toBe(false);
    await clockAt('2027-02-19T12:00');
    await rt.dev('trigger/supervise', {});
    expect((await rt.ok('appeal', { action: 'detail', id: open._id }, 'dev_resident_2')).overdue).toBe(true);
  });

  it('refuses a schedule that cannot be right, and keeps what was stored', async () => {
    const bad = [{ name: '春节', from: '2027-02-05', to: '2027-02-13', workdays: ['2027-02-22'] }];
    const { body } = await rt.call('staff', { action: 'setCalendarYear', year: 2027, periods: bad }, STAFF);
    expect(body.error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('不是周六或周日') });
    for (const periods of [[], [{ name: '春节', from: '2027-02-13', to: '2027-02-05', workdays: [] }], [{ name: '春节', from: { $gt: '' }, to: '2027-02-05', workdays: [] }]]) {
      expect((await rt.call('staff', { action: 'setCalendarYear', year: 2027, periods }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    }
    expect((await rt.ok('staff', { action: 'calendarYear', year: 2027 }, STAFF)).periods).toEqual(FIXTURE_PERIODS_2027);
  });
});

describe('a year nobody entered', () => {
  it('warns staff and flags deadlines as counting weekends only', async () => {
    await clockAt('2028-03-01T10:00');
    const dash = await rt.ok('staff', { action: 'dashboard' }, STAFF);
    expect(dash.calendar).toMatchObject({ year: 2028, known: false, warning: expect.stringContaining('2028 年的节假日安排尚未录入') });
    const a = await submit('dev_resident_1');
    expect(await staffItem(a.trackingNo)).toMatchObject({ deadlineWeekendsOnly: true });
  });

  it('warns from November when next year is missing', async () => {
    await clockAt('2027-11-20T10:00');
    const dash = await rt.ok('staff', { action: 'dashboard' }, STAFF);
    expect(dash.calendar).toMatchObject({ year: 2027, known: true, nextYear: 2028, nextKnown: false, warning: expect.stringContaining('2028 年的节假日安排尚未录入') });
  });
});
