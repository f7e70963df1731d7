import { chinaHolidays } from '../../cloudfunctions/_platform/calendar';
import { chinaDay } from '../../domain/calendar';
import { rungName, supervisionLadder, supervisionStep } from '../../domain/appeals/escalation';
import { chinaDayStart, deadlineFields, deadlinesFrom, DEFAULT_SLA, nextLookAt, normaliseSla, nothingDue, recounted } from '../../domain/appeals/supervision';

const cal = chinaHolidays();
const at = (s: string) => new Date(`${s}+08:00`);
const ladder = ['cp01', 'st1', 'home', 'staff'];

describe('SLA settings', () => {
  it('uses defaults of 1 and 5 working days', () => {
    expect(normaliseSla(undefined)).toEqual({ sla: DEFAULT_SLA, problems: [] });
    expect(DEFAULT_SLA).toMatchObject({ acceptWorkingDays: 1, replyWorkingDays: 5 });
  });
  it('takes valid console edits and reports bad ones without applying them', () => {
    const { sla, problems } = normaliseSla({ acceptWorkingDays: 2, replyWorkingDays: '七', dailySubmitLimit: -3 });
    expect(sla).toEqual({ acceptWorkingDays: 2, replyWorkingDays: 5, dailySubmitLimit: 5 });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('replyWorkingDays');
  });
});

describe('deadlines across the Spring Festival', () => {
  it('counts working days, including the 调休 Saturday', () => {
    const d = deadlinesFrom(at('2026-02-13T10:00:00'), DEFAULT_SLA, cal);
    expect(chinaDay(d.acceptDeadline)).toBe('2026-02-14');
    expect(chinaDay(d.replyDeadline)).toBe('2026-02-27');
  });
});

describe('supervision steps', () => {
  const base = { status: 'assigned', acceptDeadline: at('2026-11-30T23:59:59'), replyDeadline: at('2026-12-04T23:59:59'), overdue: false };
  it('does nothing before a deadline', () => {
    expect(supervisionStep(base, at('2026-11-30T12:00:00'), ladder, cal)).toEqual({ kind: 'none' });
  });
  it('marks a missed acceptance overdue and looks again a working day later', () => {
    const step = supervisionStep(base, at('2026-12-01T09:00:00'), ladder, cal);
    expect(step).toMatchObject({ kind: 'mark_overdue', stage: 'accept' });
    if (step.kind === 'mark_overdue') expect(chinaDay(step.next)).toBe('2026-12-02');
  });
  it('marks a missed reply overdue', () => {
    expect(supervisionStep({ ...base, status: 'in_progress' }, at('2026-12-05T09:00:00'), ladder, cal)).toMatchObject({ kind: 'mark_overdue', stage: 'reply' });
  });
  it('escalates one rung per further miss, up to staff, then stops', () => {
    const now = at('2026-12-02T09:00:00');
    expect(supervisionStep({ ...base, overdue: true, escalationLevel: 0 }, now, ladder, cal)).toMatchObject({ kind: 'escalate', level: 1, target: 'st1' });
    expect(supervisionStep({ ...base, overdue: true, escalationLevel: 1 }, now, ladder, cal)).toMatchObject({ kind: 'escalate', level: 2, target: 'home' });
    expect(supervisionStep({ ...base, overdue: true, escalationLevel: 2 }, now, ladder, cal)).toMatchObject({ kind: 'escalate', level: 3, target: 'staff', next: null });
    expect(supervisionStep({ ...base, overdue: true, escalationLevel: 3 }, now, ladder, cal)).toEqual({ kind: 'none' });
  });
  it('leaves replied and closed appeals alone', () => {
    expect(supervisionStep({ ...base, status: 'replied' }, at('2027-01-01T00:00:00'), ladder, cal)).toEqual({ kind: 'none' });
  });
  it('looks next at the acceptance deadline, then the reply deadline', () => {
    expect(nextLookAt(base)).toEqual(base.acceptDeadline);
    expect(nextLookAt({ ...base, status: 'in_progress' })).toEqual(base.replyDeadline);
    expect(nextLookAt({ ...base, status: 'replied' })).toBeNull();
  });
});

describe('daily limit window', () => {
  it('starts at China midnight', () => {
    expect(chinaDayStart(new Date('2026-11-27T17:00:00Z')).toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });
});

describe('the escalation ladder', () => {
  const stations = [{ _id: 'home', name: '代表之家' }, { _id: 'st1', name: '东湖活动站', parentId: 'home' }, { _id: 'cp01', name: '青石联络点', parentId: 'st1' }];
  it('climbs from the community’s contact point to the home, then staff', () => {
    expect(supervisionLadder('cp01', stations)).toEqual(['cp01', 'st1', 'home', 'staff']);
    expect(supervisionLadder('unknown', stations)).toEqual(['staff']);
  });
  it('names each rung', () => {
    expect(['st1', 'staff', 'x9'].map((r) => rungName(r, stations))).toEqual(['东湖活动站', '街道人大工委', 'x9']);
  });
});

describe('supervision fields, one writer', () => {
  const late = { status: 'in_progress', overdue: false, acceptDeadline: at('2026-11-30T23:59:59'), replyDeadline: at('2026-12-04T23:59:59') };
  it('looks again at the next deadline when nothing is due, and never once overdue at the top', () => {
    expect(nothingDue(late)).toEqual({ nextSupervisionAt: late.replyDeadline });
    expect(nothingDue({ ...late, overdue: true })).toEqual({ nextSupervisionAt: null });
  });
  it('recounts deadlines counted on weekends only once the year is known, unless already overdue', () => {
    const weekendsOnly = { holidays: new Set<string>(), workdays: new Set<string>(), years: new Set<number>() };
    const landedAt = at('2027-02-05T10:00:00');
    const before = deadlineFields(landedAt, { accept: 1, reply: 5 }, weekendsOnly);
    expect(before.deadlineWeekendsOnly).toBe(true);
    const withHolidays = { holidays: new Set(['2027-02-08', '2027-02-09']), workdays: new Set<string>(), years: new Set([2027]) };
    const r = recounted({ status: 'assigned', overdue: false, landedAt, deadlineDays: { accept: 1, reply: 5 } }, withHolidays);
    expect(r).toMatchObject({ deadlineWeekendsOnly: false });
    expect(chinaDay(r!.replyDeadline!)).toBe('2027-02-16');
    expect(r!.nextSupervisionAt).toEqual(r!.acceptDeadline);
    expect(recounted({ status: 'assigned', overdue: true, landedAt, deadlineDays: { accept: 1, reply: 5 } }, withHolidays)).toBeNull();
  });
});
