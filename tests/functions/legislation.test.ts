/** 立法意见征询 through the functions: each story on a draft of its own, entered as a clerk enters one in the console. */
import { RISKY_MARK } from '../factories/appeals';
import { clockTo, MINUTE, resetClock } from '../factories/clock';
import { comment, commentEvent, consultingDraft } from '../factories/legislation';
import { resident, staffMember } from '../factories/people';
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
