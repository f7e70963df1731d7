import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
beforeAll(async () => { rt = await startRuntime(); });
afterAll(async () => { await rt?.stop(); });

const D = 'dev_deputy_d05'; // 刘德明, 桃园站, environment
const STAFF = 'dev_staff_2';

describe('一人一档 and 履职积分', () => {
  it('accrues points from what the deputy did, counted only after staff review', async () => {
    const a = await rt.ok('appeal', { action: 'submit', requestId: 'duty-0000001', communityId: 'c03', category: 'environment', content: '桃园村河道有垃圾漂浮，影响环境' }, 'dev_resident_3');
    expect(a.assignee.deputyId).toBe('d05');
    await rt.ok('deputy', { action: 'accept', id: a._id }, D);
    await rt.ok('deputy', { action: 'reply', id: a._id, content: '已协调村里组织清理，并安排每周巡河。', resolution: 'implemented' }, D);
    await rt.ok('appeal', { action: 'rate', id: a._id, rating: 'satisfied' }, 'dev_resident_3');
    await rt.ok('ballot', { action: 'cast', ballotId: 'ballot-deputy', projectIds: ['p01', 'p03', 'p06'] }, D);

    const before = await rt.ok('deputy', { action: 'record' }, D);
    expect(before.deputy).toMatchObject({ _id: 'd05', name: '刘德明', stationName: '桃园代表活动站' });
    expect(before.appeals).toMatchObject({ closed: 1, overdueNow: 0 });
    expect(before.points).toMatchObject({ approved: 0, pending: 2 + 1 + 1 + 2 });
    expect(before.recent.map((e: { event: string }) => e.event).sort()).toEqual(['appeal_implemented', 'appeal_replied', 'binding_vote', 'rated_satisfied']);

    const queue = await rt.ok('staff', { action: 'pointsQueue' }, STAFF);
    const mine = queue.items.filter((e: { deputyId: string }) => e.deputyId === 'd05');
    expect(mine[0].deputyName).toBe('刘德明');
    const vote = mine.find((e: { event: string }) => e.event === 'binding_vote');
    const others = mine.filter((e: { event: string }) => e.event !== 'binding_vote').map((e: { _id: string }) => e._id);
    expect(await rt.ok('staff', { action: 'reviewPoints', ids: others, decision: 'approve' }, STAFF)).toEqual({ updated: 3 });
    expect(await rt.ok('staff', { action: 'reviewPoints', ids: [vote._id], decision: 'reject', note: '测试：不计入' }, STAFF)).toEqual({ updated: 1 });
    // Reviewed entries stay reviewed.
    expect(await rt.ok('staff', { action: 'reviewPoints', ids: others, decision: 'reject' }, STAFF)).toEqual({ updated: 0 });

    const after = await rt.ok('deputy', { action: 'record' }, D);
    expect(after.points).toMatchObject({ approved: 4, pending: 0 });
    expect(after.points.byEvent).toMatchObject({ appeal_replied: 2, appeal_implemented: 1, rated_satisfied: 1, binding_vote: 0 });
  });

  it('never earns the same event twice, and counts 不满意 against the deputy', async () => {
    const a = await rt.ok('appeal', { action: 'submit', requestId: 'duty-0000002', communityId: 'c03', category: 'environment', content: '桃园村公厕卫生差，无人打扫' }, 'dev_resident_3');
    await rt.ok('deputy', { action: 'reply', id: a._id, content: '已联系保洁公司加强打扫。', resolution: 'explained' }, D);
    await rt.ok('appeal', { action: 'rate', id: a._id, rating: 'unsatisfied' }, 'dev_resident_3');
    expect((await rt.call('ballot', { action: 'cast', ballotId: 'ballot-deputy', projectIds: ['p01', 'p03', 'p06'] }, D)).body.error.code).toBe('CONFLICT');
    const rec = await rt.ok('deputy', { action: 'record' }, D);
    const events = rec.recent.filter((e: { refId: string }) => e.refId === a._id).map((e: { event: string; points: number }) => `${e.event}:${e.points}`).sort();
    expect(events).toEqual(['appeal_replied:2', 'rated_unsatisfied:-1']);
    expect(rec.recent.filter((e: { event: string }) => e.event === 'binding_vote')).toHaveLength(1);
  });

  it('shows a record only to its deputy and to staff', async () => {
    expect((await rt.call('deputy', { action: 'record' }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    const other = await rt.ok('deputy', { action: 'record', deputyId: 'd05' }, 'dev_deputy_d01');
    expect(other.deputy._id).toBe('d01'); // a deputy always gets their own
    expect((await rt.ok('deputy', { action: 'record', deputyId: 'd05' }, STAFF)).deputy._id).toBe('d05');
    expect((await rt.call('staff', { action: 'reviewPoints', ids: ['x'], decision: 'approve' }, D)).body.error.code).toBe('PERMISSION_DENIED');
  });
});
