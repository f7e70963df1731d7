// Issue 16: 晴雨表 from a seeded year — the nightly run's summaries equal an independent recount of the stored
// appeals; it runs in bounded steps and resumes; the Excel export carries the same figures; Open311 GeoReport
// v2 and the CSV carry only the 回音壁 copies residents published (closed cases), with no phone, name or openid.
import Workbook from 'exceljs/lib/doc/workbook';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { workingDaysBetween, type HolidayData } from '../../domain/calendar';
import { REQUEST_FIELDS, SERVICE_FIELDS } from '../../domain/pulse/open311';
import { chinaDay } from '../../domain/time';
import { heldAppeal, routedAppeal } from '../factories/appeals';
import { runtimeNow } from '../factories/clock';
import { staffMember } from '../factories/people';
import { appealYear, PHONE_IN_TEXT, PUBLIC_CONTACT } from '../factories/pulse';
import { dbAll, dbPatch } from '../support/console';
import { startRuntime, type RunningRuntime } from '../support/runtime';

jest.setTimeout(600_000);

let rt: RunningRuntime;
let staff: string;
let appeals: any[];
let now: Date;

const json = (c: { holidays: Record<string, string>; workdays: Record<string, string> }) => c;
const days = json(chineseDays as never);
const calendar: HolidayData = { holidays: new Set(Object.keys(days.holidays)), workdays: new Set(Object.keys(days.workdays)), years: new Set(Object.keys(days.holidays).map((d) => Number(d.slice(0, 4)))) };
const date = (v: any): Date | undefined => (v?.$date ? new Date(v.$date) : v ? new Date(v) : undefined);
const monthOf = (v: any) => chinaDay(date(v)!).slice(0, 7);

/** The recount: each figure by its own filter over the stored documents, as a clerk would count them. */
function recount(docs: any[], inPeriod: (month: string) => boolean): Record<string, number> {
  const received = docs.filter((a) => inPeriod(monthOf(a.createdAt)));
  const closed = docs.filter((a) => a.status === 'closed' && a.closedAt && inPeriod(monthOf(a.closedAt)));
  const accepted = received.filter((a) => a.acceptedAt);
  const figures: Record<string, number> = {
    received: received.length,
    routed: received.filter((a) => ['assigned', 'in_progress', 'replied', 'closed'].includes(a.status) || a.assigneeDeputyId).length,
    overdue: received.filter((a) => a.overdueAt).length,
    escalated: received.filter((a) => a.escalatedTo || a.escalationLevel > 0).length,
    firstResponseCount: accepted.length,
    firstResponseDays: accepted.reduce((s, a) => s + workingDaysBetween(date(a.createdAt)!, date(a.acceptedAt)!, calendar), 0),
    replied: docs.filter((a) => a.repliedAt && inPeriod(monthOf(a.repliedAt))).length,
    closed: closed.length,
    closeDays: closed.reduce((s, a) => s + workingDaysBetween(date(a.createdAt)!, date(a.closedAt)!, calendar), 0),
    implemented: closed.filter((a) => a.resolution === 'implemented').length,
    inPlan: closed.filter((a) => a.resolution === 'in_plan').length,
    explained: closed.filter((a) => a.resolution === 'explained').length,
    rated: closed.filter((a) => a.rating).length,
    satisfied: closed.filter((a) => a.rating && a.rating.value !== 'unsatisfied').length,
    redone: closed.filter((a) => a.reopenCount > 0).length,
  };
  return figures;
}

const nonZero = (f: Record<string, number | undefined>) => Object.fromEntries(Object.entries(f).filter(([, v]) => v));
const board = (period: string, dimension = 'all') => rt.ok('pulse', { action: 'board', period, dimension }, staff);
const months = (from: Date, count: number) => Array.from({ length: count }, (_, i) => chinaDay(new Date(from.getTime() - i * 30 * 86_400_000)).slice(0, 7));

let scanSteps = 0;
async function runToCompletion(): Promise<number> {
  let invocations = 0;
  // Five records a step, one step an invocation: the scan itself spans several invocations.
  let report = await rt.dev<any>('invoke/pulse', { Type: 'Admin', action: 'rebuild', restart: true, maxBatches: 1, batchSize: 5 });
  invocations++;
  while (report.data.more) {
    report = await rt.dev<any>('invoke/pulse', { Type: 'Admin', action: 'rebuild', maxBatches: 1, batchSize: 5 });
    if (report.data.phase === 'scanning') scanSteps++;
    invocations++;
    if (invocations > 200) throw new Error('the run never finished');
  }
  expect(report.data.phase).toBe('done');
  return invocations;
}

beforeAll(async () => {
  rt = await startRuntime();
  staff = await staffMember(rt);
  await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, staff);
  await appealYear(rt, { months: 13, perMonth: 2, places: [{}, { communityId: 'c01', category: 'housing' }] });
  // Not public: the resident chose not to publish it.
  const hidden = await routedAppeal(rt, { publish: false, content: '不公开的诉求：家门口的井盖松动了' });
  await heldAppeal(rt, {});
  now = await runtimeNow(rt);
  appeals = await dbAll(rt, 'appeals');
  expect(appeals.find((a) => a._id === hidden.id)?.publish).toBe(false);
});
afterAll(async () => { await rt?.stop(); });

describe('晴雨表 from a seeded year', () => {
  it('computes in bounded steps that resume where the last one stopped, then matches a recount exactly', async () => {
    const invocations = await runToCompletion();
    expect(invocations).toBeGreaterThan(2);
    expect(scanSteps).toBeGreaterThanOrEqual(Math.floor(appeals.length / 5) - 1);
    const audit = await dbAll(rt, 'audit', { entityType: 'pulse', action: 'compute' });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[audit.length - 1]).toMatchObject({ actorRole: 'system', source: 'timer' });
    for (const month of months(now, 14)) {
      const b = await board(month);
      expect({ month, ...nonZero(b.total.figures) }).toEqual({ month, ...nonZero(recount(appeals, (m) => m === month)) });
    }
    const seeded = recount(appeals, () => true);
    // The seeded year covers every kind of figure (else the comparison would prove little).
    for (const k of ['received', 'routed', 'replied', 'closed', 'implemented', 'inPlan', 'explained', 'satisfied', 'redone', 'overdue', 'firstResponseDays', 'closeDays']) expect([k, seeded[k] > 0]).toEqual([k, true]);
    const year = chinaDay(now).slice(0, 4);
    expect(nonZero((await board(year)).total.figures)).toEqual(nonZero(recount(appeals, (m) => m.startsWith(year))));
    const q = `${year}-Q${Math.ceil(Number(chinaDay(now).slice(5, 7)) / 3)}`;
    const quarterMonths = new Set((await board(q)).trend.slice(-3).map((t: any) => t.period));
    expect(nonZero((await board(q)).total.figures)).toEqual(nonZero(recount(appeals, (m) => quarterMonths.has(m) && m.startsWith(year))));
  });

  it('breaks the figures down by community and deputy, each row matching its own recount', async () => {
    const month = months(now, 3)[2];
    for (const dim of [['community', 'communityId'], ['deputy', 'assigneeDeputyId'], ['category', 'category']] as const) {
      const b = await board(month, dim[0]);
      expect(b.rows.length).toBeGreaterThan(0);
      for (const row of b.rows) expect(nonZero(row.figures)).toEqual(nonZero(recount(appeals.filter((a) => a[dim[1]] === row.id), (m) => m === month)));
    }
  });

  it('compares the period with the same month last year and a quarter before, and derives the rates', async () => {
    const month = months(now, 1)[0];
    const b = await board(month);
    expect(b.lastYear.period).toBe(`${Number(month.slice(0, 4)) - 1}${month.slice(4)}`);
    expect(nonZero(b.lastYear.figures)).toEqual(nonZero(recount(appeals, (m) => m === b.lastYear.period)));
    expect(nonZero(b.lastQuarter.figures)).toEqual(nonZero(recount(appeals, (m) => m === b.lastQuarter.period)));
    const y = await board(month.slice(0, 4));
    const f = y.total.figures;
    expect(y.total.derived.satisfactionRate).toBe(f.rated ? Math.round((f.satisfied / f.rated) * 1000) / 10 : null);
    expect(y.total.derived.redoRate).toBe(f.closed ? Math.round(((f.redone ?? 0) / f.closed) * 1000) / 10 : null);
    // Mediation, activities and legislation have no contributor yet: their measures are absent, not zero.
    expect(y.sources).toEqual(['appeals']);
    expect(f.mediationCases).toBeUndefined();
  });

  it('does not count a second time on the same day, and the nightly trigger finds the day done', async () => {
    const before = await board(months(now, 2)[1]);
    expect((await rt.dev<any>('trigger/pulse/nightly', {})).data).toMatchObject({ phase: 'skipped', more: false });
    expect((await board(months(now, 2)[1])).total).toEqual(before.total);
    // A forced rerun in one invocation (several batches per save) lands on the same figures.
    expect((await rt.dev<any>('invoke/pulse', { Type: 'Admin', action: 'rebuild', restart: true })).data).toMatchObject({ phase: 'done', more: false });
    expect((await board(months(now, 2)[1])).total).toEqual(before.total);
  });

  it('exports the period to an .xlsx that reads back with the same figures', async () => {
    const month = months(now, 2)[1];
    const b = await board(month);
    const exp = await rt.ok('pulse', { action: 'exportPulse', period: month }, staff);
    expect(exp.fileId).toMatch(/^cloud:\/\//);
    expect((await dbAll(rt, 'audit', { entityType: 'pulse', action: 'export', entityId: month })).map((e) => e.actorOpenid)).toEqual([staff]);
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(await (await fetch(exp.url)).arrayBuffer()) as never);
    const total = wb.getWorksheet('总览')!;
    const byLabel = new Map<string, unknown[]>();
    total.eachRow((row) => { const v = row.values as unknown[]; byLabel.set(String(v[1]), v); });
    for (const m of b.measures.filter((x: any) => x.source === 'appeals')) expect([m.label, byLabel.get(m.label)?.[2]]).toEqual([m.label, b.total.figures[m.key] ?? 0]);
    expect(byLabel.get('调解案件')?.[2]).toBe('暂无数据');
    const communities = wb.getWorksheet('按社区')!;
    const rows = (await board(month, 'community')).rows;
    expect(communities.rowCount - 1).toBe(rows.length);
    const header = communities.getRow(1).values as unknown[];
    const receivedCol = header.indexOf('收到诉求');
    communities.eachRow((row, i) => {
      if (i === 1) return;
      const v = row.values as unknown[];
      expect(v[receivedCol]).toBe(rows.find((r: any) => r.id === v[1]).figures.received ?? 0);
    });
  });

  it('shows the public summary line for this month, for the street and for one station', async () => {
    const s = await rt.ok('directory', { action: 'publicSummary' }, 'dev_resident_1');
    const month = chinaDay(now).slice(0, 7);
    const figures = recount(appeals, (m) => m === month);
    expect(s.closed).toBe(figures.closed);
    expect(s.line).toMatch(new RegExp(`^本月办结 ${figures.closed} 件`));
    const station = await rt.ok('directory', { action: 'publicSummary', stationId: 'nowhere' }, 'dev_resident_1');
    expect(station).toMatchObject({ closed: 0, line: '本月办结 0 件' });
  });

  it('refuses the board to residents and a malformed period with a Chinese message', async () => {
    expect(await rt.code('pulse', { action: 'board', period: '2026-11' }, 'dev_resident_1')).toBe('PERMISSION_DENIED');
    const bad = await rt.call('pulse', { action: 'board', period: '2026-13' }, staff);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(bad.body.error.message).toMatch(/统计期/);
  });
});

describe('Open311 GeoReport v2', () => {
  const get = async (path: string) => {
    const res = await fetch(`${rt.url}/http/opendata/${path}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const personal = () => {
    const openids = appeals.map((a) => a.submitterOpenid as string);
    return [PUBLIC_CONTACT.name, PUBLIC_CONTACT.phone, PHONE_IN_TEXT, ...openids];
  };

  it('lists the services with the GeoReport fields', async () => {
    const r = await get('services.json');
    expect(r.status).toBe(200);
    const services = JSON.parse(r.text);
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
  });

  it('serves only what residents published on the 回音壁, every GeoReport field, and nothing personal', async () => {
    const r = await get('requests.json?page_size=100');
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/application\/json/);
    const requests = JSON.parse(r.text);
    const published = appeals.filter((a) => a.publish === true && a.wall);
    expect(published.length).toBeGreaterThan(3);
    expect(appeals.some((a) => a.status === 'closed' && !a.publish)).toBe(true);
    expect(requests.map((x: any) => x.service_request_id).sort()).toEqual(published.map((a) => a._id).sort());
    // Publishing needs a closed case: nothing still being handled is in the feed.
    expect(new Set(requests.map((x: any) => x.status))).toEqual(new Set(['closed']));
    expect(JSON.parse((await get('requests.json?status=open')).text)).toEqual([]);
    for (const x of requests) {
      expect(Object.keys(x).sort()).toEqual([...REQUEST_FIELDS].sort());
      expect(x.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      const stored = appeals.find((a) => a._id === x.service_request_id);
      expect(x.status).toBe(stored.status === 'closed' ? 'closed' : 'open');
      expect(x.service_code).toBe(stored.category);
      expect(x.description).toBe(stored.wall.summary);
    }
    for (const p of personal()) expect(r.text).not.toContain(p);
    expect(r.text).toContain('[手机号已隐藏]');
  });

  it('pages, filters by status and service, and answers one request by id', async () => {
    const all = JSON.parse((await get('requests.json?page_size=100')).text);
    const p1 = JSON.parse((await get('requests.json?page_size=3&page=1')).text);
    const p2 = JSON.parse((await get('requests.json?page_size=3&page=2')).text);
    expect(p1.length).toBe(3);
    expect([...p1, ...p2].map((x: any) => x.service_request_id)).toEqual(all.slice(0, 6).map((x: any) => x.service_request_id));
    const closed = JSON.parse((await get('requests.json?status=closed&page_size=100')).text);
    expect(closed.length).toBe(all.filter((x: any) => x.status === 'closed').length);
    const housing = JSON.parse((await get('requests.json?service_code=housing&page_size=100')).text);
    expect(housing.every((x: any) => x.service_code === 'housing')).toBe(true);
    const one = JSON.parse((await get(`requests/${all[0].service_request_id}.json`)).text);
    expect(one).toEqual([all[0]]);
    const hidden = appeals.find((a) => a.status === 'closed' && !a.publish);
    expect((await get(`requests/${hidden._id}.json`)).status).toBe(404);
    expect((await get('requests.json?page_size=1000')).status).toBe(400);
    expect((await get('requests.json?status=maybe')).status).toBe(400);
    expect((await fetch(`${rt.url}/http/opendata/requests.json`, { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('offers the same requests as CSV for the committee', async () => {
    const all = JSON.parse((await get('requests.json?page_size=100')).text);
    const r = await get('requests.csv');
    expect(r.type).toMatch(/text\/csv/);
    const lines = r.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe(REQUEST_FIELDS.join(','));
    expect(lines.length - 1).toBe(all.length);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(all.map((x: any) => x.service_request_id));
    for (const p of personal()) expect(r.text).not.toContain(p);
  });

  it('leaves a case out once staff unpublish it', async () => {
    const all = JSON.parse((await get('requests.json?page_size=100')).text);
    await dbPatch(rt, 'appeals', all[0].service_request_id, { publish: false });
    const after = JSON.parse((await get('requests.json?page_size=100')).text);
    expect(after.map((x: any) => x.service_request_id)).not.toContain(all[0].service_request_id);
  });
});
