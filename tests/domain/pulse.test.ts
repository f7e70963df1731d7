// 晴雨表's pure parts: China-time periods and their comparisons, what one appeal counts for, derived rates,
// and the Open311 mapping (nothing personal, GeoReport field names, CSV quoting).
import { appealFacts, derive, publicLine, type AppealRecord } from '../../domain/pulse/figures';
import { REQUEST_FIELDS, toCsv, toOpen311 } from '../../domain/pulse/open311';
import { comparisonsOf, isPeriodKey, kindOf, monthOf, monthsOf, periodLabel, periodOf, shiftPeriod } from '../../domain/pulse/periods';
import type { HolidayData } from '../../domain/calendar';

const NO_HOLIDAYS: HolidayData = { holidays: new Set(), workdays: new Set(), years: new Set() };
const china = (s: string) => new Date(`${s}+08:00`);

describe('periods', () => {
  it('reads months in China time: 23:30 UTC on the 31st is already the next month', () => {
    expect(monthOf(new Date('2026-10-31T23:30:00Z'))).toBe('2026-11');
    expect(periodOf(new Date('2026-10-31T23:30:00Z'), 'quarter')).toBe('2026-Q4');
    expect(periodOf(china('2026-03-31T23:59:00'), 'quarter')).toBe('2026-Q1');
    expect(periodOf(china('2026-03-31T23:59:00'), 'year')).toBe('2026');
  });

  it('compares with the same period last year and the one a quarter before, across year ends', () => {
    expect(comparisonsOf('2026-02')).toEqual({ lastYear: '2025-02', lastQuarter: '2025-11' });
    expect(comparisonsOf('2026-Q1')).toEqual({ lastYear: '2025-Q1', lastQuarter: '2025-Q4' });
    expect(comparisonsOf('2026')).toEqual({ lastYear: '2025', lastQuarter: null });
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
  });

  it('knows which months a period covers and how to say it', () => {
    expect(monthsOf('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOf('2026')).toHaveLength(12);
    expect([periodLabel('2026-11'), periodLabel('2026-Q4'), periodLabel('2026')]).toEqual(['2026年11月', '2026年第四季度', '2026年']);
    expect(['2026-13', '2026-Q5', '26', '2026-1'].map(isPeriodKey)).toEqual([false, false, false, false]);
    expect(kindOf('2026-Q2')).toBe('quarter');
  });
});

const base: AppealRecord = { communityId: 'c1', category: 'housing', status: 'closed', createdAt: china('2026-11-27T10:00:00'), assigneeDeputyId: 'd1', acceptedAt: china('2026-11-30T09:00:00'), repliedAt: china('2026-12-01T09:00:00'), closedAt: china('2026-12-02T09:00:00'), resolution: 'in_plan', rating: { value: 'basically_satisfied' }, reopenCount: 1 };

describe('what one appeal counts for', () => {
  it('counts receipt in its month, the reply and the closing in theirs, times in working days', () => {
    const facts = appealFacts(base, NO_HOLIDAYS);
    const at = (m: string) => Object.fromEntries(facts.filter((f) => f.month === m).map((f) => [f.measure, f.value]));
    // Friday 27 Nov → Monday 30 Nov is one working day; → Wednesday 2 Dec is three.
    expect(at('2026-11')).toEqual({ received: 1, routed: 1, firstResponseCount: 1, firstResponseDays: 1 });
    expect(at('2026-12')).toEqual({ replied: 1, closed: 1, closeDays: 3, inPlan: 1, rated: 1, satisfied: 1, redone: 1 });
  });

  it('a held appeal is received but not routed; an overdue, escalated one says so', () => {
    const held = appealFacts({ ...base, status: 'pending_review', assigneeDeputyId: undefined, acceptedAt: undefined, repliedAt: undefined, closedAt: undefined }, NO_HOLIDAYS).map((f) => f.measure);
    expect(held).toEqual(['received']);
    const late = appealFacts({ ...base, status: 'assigned', overdueAt: china('2026-12-05T00:00:00'), escalatedTo: 's1' }, NO_HOLIDAYS).map((f) => f.measure);
    expect(late).toEqual(expect.arrayContaining(['overdue', 'escalated']));
    expect(late).not.toContain('closed');
  });

  it('derives rates only when there is something to divide', () => {
    expect(derive({})).toEqual({ satisfactionRate: null, redoRate: null, implementedShare: null, avgFirstResponseDays: null, avgCloseDays: null });
    expect(derive({ closed: 3, rated: 3, satisfied: 2, redone: 1, implemented: 2, closeDays: 10 })).toMatchObject({ satisfactionRate: 66.7, redoRate: 33.3, implementedShare: 66.7, avgCloseDays: 3.3 });
    expect(publicLine({ closed: 3, rated: 3, satisfied: 2 })).toBe('本月办结 3 件，满意率 66.7%');
    expect(publicLine({})).toBe('本月办结 0 件');
  });
});

describe('Open311 mapping', () => {
  const appeal = { _id: 'a1', status: 'replied', category: 'housing', communityId: 'c1', content: '我是林晓梅，电话13812345678，路灯坏了', contactName: '林晓梅', reply: '已修好，联系13900001111', resolution: 'implemented', createdAt: china('2026-11-27T10:00:00'), updatedAt: china('2026-11-28T10:00:00'), replyDeadline: china('2026-12-04T23:59:59'), location: { latitude: 30.274084, longitude: 120.155070 } };

  it('carries every GeoReport field, open while not closed, nothing personal, location rounded', () => {
    const r = toOpen311(appeal, { category: '住房物业', community: '青石社区', station: '青石代表活动站' });
    expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(r).toMatchObject({ service_request_id: 'a1', status: 'open', service_code: 'housing', service_name: '住房物业', agency_responsible: '青石代表活动站', address: '青石社区', requested_datetime: '2026-11-27T10:00:00+08:00', expected_datetime: '2026-12-04T23:59:59+08:00', lat: 30.274, long: 120.155 });
    expect(JSON.stringify(r)).not.toMatch(/林晓梅|13812345678|13900001111/);
    expect(toOpen311({ ...appeal, status: 'closed' }, {})).toMatchObject({ status: 'closed', expected_datetime: null });
  });

  it('writes CSV with the field names as header and quotes what needs it', () => {
    const csv = toCsv([toOpen311({ ...appeal, content: '门口"积水",很深' }, {})]);
    const [header, row] = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(header).toBe(REQUEST_FIELDS.join(','));
    expect(row).toContain('"门口""积水"",很深"');
  });
});
