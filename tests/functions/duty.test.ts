/** 一人一档 and 履职积分 through the functions, for deputies new to the street (a clean record each). */
import { bindingVote, pendingPoints, servedAppeal } from '../factories/duty';
import { boundDeputies, resident, staffMember } from '../factories/people';
import { directory, newDeputy } from '../factories/street';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let staff: string;
useRuntime(async (r) => { rt = r; staff = await staffMember(r); });

const record = (openid: string, deputyId?: string) => rt.ok('deputy', { action: 'record', ...(deputyId ? { deputyId } : {}) }, openid);

describe('一人一档 and 履职积分', () => {
  it('a deputy’s reply, 落实, 满意 rating and binding vote earn points that count only once staff approve them', async () => {
    const deputy = await newDeputy(rt);
    await servedAppeal(rt, deputy, { resolution: 'implemented', rating: 'satisfied' });
    expect((await bindingVote(rt, deputy)).vote.ok).toBe(true);

    const before = await record(deputy.openid);
    expect(before.deputy).toMatchObject({ _id: deputy.deputyId, name: deputy.name, stationName: (await directory(rt)).station(deputy.stationId).name });
    expect(before.appeals).toMatchObject({ closed: 1, overdueNow: 0 });
    expect(before.points).toMatchObject({ approved: 0, pending: 2 + 1 + 1 + 2 });
    expect(before.recent.map((e: { event: string }) => e.event).sort()).toEqual(['appeal_implemented', 'appeal_replied', 'binding_vote', 'rated_satisfied']);

    const queue = await pendingPoints(rt, deputy.deputyId, staff);
    expect(queue.every((e) => e.deputyName === deputy.name)).toBe(true);
    const vote = queue.find((e) => e.event === 'binding_vote')!;
    const others = queue.filter((e) => e.event !== 'binding_vote').map((e) => e._id);
    expect(await rt.ok('staff', { action: 'reviewPoints', ids: others, decision: 'approve' }, staff)).toEqual({ updated: 3 });
    expect(await rt.ok('staff', { action: 'reviewPoints', ids: [vote._id], decision: 'reject', note: '测试：不计入' }, staff)).toEqual({ updated: 1 });
    // Reviewed entries stay reviewed.
    expect(await rt.ok('staff', { action: 'reviewPoints', ids: others, decision: 'reject', note: '测试：已审核的不再变' }, staff)).toEqual({ updated: 0 });
    expect(await pendingPoints(rt, deputy.deputyId, staff)).toEqual([]);

    const after = await record(deputy.openid);
    expect(after.points).toMatchObject({ approved: 4, pending: 0 });
    expect(after.points.byEvent).toMatchObject({ appeal_replied: 2, appeal_implemented: 1, rated_satisfied: 1, binding_vote: 0 });
  });

  it('a resident rating an answer 不满意 counts against the deputy, and no event earns points twice', async () => {
    const deputy = await newDeputy(rt);
    const a = await servedAppeal(rt, deputy, { resolution: 'explained', rating: 'unsatisfied' });
    const { ballot, vote } = await bindingVote(rt, deputy);
    expect(vote.ok).toBe(true);
    expect((await bindingVote(rt, deputy, ballot)).vote.error.code).toBe('CONFLICT');
    const rec = await record(deputy.openid);
    const forAppeal = rec.recent.filter((e: { refId: string }) => e.refId === a.id).map((e: { event: string; points: number }) => `${e.event}:${e.points}`).sort();
    expect(forAppeal).toEqual(['appeal_replied:2', 'rated_unsatisfied:-1']);
    expect(rec.recent.filter((e: { event: string }) => e.event === 'binding_vote')).toHaveLength(1);
    // The disputed reply's +2 is reversed (shown, not counted): -1 for 不满意, +2 for the vote.
    expect(rec.recent.find((e: { refId: string; event: string }) => e.refId === a.id && e.event === 'appeal_replied').status).toBe('reversed');
    expect(rec.points).toMatchObject({ approved: 0, pending: -1 + 2 });
  });

  it('a deputy’s record is shown only to that deputy and to staff; a deputy asking for another’s gets their own', async () => {
    const [deputy, other] = await boundDeputies(rt);
    expect((await rt.call('deputy', { action: 'record' }, await resident(rt))).body.error.code).toBe('PERMISSION_DENIED');
    expect((await record(other.openid, deputy.deputyId)).deputy._id).toBe(other.deputyId);
    expect((await record(staff, deputy.deputyId)).deputy._id).toBe(deputy.deputyId);
    expect((await rt.call('staff', { action: 'reviewPoints', ids: ['x'], decision: 'approve' }, deputy.openid)).body.error.code).toBe('PERMISSION_DENIED');
  });
});
