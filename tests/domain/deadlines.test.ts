import { addWorkingDays } from '../../domain/calendar';
import { byUrgency, deadlineOf, deadlineWords } from '../../domain/appeals/deadlines';
import { statusLabelFor } from '../../domain/appeals/labels';
import { chinaHolidays } from '../../cloudfunctions/_platform/calendar';

const data = chinaHolidays();
const at = (isoChina: string) => new Date(`${isoChina}+08:00`);

describe('deadlines in working days', () => {
  // Landed Friday 2026-11-27: accept within 1 working day (Mon 30th), reply within 5 (Fri 4 Dec).
  const landed = at('2026-11-27T10:00:00');
  const appeal = { status: 'assigned' as const, acceptDeadline: addWorkingDays(landed, 1, data), replyDeadline: addWorkingDays(landed, 5, data) };

  it('asks the deputy to accept by the working day it is due, and counts what is left', () => {
    const d = deadlineOf(appeal, at('2026-11-27T15:00:00'), data)!;
    expect(d).toMatchObject({ stage: 'accept', daysLeft: 1, daysLate: 0 });
    expect(deadlineWords(d, 'deputy', at('2026-11-27T15:00:00'))).toEqual({ text: '请于11月30日前受理', left: '还剩 1 个工作日', tone: 'soon' });
    // Saturday and Sunday are not working days: on Sunday it is still one working day away (Monday, today+1).
    expect(deadlineOf(appeal, at('2026-11-29T12:00:00'), data)).toMatchObject({ daysLeft: 1 });
    expect(deadlineWords(deadlineOf(appeal, at('2026-11-30T08:00:00'), data)!, 'deputy', at('2026-11-30T08:00:00')).left).toBe('今天到期');
  });

  it('tells the resident when to expect the answer, not the acceptance step', () => {
    const inProgress = { ...appeal, status: 'in_progress' as const };
    const d = deadlineOf(inProgress, at('2026-11-30T09:00:00'), data)!;
    expect(d).toMatchObject({ stage: 'reply', daysLeft: 4 });
    expect(deadlineWords(d, 'resident', at('2026-11-30T09:00:00')).text).toBe('预计12月4日前答复');
  });

  it('says how many working days late, skipping the weekend', () => {
    const inProgress = { ...appeal, status: 'in_progress' as const };
    // Due Fri 4 Dec; Tue 8 Dec is 2 working days later (Mon, Tue).
    const d = deadlineOf(inProgress, at('2026-12-08T10:00:00'), data)!;
    expect(d).toMatchObject({ stage: 'reply', daysLeft: 0, daysLate: 2 });
    expect(deadlineWords(d, 'staff', at('2026-12-08T10:00:00'))).toEqual({ text: '答复期限 12月4日', left: '已超期 2 个工作日', tone: 'late' });
    expect(deadlineWords(d, 'deputy', at('2026-12-08T10:00:00')).text).toBe('应于12月4日前答复，已列入督办');
    expect(deadlineWords(d, 'resident', at('2026-12-08T10:00:00')).text).toBe('答复晚了，已列入督办，街道正在催办');
    // Saturday after a Friday deadline: late, though no working day has passed yet.
    expect(deadlineOf(inProgress, at('2026-12-05T10:00:00'), data)).toMatchObject({ daysLate: 1 });
  });

  it('moves on to the reply once acceptance was missed but the reply is still ahead', () => {
    expect(deadlineOf(appeal, at('2026-12-01T10:00:00'), data)).toMatchObject({ stage: 'reply', daysLeft: 3 });
  });

  it('gives the resident 7 calendar days to rate a reply', () => {
    const d = deadlineOf({ status: 'replied', repliedAt: at('2026-12-01T10:00:00') }, at('2026-12-03T10:00:00'), data)!;
    expect(d).toMatchObject({ stage: 'rate', daysLeft: 5 });
    expect(deadlineWords(d, 'resident', at('2026-12-03T10:00:00')).text).toBe('请于12月8日前评价，逾期将自动办结');
  });

  it('has no deadline before an appeal lands with a deputy or after it closes', () => {
    for (const status of ['pending_review', 'triage', 'closed', 'rejected'] as const) expect(deadlineOf({ status }, at('2026-12-03T10:00:00'), data)).toBeNull();
  });

  it('sorts the most late first, then the fewest working days left', () => {
    const late2 = { stage: 'reply' as const, due: '2026-12-04T15:59:59.999Z', daysLeft: 0, daysLate: 2 };
    const late1 = { ...late2, daysLate: 1 };
    const today = { ...late2, daysLate: 0, daysLeft: 0 };
    const later = { ...late2, daysLate: 0, daysLeft: 3 };
    expect([later, today, late1, null, late2].sort(byUrgency)).toEqual([late2, late1, today, later, null]);
  });
});

describe('status words by who is looking', () => {
  it('speaks to the resident, and about the resident to a deputy', () => {
    expect(statusLabelFor('replied', {}, 'resident')).toBe('已答复，待您评价');
    expect(statusLabelFor('replied', {}, 'deputy')).toBe('已答复，待居民评价');
    expect(statusLabelFor('assigned', {}, 'deputy')).toBe('待受理');
    expect(statusLabelFor('assigned', { reopenCount: 1 }, 'deputy')).toBe('居民不满意，待重新受理');
    expect(statusLabelFor('in_progress', {}, 'staff')).toBe('代表办理中');
  });
});
