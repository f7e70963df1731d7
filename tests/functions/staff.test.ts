import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
beforeAll(async () => { rt = await startRuntime(); });
afterAll(async () => { await rt?.stop(); });

const STAFF = 'dev_staff_1';
const DAY = 24 * 3600_000;
let seq = 0;
const submit = (openid: string, extra: Record<string, unknown> = {}) =>
  rt.call('appeal', { action: 'submit', requestId: `staff-${Date.now()}-${seq++}`, communityId: 'c02', category: 'traffic', content: '柳岸街公交站台破损，下雨天无处避雨', ...extra }, openid);
const db = {
  get: (coll: string, id: string) => fetch(`${rt.url}/api/dev/db/${coll}/${id}`).then((r) => r.json()),
  patch: (coll: string, id: string, fields: object) => fetch(`${rt.url}/api/dev/db/${coll}/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }).then((r) => r.json()),
  query: (collection: string, filter: object) => fetch(`${rt.url}/api/dev/db/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection, filter }) }).then((r) => r.json()),
};
const history = async (id: string) => rt.ok('staff', { action: 'history', entityType: 'appeal', entityId: id }, STAFF);

describe('authorisation', () => {
  it.each(['reviewQueue', 'triageQueue', 'overdue', 'dashboard', 'settings', 'flagged'])('%s is staff-only', async (action) => {
    for (const who of ['dev_resident_1', 'dev_deputy_d01']) {
      expect((await rt.call('staff', { action }, who)).body.error.code).toBe('PERMISSION_DENIED');
    }
    expect((await rt.call('staff', { action }, STAFF)).body.ok).toBe(true);
  });
  it('refuses moderate/assign/block to non-staff', async () => {
    expect((await rt.call('staff', { action: 'moderate', id: 'x', decision: 'approve' }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
    expect((await rt.call('staff', { action: 'assign', id: 'x', deputyId: 'd01' }, 'dev_deputy_d01')).body.error.code).toBe('PERMISSION_DENIED');
    expect((await rt.call('staff', { action: 'block', openid: 'dev_resident_2', reason: '恶意刷屏' }, 'dev_resident_1')).body.error.code).toBe('PERMISSION_DENIED');
  });
});

describe('moderation in the staff pages', () => {
  it('approves a held appeal into routing', async () => {
    const { body } = await submit('dev_resident_2', { content: '【测试复核】柳岸街夜市占道经营' });
    expect(body.data.status).toBe('pending_review');
    const queue = await rt.ok('staff', { action: 'reviewQueue' }, STAFF);
    expect(queue.items.map((i: { _id: string }) => i._id)).toContain(body.data._id);
    const approved = await rt.ok('staff', { action: 'moderate', id: body.data._id, decision: 'approve' }, STAFF);
    expect(approved.status).toBe('assigned');
    expect((await rt.ok('appeal', { action: 'detail', id: body.data._id }, 'dev_resident_2')).assignee.deputyId).toBe('d03');
  });
  it('rejects with a reason the resident sees, and insists on the reason', async () => {
    const { body } = await submit('dev_resident_2', { content: '【测试复核】需要被驳回的诉求' });
    expect((await rt.call('staff', { action: 'moderate', id: body.data._id, decision: 'reject' }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    await rt.ok('staff', { action: 'moderate', id: body.data._id, decision: 'reject', reason: '该事项属于司法程序，建议咨询法律援助' }, STAFF);
    const detail = await rt.ok('appeal', { action: 'detail', id: body.data._id }, 'dev_resident_2');
    expect(detail).toMatchObject({ status: 'rejected', rejectReason: '该事项属于司法程序，建议咨询法律援助' });
    const inbox = await rt.ok('user', { action: 'inbox' }, 'dev_resident_2');
    expect(inbox.items[0].body).toContain('司法程序');
    expect((await rt.call('staff', { action: 'moderate', id: body.data._id, decision: 'approve' }, STAFF)).body.error.code).toBe('FAILED_PRECONDITION');
  });
  it('sends an appeal with no deputy to triage, where staff assign a named deputy', async () => {
    await db.patch('deputies', 'd11', { active: false });
    await db.patch('deputies', 'd12', { active: false });
    const { body } = await submit('dev_resident_3', { communityId: 'c06' });
    await db.patch('deputies', 'd11', { active: true });
    await db.patch('deputies', 'd12', { active: true });
    expect(body.data.status).toBe('triage');
    expect(body.data.routeReason).toContain('新城社区暂无值班代表');
    const triage = await rt.ok('staff', { action: 'triageQueue' }, STAFF);
    expect(triage.items.map((i: { _id: string }) => i._id)).toContain(body.data._id);
    expect((await rt.call('staff', { action: 'assign', id: body.data._id, deputyId: 'nobody' }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    expect(await rt.ok('staff', { action: 'assign', id: body.data._id, deputyId: 'd13' }, STAFF)).toMatchObject({ status: 'assigned' });
    expect((await rt.ok('deputy', { action: 'queue' }, 'dev_deputy_d13')).items.map((i: { _id: string }) => i._id)).toContain(body.data._id);
    // Reassign: the old deputy keeps read access, loses the right to act.
    await rt.ok('staff', { action: 'assign', id: body.data._id, deputyId: 'd14' }, STAFF);
    expect((await rt.ok('appeal', { action: 'detail', id: body.data._id }, 'dev_deputy_d13')).viewerIs).toBe('past_assignee');
    expect((await rt.call('deputy', { action: 'accept', id: body.data._id }, 'dev_deputy_d13')).body.error.code).toBe('PERMISSION_DENIED');
  });
});

describe('console-first moderation', () => {
  it('applies a console decision exactly once, with source console, even when the reconciler runs twice at once', async () => {
    const { body } = await submit('dev_resident_4', { content: '【测试复核】在控制台驳回的诉求' });
    const id = body.data._id;
    await db.patch('appeals', id, { staffDecision: 'reject', staffReason: '重复提交，已合并到受理编号 20261128-00001' });
    const runs = await Promise.all([rt.dev('trigger/reconcile', {}), rt.dev('trigger/reconcile', {})]);
    expect(runs.reduce((n: number, r: { data: { applied: number } }) => n + r.data.applied, 0)).toBe(1);
    await rt.dev('trigger/reconcile', {});
    const trail = await history(id);
    const rejects = trail.filter((e: { action: string }) => e.action === 'reject');
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ source: 'console', actorRole: 'staff', from: 'pending_review', to: 'rejected' });
    const detail = await rt.ok('appeal', { action: 'detail', id }, 'dev_resident_4');
    expect(detail).toMatchObject({ status: 'rejected', rejectReason: '重复提交，已合并到受理编号 20261128-00001' });
    const stored = await db.get('appeals', id);
    expect(stored.staffDecision).toBeNull();
    const inbox = await rt.ok('user', { action: 'inbox' }, 'dev_resident_4');
    expect(inbox.items.filter((m: { body: string }) => m.body.includes('重复提交'))).toHaveLength(1);
  });

  it('approves from the console through routing', async () => {
    const { body } = await submit('dev_resident_4', { content: '【测试复核】控制台通过的诉求' });
    await db.patch('appeals', body.data._id, { staffDecision: 'approve' });
    await rt.dev('trigger/reconcile', {});
    expect((await rt.ok('appeal', { action: 'detail', id: body.data._id }, 'dev_resident_4')).status).toBe('assigned');
  });

  it('flags invalid console edits without applying them or breaking anything', async () => {
    const held = (await submit('dev_resident_4', { content: '【测试复核】控制台填错值的诉求' })).body.data._id;
    const assigned = (await submit('dev_resident_4', { content: '已分派的诉求不能被驳回' })).body.data._id;
    const noReason = (await submit('dev_resident_4', { content: '【测试复核】驳回却没写原因' })).body.data._id;
    await db.patch('appeals', held, { staffDecision: 'approved' });
    await db.patch('appeals', assigned, { staffDecision: 'reject', staffReason: '测试不可能的状态变化' });
    await db.patch('appeals', noReason, { staffDecision: 'reject' });
    const run = await rt.dev('trigger/reconcile', {});
    expect(run.data).toMatchObject({ applied: 0, flagged: 3 });
    expect((await db.get('appeals', held)).status).toBe('pending_review');
    expect((await db.get('appeals', assigned)).status).toBe('assigned');
    const flagged = await rt.ok('staff', { action: 'flagged' }, STAFF);
    const reasons = Object.fromEntries(flagged.items.map((i: { _id: string; consoleError: { reason: string } }) => [i._id, i.consoleError.reason]));
    expect(reasons[held]).toContain('未知的决定');
    expect(reasons[assigned]).toContain('不能进行此操作');
    expect(reasons[noReason]).toContain('staffReason');
    expect((await rt.ok('staff', { action: 'dashboard' }, STAFF)).counts.flagged).toBeGreaterThanOrEqual(3);
    const again = await rt.dev('trigger/reconcile', {});
    expect(again.data).toMatchObject({ applied: 0, flagged: 0 });
  });

  it('notices settings edited in the console, audits them and ignores bad values', async () => {
    await rt.ok('staff', { action: 'updateSettings', replyWorkingDays: 5 }, STAFF);
    await db.patch('settings', 'sla', { replyWorkingDays: 3, acceptWorkingDays: '两天' });
    await rt.dev('trigger/reconcile', {});
    const settings = await rt.ok('staff', { action: 'settings' }, STAFF);
    expect(settings.sla).toMatchObject({ replyWorkingDays: 3, acceptWorkingDays: 1 });
    expect(settings.problems[0]).toContain('acceptWorkingDays');
    const trail = await rt.ok('staff', { action: 'history', entityType: 'setting', entityId: 'sla' }, STAFF);
    expect(trail.map((e: { source: string }) => e.source)).toEqual(['app', 'console']);
    await rt.dev('trigger/reconcile', {});
    expect(await rt.ok('staff', { action: 'history', entityType: 'setting', entityId: 'sla' }, STAFF)).toHaveLength(2);
    await rt.ok('staff', { action: 'updateSettings', replyWorkingDays: 5, acceptWorkingDays: 1 }, STAFF);
  });
});

describe('supervision on the working calendar', () => {
  afterAll(async () => { await rt.dev('clock', { offsetMs: 0 }); });
  it('marks a late appeal overdue, reminds the deputy, then escalates up the ladder to staff', async () => {
    const { body } = await submit('dev_resident_1', { communityId: 'c07', category: 'housing', content: '石桥社区垃圾清运不及时，异味严重' });
    const id = body.data._id;
    expect(body.data.assignee.deputyId).toBe('d01');
    await rt.dev('clock', { offsetMs: 0.5 * DAY });
    await rt.dev('trigger/supervise', {});
    expect((await rt.ok('appeal', { action: 'detail', id }, 'dev_resident_1')).overdue).toBe(false);
    // Well past one working day (covers weekends and holidays).
    await rt.dev('clock', { offsetMs: 6 * DAY });
    await rt.dev('trigger/supervise', {});
    const detail = await rt.ok('appeal', { action: 'detail', id }, 'dev_resident_1');
    expect(detail.overdue).toBe(true);
    expect(detail.timeline.some((t: { action: string }) => t.action.includes('overdue'))).toBe(true);
    expect((await rt.ok('user', { action: 'inbox' }, 'dev_deputy_d01')).items[0].title).toBe('诉求已超期，请尽快办理');
    const overdue = await rt.ok('staff', { action: 'overdue' }, STAFF);
    expect(overdue.items.map((i: { _id: string }) => i._id)).toContain(id);
    const dash = await rt.ok('staff', { action: 'dashboard' }, STAFF);
    expect(dash.overdueByDeputy.find((g: { key: string }) => g.key === 'd01').count).toBeGreaterThanOrEqual(1);
    expect(dash.overdueByStation.find((g: { key: string }) => g.key === 'st1')).toBeDefined();
    // Each further week: one more rung (c07 → cp01 → st1 → home → staff).
    for (const days of [13, 20, 27, 34]) {
      await rt.dev('clock', { offsetMs: days * DAY });
      await rt.dev('trigger/supervise', {});
    }
    const trail = await history(id);
    expect(trail.filter((e: { action: string }) => e.action === 'escalate').map((e: { note: string }) => e.note)).toEqual([
      '超期未办，督办升级至青石代表活动站',
      '超期未办，督办升级至清河街道人大代表之家',
      '超期未办，督办升级至街道人大工委',
    ]);
    expect(trail.filter((e: { action: string; source: string }) => e.action === 'mark_overdue' && e.source === 'timer')).toHaveLength(1);
    const staffInbox = await rt.ok('user', { action: 'inbox' }, STAFF);
    expect(staffInbox.items.some((m: { title: string }) => m.title === '请协助督办超期诉求')).toBe(true);
    // Handling it clears the flag.
    await rt.ok('deputy', { action: 'accept', id }, 'dev_deputy_d01');
    await rt.ok('deputy', { action: 'reply', id, content: '已协调环卫所增加清运频次。', resolution: 'implemented' }, 'dev_deputy_d01');
    expect((await rt.ok('appeal', { action: 'detail', id }, 'dev_resident_1')).overdue).toBe(false);
  });
});

describe('limits and blocking', () => {
  it('enforces the daily submission limit with RATE_LIMITED', async () => {
    await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 3 }, STAFF);
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await submit('limit_tester', { content: `每日提交上限测试第${i}条` })).body);
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    expect(results[3].error.code).toBe('RATE_LIMITED');
    await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, STAFF);
  });
  it('holds new appeals of a blocked account for review', async () => {
    await rt.ok('user', { action: 'whoami' }, 'abusive_user');
    await rt.ok('staff', { action: 'block', openid: 'abusive_user', reason: '多次发布骚扰内容' }, STAFF);
    expect((await submit('abusive_user')).body.data.status).toBe('pending_review');
    expect((await rt.call('staff', { action: 'block', openid: 'dev_deputy_d01', reason: '不能封代表' }, STAFF)).body.error.code).toBe('FAILED_PRECONDITION');
    await rt.ok('staff', { action: 'unblock', openid: 'abusive_user' }, STAFF);
    expect((await submit('abusive_user')).body.data.status).toBe('assigned');
  });
});

describe('outbox', () => {
  afterAll(async () => { await rt.dev('faults', { rules: [] }); await rt.dev('clock', { offsetMs: 0 }); });
  it('retries a failed push with backoff and sends it exactly once', async () => {
    await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, 'dev_deputy_d03');
    await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'http', status: 503 }, remaining: 2 }] });
    const { body } = await submit('dev_resident_2', { content: '推送重试测试：公交站台灯不亮' });
    const items = (await db.query('outbox', { openid: 'dev_deputy_d03', status: 'pending' })).docs;
    expect(items.length).toBe(1);
    expect(items[0].attempts).toBe(1);
    await rt.dev('trigger/notify', {}); // not due yet
    await rt.dev('clock', { offsetMs: 60_000 });
    await rt.dev('trigger/notify', {}); // second failure
    await rt.dev('clock', { offsetMs: 10 * 60_000 });
    await rt.dev('trigger/notify', {});
    await rt.dev('trigger/notify', {});
    const sent = (await db.query('outbox', { _id: items[0]._id })).docs[0];
    expect(sent).toMatchObject({ status: 'sent', attempts: 3 });
    const calls: { touser: string; result: string; data: Record<string, { value: string }> }[] = await rt.dev('outbox');
    const delivered = calls.filter((c) => c.touser === 'dev_deputy_d03' && c.result === 'ok' && c.data?.character_string1?.value === body.data.trackingNo);
    expect(delivered).toHaveLength(1);
  });
});
