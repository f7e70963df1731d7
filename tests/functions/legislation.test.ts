/** 立法意见征询 through the functions: each story on a draft of its own, entered as a clerk enters one in the console. */
import { RISKY_MARK } from '../factories/appeals';
import { clockTo, MINUTE, resetClock, runtimeNow } from '../factories/clock';
import { readXlsxRows } from '../support/xlsx';
import { chinaYear } from '../../domain/time';
import { comment, commentEvent, compiledDraft, consultingDraft, offlineOpinion } from '../factories/legislation';
import { boundDeputies, resident, staffMember } from '../factories/people';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let staff: string;
useRuntime(async (r) => { rt = r; staff = await staffMember(r); });
afterEach(async () => { await resetClock(rt); });

const listed = async (draftId: string) => (await rt.ok('legislation', { action: 'drafts' }, await resident(rt))).find((d: { _id: string }) => d._id === draftId);

describe('立法意见征询', () => {
  it('residents find a draft open for comment, with its sections and nothing rolled up yet', async () => {
    const draft = await consultingDraft(rt, { sections: 5 });
    expect(await listed(draft.draftId)).toMatchObject({ title: draft.title, status: 'consulting', rollup: { total: 0, adoptionRate: null } });
    const detail = await rt.ok('legislation', { action: 'detail', draftId: draft.draftId }, await resident(rt));
    expect(detail.sections.map((s: { _id: string }) => s._id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(detail.myComments).toEqual([]);
  });

  it('a resident’s comment is taken once per request; risky text and unknown sections are refused', async () => {
    const draft = await consultingDraft(rt);
    const { event, resident: r } = await commentEvent(rt, draft, { sectionId: 's4', content: '建议不要一刀切禁止大型犬，可以按体型和性格分类管理。' });
    const first = await rt.ok('legislation', event, r);
    expect(first).toMatchObject({ draftId: draft.draftId, sectionId: 's4', adoption: 'pending' });
    expect((await rt.ok('legislation', event, r))._id).toBe(first._id);
    expect((await rt.ok('legislation', { action: 'detail', draftId: draft.draftId }, r)).myComments.map((c: { _id: string }) => c._id)).toEqual([first._id]);
    const unknownSection = await commentEvent(rt, draft, { sectionId: 's9', content: '没有这一条的意见内容' });
    expect(await rt.code('legislation', unknownSection.event, unknownSection.resident)).toBe('INVALID_ARGUMENT');
    const risky = await commentEvent(rt, draft, { sectionId: null, content: `${RISKY_MARK}违规的意见内容` });
    expect(await rt.code('legislation', risky.event, risky.resident)).toBe('CONTENT_REJECTED');
    expect((await rt.ok('legislation', { action: 'comments', draftId: draft.draftId }, staff)).items.map((c: { _id: string }) => c._id)).toEqual([first._id]);
  });

  it('staff record an adoption decision with a reason, the author is told, and the draft rolls the decisions up', async () => {
    const draft = await consultingDraft(rt);
    const a = await comment(rt, draft, { sectionId: 's4', content: '建议不要一刀切禁止大型犬，可以按体型和性格分类管理。' });
    const b = await comment(rt, draft, { sectionId: 's3', content: '建议在小区多设置狗便袋投放点。' });
    const c = await comment(rt, draft, { sectionId: null, content: '希望增加对流浪犬的管理内容。' });
    expect(await rt.code('legislation', { action: 'comments', draftId: draft.draftId }, a.resident)).toBe('PERMISSION_DENIED');
    const pending = await rt.ok('legislation', { action: 'comments', draftId: draft.draftId }, staff);
    expect(pending.items.map((x: { _id: string }) => x._id)).toEqual([a.id, b.id, c.id]);
    // The higher congress answers what the street submitted: nothing to record before the submission.
    expect(await rt.code('legislation', { action: 'adopt', id: a.id, adoption: 'adopted', reason: '第四条修改为按犬只体型分级管理。' }, staff)).toBe('FAILED_PRECONDITION');
    await compiledDraft(rt, draft, staff);
    expect(await rt.code('legislation', { action: 'adopt', id: a.id, adoption: 'adopted', reason: '' }, staff)).toBe('INVALID_ARGUMENT');
    await rt.ok('legislation', { action: 'adopt', id: a.id, adoption: 'partially_adopted', reason: '第四条修改为按犬只体型分级管理，不再一律禁止。' }, staff);
    await rt.ok('legislation', { action: 'adopt', id: b.id, adoption: 'adopted', reason: '已在第三条增加由物业设置投放点的规定。' }, staff);
    await rt.ok('legislation', { action: 'adopt', id: c.id, adoption: 'not_adopted', reason: '流浪犬管理属区级部门职责，已转交区农业农村局。' }, staff);
    expect((await rt.ok('legislation', { action: 'myComments' }, a.resident)).items[0]).toMatchObject({ _id: a.id, adoption: 'partially_adopted', adoptionReason: '第四条修改为按犬只体型分级管理，不再一律禁止。' });
    const told = (await rt.ok('user', { action: 'inbox' }, a.resident)).items[0];
    expect(told.title).toContain('部分采纳');
    expect(told.title).toContain(draft.title);
    expect((await listed(draft.draftId)).rollup).toEqual({ total: 3, pending: 0, adopted: 1, partially_adopted: 1, not_adopted: 1, adoptionRate: 2 / 3 });
  });

  it('a draft takes no comments once its consultation period is over', async () => {
    const draft = await consultingDraft(rt, { days: 30 });
    const { event, resident: r } = await commentEvent(rt, draft, { sectionId: null, content: '期限后提交的意见内容' });
    await clockTo(rt, draft.closesAt.getTime() + MINUTE);
    expect((await listed(draft.draftId)).status).toBe('closed');
    expect(await rt.code('legislation', event, r)).toBe('FAILED_PRECONDITION');
  });
});

describe('立法信息采集 through the 1+17+N points', () => {
  it('lists the deputies’ home, the 17 community stations and contact points, and the N units', async () => {
    const { formula, points } = await rt.ok('legislation', { action: 'points' }, await resident(rt));
    expect(formula).toMatch(/^1\+17\+\d+$/);
    expect(points[0]).toMatchObject({ kind: 'home', group: '代表之家' });
    expect(points.filter((p: { kind: string }) => p.kind === 'unit').map((p: { unitKind: string }) => p.unitKind)).toEqual(expect.arrayContaining(['enterprise', 'court', 'judicial_office', 'police_station', 'law_firm']));
  });

  it('a draft’s opinions from residents and offline points are compiled by article into a submission, and each contributor hears what the higher congress adopted', async () => {
    const draft = await consultingDraft(rt, { sections: 3 });
    const [deputy] = await boundDeputies(rt);
    const online = await comment(rt, draft, { sectionId: 's1', pointId: 'st1', content: '建议登记可以在网上办理，方便上班族。' });
    const plain = await comment(rt, draft, { sectionId: null, content: '建议增加对流浪犬救助的规定。' });
    const offline = await offlineOpinion(rt, draft, { by: deputy.openid, pointId: 'u03', contributorName: '清河人民法庭庭长', sectionId: 's1', content: '建议明确犬只伤人纠纷的调解程序。' });
    expect(await rt.code('legislation', { action: 'recordOffline', requestId: 'offline-bad-point-1', draftId: draft.draftId, pointId: 'nowhere', content: '没有这个联系点的意见' }, deputy.openid)).toBe('INVALID_ARGUMENT');
    expect(await rt.code('legislation', { action: 'recordOffline', requestId: 'offline-by-resident', draftId: draft.draftId, pointId: 'st1', content: '居民不能代录意见' }, online.resident)).toBe('PERMISSION_DENIED');
    expect((await rt.ok('legislation', { action: 'detail', draftId: draft.draftId }, online.resident)).myComments[0]).toMatchObject({ pointName: '青石代表活动站', channel: 'online' });

    const staff = await staffMember(rt);
    expect(await rt.code('street', { action: 'compileDraft', draftId: draft.draftId }, staff)).toBe('FAILED_PRECONDITION'); // still open
    const sub = await compiledDraft(rt, draft, staff);
    expect(sub).toMatchObject({ draftId: draft.draftId, issuingBody: '清江市人大常委会', total: 3 });
    expect(sub.sections.map((s: { title: string; count: number }) => [s.title, s.count])).toEqual([['第一条 登记', 2], ['第二条 出户', 0], ['第三条 粪便', 0], ['总体意见', 1]]);
    expect(sub.byPoint).toEqual(expect.arrayContaining([{ pointId: 'st1', pointName: '青石代表活动站', count: 1 }, { pointId: 'online', pointName: '线上（小程序）', count: 1 }, expect.objectContaining({ pointId: 'u03', count: 1 })]));
    const rows = await readXlsxRows(sub.url, '意见明细');
    expect(rows[0]).toEqual(['条款', '序号', '意见建议', '来源联系点']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['第一条 登记', '第一条 登记', '总体意见']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(expect.arrayContaining(['建议明确犬只伤人纠纷的调解程序。']));
    expect(await rt.code('street', { action: 'compileDraft', draftId: draft.draftId }, staff)).toBe('FAILED_PRECONDITION'); // once
    expect(await rt.code('legislation', { action: 'recordOffline', requestId: 'offline-too-late-1', draftId: draft.draftId, pointId: 'st1', content: '报送以后补录的意见' }, deputy.openid)).toBe('FAILED_PRECONDITION');
    expect((await rt.ok('legislation', { action: 'submission', draftId: draft.draftId }, staff)).total).toBe(3);

    await rt.ok('legislation', { action: 'adopt', id: online.id, adoption: 'adopted', reason: '草案修改稿第一条已增加网上办理登记。' }, staff);
    await rt.ok('legislation', { action: 'adopt', id: plain.id, adoption: 'not_adopted', reason: '流浪犬救助另行立法规定。' }, staff);
    await rt.ok('legislation', { action: 'adopt', id: offline.id, adoption: 'partially_adopted', reason: '调解程序在配套办法中细化。' }, staff);
    expect((await rt.ok('user', { action: 'inbox' }, online.resident)).items[0].title).toContain('全部采纳');
    expect((await rt.ok('user', { action: 'inbox' }, plain.resident)).items[0].title).toContain('未采纳');
    const relay = (await rt.ok('user', { action: 'inbox' }, deputy.openid)).items.find((m: { body: string }) => m.body.includes(draft.title));
    expect(relay.title).toBe('您录入的意见：部分采纳（请转告清河人民法庭庭长）');
  });

  it('reports the seeded year as the street does: 11 drafts, 170 opinions submitted, 5 fully and 7 partly adopted, by point', async () => {
    const staff = await staffMember(rt);
    const year = chinaYear(await runtimeNow(rt)) - 1;
    const figures = await rt.ok('legislation', { action: 'yearFigures', year }, staff);
    expect(figures).toMatchObject({ year, draftsConsulted: 11, opinionsCollected: 170, submitted: 170, adopted: 5, partiallyAdopted: 7 });
    expect(figures.byPoint.reduce((n: number, p: { submitted: number }) => n + p.submitted, 0)).toBe(170);
    expect(figures.byPoint.reduce((n: number, p: { adopted: number; partiallyAdopted: number }) => n + p.adopted + p.partiallyAdopted, 0)).toBe(12);
    expect(figures.byPoint.some((p: { pointId: string }) => p.pointId === 'home')).toBe(true);
    expect(await rt.code('legislation', { action: 'yearFigures', year }, await resident(rt))).toBe('PERMISSION_DENIED');
  });
});
