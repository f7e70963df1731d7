import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
beforeAll(async () => { rt = await startRuntime(); });
afterAll(async () => { await rt?.stop(); });

const STAFF = 'dev_staff_1';
const D = 'draft-dogs';

describe('立法意见征询', () => {
  it('lists the seeded draft open for comment, with sections', async () => {
    const drafts = await rt.ok('legislation', { action: 'drafts' }, 'dev_resident_1');
    expect(drafts[0]).toMatchObject({ _id: D, status: 'consulting', rollup: { total: 0, adoptionRate: null } });
    const detail = await rt.ok('legislation', { action: 'detail', draftId: D }, 'dev_resident_1');
    expect(detail.sections.map((s: { _id: string }) => s._id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });

  it('takes comments once per request, refuses risky text and unknown sections', async () => {
    const first = await rt.ok('legislation', { action: 'comment', requestId: 'cmt-000001', draftId: D, sectionId: 's4', content: '建议不要一刀切禁止大型犬，可以按体型和性格分类管理。' }, 'dev_resident_1');
    const again = await rt.ok('legislation', { action: 'comment', requestId: 'cmt-000001', draftId: D, sectionId: 's4', content: '建议不要一刀切禁止大型犬，可以按体型和性格分类管理。' }, 'dev_resident_1');
    expect(again._id).toBe(first._id);
    expect(first.adoption).toBe('pending');
    expect((await rt.call('legislation', { action: 'comment', requestId: 'cmt-000002', draftId: D, sectionId: 's9', content: '没有这一条的意见内容' }, 'dev_resident_1')).body.error.code).toBe('INVALID_ARGUMENT');
    expect((await rt.call('legislation', { action: 'comment', requestId: 'cmt-000003', draftId: D, content: '【测试违规】违规的意见内容' }, 'dev_resident_2')).body.error.code).toBe('CONTENT_REJECTED');
    await rt.ok('legislation', { action: 'comment', requestId: 'cmt-000004', draftId: D, sectionId: 's3', content: '建议在小区多设置狗便袋投放点。' }, 'dev_resident_2');
    await rt.ok('legislation', { action: 'comment', requestId: 'cmt-000005', draftId: D, content: '希望增加对流浪犬的管理内容。' }, 'dev_resident_3');
  });

  it('records an adoption decision with a reason, tells the author and rolls it up per draft', async () => {
    expect((await rt.call('legislation', { action: 'comments', draftId: D }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    const pending = await rt.ok('legislation', { action: 'comments', draftId: D }, STAFF);
    expect(pending.items).toHaveLength(3);
    const [a, b, c] = pending.items;
    expect((await rt.call('legislation', { action: 'adopt', id: a._id, adoption: 'adopted', reason: '' }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    await rt.ok('legislation', { action: 'adopt', id: a._id, adoption: 'partially_adopted', reason: '第四条修改为按犬只体型分级管理，不再一律禁止。' }, STAFF);
    await rt.ok('legislation', { action: 'adopt', id: b._id, adoption: 'adopted', reason: '已在第三条增加由物业设置投放点的规定。' }, STAFF);
    await rt.ok('legislation', { action: 'adopt', id: c._id, adoption: 'not_adopted', reason: '流浪犬管理属区级部门职责，已转交区农业农村局。' }, STAFF);
    const mine = await rt.ok('legislation', { action: 'myComments' }, 'dev_resident_1');
    expect(mine.items[0]).toMatchObject({ adoption: 'partially_adopted', adoptionReason: '第四条修改为按犬只体型分级管理，不再一律禁止。' });
    const inbox = await rt.ok('user', { action: 'inbox' }, 'dev_resident_1');
    expect(inbox.items[0].title).toContain('部分采纳');
    const [draft] = await rt.ok('legislation', { action: 'drafts' }, 'dev_resident_2');
    expect(draft.rollup).toEqual({ total: 3, pending: 0, adopted: 1, partially_adopted: 1, not_adopted: 1, adoptionRate: 2 / 3 });
  });

  it('closes for comment after the consultation period', async () => {
    await rt.dev('clock', { offsetMs: 31 * 24 * 3600_000 });
    expect((await rt.call('legislation', { action: 'comment', requestId: 'cmt-000009', draftId: D, content: '期限后提交的意见内容' }, 'dev_resident_1')).body.error.code).toBe('FAILED_PRECONDITION');
    await rt.dev('clock', { offsetMs: 0 });
  });
});
