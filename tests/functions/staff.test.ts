/** Staff work through the functions: moderation in the app and in the cloud console, triage, supervision, limits. */
import { acceptDeadlineOf, appealDetail, heldAppeal, routedAppeal, submitAppeal, triagedAppeal } from '../factories/appeals';
import { advanceClock, clockTo, DAY, MINUTE, resetClock } from '../factories/clock';
import { boundDeputies, resident, staffMember } from '../factories/people';
import { withSla } from '../factories/settings';
import { escalationNames, newDeputy, specialistCase } from '../factories/street';
import { dbGet, dbPatch, dbQuery, deliveredPushes, notifyRuns, storedInbox } from '../support/console';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let staff: string;
useRuntime(async (r) => { rt = r; staff = await staffMember(r); });
afterEach(async () => {
  await resetClock(rt);
  await rt.dev('faults', { rules: [] });
});

const history = async (entityType: string, entityId: string) => (await rt.ok('staff', { action: 'history', entityType, entityId }, staff)).items;
const inbox = (openid: string) => rt.ok('user', { action: 'inbox' }, openid);
const ids = (page: { items: { _id: string }[] }) => page.items.map((i) => i._id);

describe('authorisation', () => {
  it.each(['reviewQueue', 'triageQueue', 'overdue', 'dashboard', 'settings', 'flagged'])('%s is for staff only', async (action) => {
    const [deputy] = await boundDeputies(rt);
    for (const who of [await resident(rt), deputy.openid]) expect(await rt.code('staff', { action }, who)).toBe('PERMISSION_DENIED');
    expect((await rt.call('staff', { action }, staff)).body.ok).toBe(true);
  });

  it('residents and deputies cannot moderate, assign or block', async () => {
    const [deputy] = await boundDeputies(rt);
    const held = await heldAppeal(rt);
    expect(await rt.code('staff', { action: 'moderate', id: held.id, decision: 'approve' }, await resident(rt))).toBe('PERMISSION_DENIED');
    expect(await rt.code('staff', { action: 'assign', id: held.id, deputyId: deputy.deputyId }, deputy.openid)).toBe('PERMISSION_DENIED');
    expect(await rt.code('staff', { action: 'block', openid: held.resident, reason: '恶意刷屏' }, await resident(rt))).toBe('PERMISSION_DENIED');
    expect((await appealDetail(rt, held)).status).toBe('pending_review');
  });
});

describe('moderation in the staff pages', () => {
  it('staff approve a held appeal and it is routed to the deputy it would have reached', async () => {
    const c = await specialistCase(rt);
    const held = await heldAppeal(rt, { communityId: c.community._id, category: c.category._id, content: '夜市占道经营' });
    expect(ids(await rt.ok('staff', { action: 'reviewQueue' }, staff))).toContain(held.id);
    expect((await rt.ok('staff', { action: 'moderate', id: held.id, decision: 'approve' }, staff)).status).toBe('assigned');
    expect((await appealDetail(rt, held)).assignee.deputyId).toBe(c.deputy.deputyId);
  });

  it('staff reject a held appeal with a reason the resident reads, and may not reject without one', async () => {
    const held = await heldAppeal(rt, { content: '需要被驳回的诉求' });
    expect(await rt.code('staff', { action: 'moderate', id: held.id, decision: 'reject' }, staff)).toBe('INVALID_ARGUMENT');
    await rt.ok('staff', { action: 'moderate', id: held.id, decision: 'reject', reason: '该事项属于司法程序，建议咨询法律援助' }, staff);
    expect(await appealDetail(rt, held)).toMatchObject({ status: 'rejected', rejectReason: '该事项属于司法程序，建议咨询法律援助' });
    expect((await inbox(held.resident)).items[0].body).toContain('司法程序');
    expect(await rt.code('staff', { action: 'moderate', id: held.id, decision: 'approve' }, staff)).toBe('FAILED_PRECONDITION');
  });

  it('an appeal from a community with no deputy goes to triage, where staff assign and reassign a named deputy', async () => {
    const a = await triagedAppeal(rt);
    expect(a.submitted.routeReason).toContain(`${a.community.name}暂无值班代表`);
    expect(ids(await rt.ok('staff', { action: 'triageQueue' }, staff))).toContain(a.id);
    const [first, second] = await boundDeputies(rt);
    expect(await rt.code('staff', { action: 'assign', id: a.id, deputyId: 'no-such-deputy' }, staff)).toBe('INVALID_ARGUMENT');
    expect(await rt.ok('staff', { action: 'assign', id: a.id, deputyId: first.deputyId }, staff)).toMatchObject({ status: 'assigned' });
    expect(ids(await rt.ok('deputy', { action: 'queue' }, first.openid))).toContain(a.id);
    // Reassigned: the first deputy keeps read access, loses the right to act.
    await rt.ok('staff', { action: 'assign', id: a.id, deputyId: second.deputyId }, staff);
    expect((await appealDetail(rt, a, first.openid)).viewerIs).toBe('past_assignee');
    expect(await rt.code('deputy', { action: 'accept', id: a.id }, first.openid)).toBe('PERMISSION_DENIED');
    expect(await rt.ok('deputy', { action: 'accept', id: a.id }, second.openid)).toMatchObject({ status: 'in_progress' });
  });
});

describe('console-first moderation', () => {
  it('a clerk rejects an appeal in the cloud console: applied exactly once, with source console, even when the reconciler runs twice at once', async () => {
    const held = await heldAppeal(rt, { content: '在控制台驳回的诉求' });
    await dbPatch(rt, 'appeals', held.id, { staffDecision: 'reject', staffReason: '重复提交，已合并到另一条诉求' });
    const runs = await Promise.all([rt.dev('trigger/reconcile', {}), rt.dev('trigger/reconcile', {})]);
    expect(runs.reduce((n: number, r: { data: { applied: number } }) => n + r.data.applied, 0)).toBe(1);
    await rt.dev('trigger/reconcile', {});
    const rejects = (await history('appeal', held.id)).filter((e: { action: string }) => e.action === 'reject');
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ source: 'console', actorRole: 'staff', from: 'pending_review', to: 'rejected' });
    expect(await appealDetail(rt, held)).toMatchObject({ status: 'rejected', rejectReason: '重复提交，已合并到另一条诉求' });
    expect((await dbGet(rt, 'appeals', held.id)).staffDecision).toBeNull();
    expect((await inbox(held.resident)).items.filter((m: { body: string }) => m.body.includes('重复提交'))).toHaveLength(1);
  });

  it('a clerk approves an appeal in the cloud console and it is routed', async () => {
    const held = await heldAppeal(rt, { content: '控制台通过的诉求' });
    await dbPatch(rt, 'appeals', held.id, { staffDecision: 'approve' });
    await rt.dev('trigger/reconcile', {});
    expect((await appealDetail(rt, held)).status).toBe('assigned');
  });

  it('invalid console edits are flagged for staff, not applied, and break nothing', async () => {
    const held = await heldAppeal(rt, { content: '控制台填错值的诉求' });
    const assigned = await routedAppeal(rt, { content: '已分派的诉求不能被驳回' });
    const noReason = await heldAppeal(rt, { content: '驳回却没写原因' });
    await dbPatch(rt, 'appeals', held.id, { staffDecision: 'approved' });
    await dbPatch(rt, 'appeals', assigned.id, { staffDecision: 'reject', staffReason: '测试不可能的状态变化' });
    await dbPatch(rt, 'appeals', noReason.id, { staffDecision: 'reject' });
    expect((await rt.dev('trigger/reconcile', {})).data).toMatchObject({ applied: 0, flagged: 3 });
    expect((await dbGet(rt, 'appeals', held.id)).status).toBe('pending_review');
    expect((await dbGet(rt, 'appeals', assigned.id)).status).toBe('assigned');
    const flagged = await rt.ok('staff', { action: 'flagged' }, staff);
    const reasons = Object.fromEntries(flagged.items.map((i: { _id: string; consoleError: { reason: string } }) => [i._id, i.consoleError.reason]));
    expect(reasons[held.id]).toContain('未知的决定');
    expect(reasons[assigned.id]).toContain('不能进行此操作');
    expect(reasons[noReason.id]).toContain('staffReason');
    expect((await rt.ok('staff', { action: 'dashboard' }, staff)).counts.flagged).toBeGreaterThanOrEqual(3);
    expect((await rt.dev('trigger/reconcile', {})).data).toMatchObject({ applied: 0, flagged: 0 });
  });

  it('settings edited in the console are noticed and audited, and a bad value is reported, not used', async () => {
    await withSla(rt, { replyWorkingDays: 5, acceptWorkingDays: 1 }, async () => {
      const before = (await history('setting', 'sla')).length;
      await rt.ok('staff', { action: 'updateSettings', replyWorkingDays: 4 }, staff);
      await dbPatch(rt, 'settings', 'sla', { replyWorkingDays: 3, acceptWorkingDays: '两天' });
      await rt.dev('trigger/reconcile', {});
      const settings = await rt.ok('staff', { action: 'settings' }, staff);
      expect(settings.sla).toMatchObject({ replyWorkingDays: 3, acceptWorkingDays: 1 });
      expect(settings.problems[0]).toContain('acceptWorkingDays');
      expect((await history('setting', 'sla')).slice(before).map((e: { source: string }) => e.source)).toEqual(['app', 'console']);
      await rt.dev('trigger/reconcile', {});
      expect(await history('setting', 'sla')).toHaveLength(before + 2);
    });
  });
});

describe('supervision on the working calendar', () => {
  it('a late appeal is marked overdue and its deputy reminded, then escalates a rung a working day up to staff; handling it clears the flag', async () => {
    const c = await specialistCase(rt, { servedBy: 'contact_point' });
    const a = await routedAppeal(rt, { communityId: c.community._id, category: c.category._id, content: '垃圾清运不及时，异味严重' });
    expect(a.deputy?.deputyId).toBe(c.deputy.deputyId);
    const deadline = (await acceptDeadlineOf(rt, a.id)).getTime();
    await clockTo(rt, deadline - MINUTE);
    await rt.dev('trigger/supervise', {});
    expect((await appealDetail(rt, a)).overdue).toBe(false);

    await clockTo(rt, deadline + MINUTE);
    await rt.dev('trigger/supervise', {});
    const detail = await appealDetail(rt, a);
    expect(detail.overdue).toBe(true);
    expect(detail.timeline.some((t: { action: string }) => t.action.includes('overdue'))).toBe(true);
    expect((await storedInbox(rt, c.deputy.openid)).filter((m) => m.title === '诉求已超期，请尽快办理' && m.body.includes(a.trackingNo))).toHaveLength(1);
    expect(ids(await rt.ok('staff', { action: 'overdue' }, staff))).toContain(a.id);
    const dash = await rt.ok('staff', { action: 'dashboard' }, staff);
    expect(dash.overdueByDeputy.find((g: { key: string }) => g.key === c.deputy.deputyId).count).toBeGreaterThanOrEqual(1);
    expect(dash.overdueByStation.find((g: { key: string }) => g.key === c.deputy.stationId).count).toBeGreaterThanOrEqual(1);

    // Day by day (the calendar decides which days count): one rung per working day it stays open.
    const expected = await escalationNames(rt, c.community._id);
    const escalations = async () => (await history('appeal', a.id)).filter((e: { action: string }) => e.action === 'escalate').map((e: { note: string }) => e.note);
    for (let day = 1; day <= 40 && (await escalations()).length < expected.length; day++) {
      await clockTo(rt, deadline + day * DAY);
      await rt.dev('trigger/supervise', {});
    }
    expect(await escalations()).toEqual(expected.map((name) => `超期未办，督办升级至${name}`));
    const trail = await history('appeal', a.id);
    expect(trail.filter((e: { action: string; source: string }) => e.action === 'mark_overdue' && e.source === 'timer')).toHaveLength(1);
    expect((await storedInbox(rt, staff)).filter((m) => m.title === '请协助督办超期诉求' && m.body.includes(a.trackingNo))).toHaveLength(1);

    await rt.ok('deputy', { action: 'accept', id: a.id }, c.deputy.openid);
    await rt.ok('deputy', { action: 'reply', id: a.id, content: '已协调环卫所增加清运频次。', resolution: 'implemented' }, c.deputy.openid);
    expect((await appealDetail(rt, a)).overdue).toBe(false);
  });
});

describe('limits and blocking', () => {
  it('a resident over the daily submission limit is told RATE_LIMITED', async () => {
    const r = await resident(rt);
    const results = await withSla(rt, { dailySubmitLimit: 3 }, async () => {
      const out = [];
      for (let i = 0; i < 4; i++) out.push((await submitAppeal(rt, { resident: r, content: `每日提交上限测试第${i}条` })).body);
      return out;
    });
    expect(results.slice(0, 3).every((x) => x.ok)).toBe(true);
    expect(results[3].error.code).toBe('RATE_LIMITED');
  });

  it('a blocked account’s new appeals wait for review until staff unblock it; deputies cannot be blocked', async () => {
    const r = await resident(rt);
    const [deputy] = await boundDeputies(rt);
    await rt.ok('staff', { action: 'block', openid: r, reason: '多次发布骚扰内容' }, staff);
    expect((await submitAppeal(rt, { resident: r })).body.data.status).toBe('pending_review');
    expect(await rt.code('staff', { action: 'block', openid: deputy.openid, reason: '不能封代表' }, staff)).toBe('FAILED_PRECONDITION');
    await rt.ok('staff', { action: 'unblock', openid: r }, staff);
    expect((await submitAppeal(rt, { resident: r })).body.data.status).toBe('assigned');
  });
});

describe('outbox', () => {
  it('a push that fails is retried with backoff and delivered exactly once', async () => {
    const deputy = await newDeputy(rt);
    await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, deputy.openid);
    await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'http', status: 503 }, remaining: 2 }] });
    const a = await routedAppeal(rt, { communityId: deputy.community._id, category: deputy.specialties[0], content: '推送重试测试：公交站台灯不亮' });
    await notifyRuns(rt); // the first failure: the push leaves with the notify timer
    const items = (await dbQuery(rt, 'outbox', { openid: deputy.openid, status: 'pending' })).docs;
    expect(items).toHaveLength(1);
    expect(items[0].attempts).toBe(1);
    await rt.dev('trigger/notify', {}); // not due yet
    expect((await dbGet(rt, 'outbox', items[0]._id)).attempts).toBe(1);
    await advanceClock(rt, MINUTE);
    await rt.dev('trigger/notify', {}); // the second failure
    await advanceClock(rt, 10 * MINUTE);
    await rt.dev('trigger/notify', {});
    await rt.dev('trigger/notify', {});
    expect(await dbGet(rt, 'outbox', items[0]._id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await deliveredPushes(rt, deputy.openid, a.trackingNo)).toHaveLength(1);
  });
});
