import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
beforeAll(async () => {
  rt = await startRuntime();
  // These tests submit many appeals per resident; the daily limit has its own tests.
  await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, 'dev_staff_1');
});
afterAll(async () => { await rt?.stop(); });

const R1 = 'dev_resident_1'; // 青石社区 c01
const R2 = 'dev_resident_2';
const D01 = 'dev_deputy_d01'; // 王建国, st1, housing
const D03 = 'dev_deputy_d03';
const STAFF = 'dev_staff_1';

let seq = 0;
const rid = () => `req-${Date.now().toString(36)}-${seq++}`;
const submit = (openid: string, extra: Record<string, unknown> = {}) =>
  rt.call('appeal', { action: 'submit', requestId: rid(), communityId: 'c01', category: 'housing', content: '小区3号楼楼道灯坏了一个月，晚上老人上下楼很危险', contact: { name: '林女士', phone: '13812345678' }, ...extra }, openid);

describe('the closed loop', () => {
  let id: string;
  let trackingNo: string;

  it('routes a resident appeal to the responsible deputy with a specialty match, and says why', async () => {
    const { body } = await submit(R1);
    expect(body.ok).toBe(true);
    expect(body.data).toMatchObject({ status: 'assigned', assignee: { deputyId: 'd01', name: '王建国' }, statusLabel: '已转给代表，待受理' });
    expect(body.data.trackingNo).toMatch(/^\d{8}-\d{5}$/);
    expect(body.data.routeReason).toContain('王建国');
    id = body.data._id;
    trackingNo = body.data.trackingNo;
  });

  it('puts the assignment in the deputy inbox (no subscription credit yet) and in the queue with counts', async () => {
    const inbox = await rt.ok('user', { action: 'inbox' }, D01);
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    expect(inbox.items[0]).toMatchObject({ title: '新诉求待受理', read: false });
    expect(inbox.items[0].body).toContain(trackingNo);
    const queue = await rt.ok('deputy', { action: 'queue' }, D01);
    expect(queue.items.map((i: { _id: string }) => i._id)).toContain(id);
    expect(queue.counts.assigned).toBeGreaterThanOrEqual(1);
  });

  it('shows the detail only to the submitter, the assignee and staff; phones masked for the submitter', async () => {
    const own = await rt.ok('appeal', { action: 'detail', id }, R1);
    expect(own.contact).toEqual({ name: '林女士', phone: '138****5678' });
    expect(own.viewerIs).toBe('submitter');
    const deputy = await rt.ok('appeal', { action: 'detail', id }, D01);
    expect(deputy.contact.phone).toBe('13812345678');
    const staff = await rt.ok('appeal', { action: 'detail', id }, STAFF);
    expect(staff.contact.phone).toBe('13812345678');
    for (const outsider of [R2, D03]) {
      const { body } = await rt.call('appeal', { action: 'detail', id }, outsider);
      expect(body.error.code).toBe('NOT_FOUND');
    }
  });

  it('refuses the wrong people and the wrong moves', async () => {
    expect((await rt.call('deputy', { action: 'accept', id }, R1)).body.error.code).toBe('PERMISSION_DENIED');
    expect((await rt.call('deputy', { action: 'accept', id }, D03)).body.error.code).toBe('NOT_FOUND');
    expect((await rt.call('appeal', { action: 'rate', id, rating: 'satisfied' }, R1)).body.error.code).toBe('FAILED_PRECONDITION');
    expect((await rt.call('deputy', { action: 'progress', id, note: '已经联系物业' }, D01)).body.error.code).toBe('FAILED_PRECONDITION');
  });

  it('lets the deputy accept, record progress, transfer and reply with the real outcome', async () => {
    expect(await rt.ok('deputy', { action: 'accept', id }, D01)).toMatchObject({ status: 'in_progress' });
    await rt.ok('deputy', { action: 'progress', id, note: '已联系物业公司现场查看' }, D01);
    await rt.ok('deputy', { action: 'transfer', id, department: '街道城管科', note: '请协调物业更换灯具' }, D01);
    expect(await rt.ok('deputy', { action: 'reply', id, content: '物业已更换3号楼全部楼道灯，并承诺每月巡检。', resolution: 'implemented' }, D01)).toMatchObject({ status: 'replied' });
    const detail = await rt.ok('appeal', { action: 'detail', id }, R1);
    expect(detail).toMatchObject({ status: 'replied', statusLabel: '已答复，待您评价', resolution: 'implemented', reply: { resolution: 'implemented' } });
    expect(detail.transfers).toEqual([expect.objectContaining({ department: '街道城管科' })]);
    const inbox = await rt.ok('user', { action: 'inbox' }, R1);
    expect(inbox.items.some((m: { body: string }) => m.body.includes('已答复'))).toBe(true);
  });

  it('lets only the submitter rate; 不满意 sends it back for redo under supervision', async () => {
    expect((await rt.call('appeal', { action: 'rate', id, rating: 'satisfied' }, R2)).body.error.code).toBe('NOT_FOUND');
    expect((await rt.call('appeal', { action: 'rate', id, rating: 'satisfied' }, STAFF)).body.error.code).toBe('NOT_FOUND');
    const redo = await rt.ok('appeal', { action: 'rate', id, rating: 'unsatisfied', comment: '只换了一层' }, R1);
    expect(redo).toMatchObject({ status: 'assigned', reopenCount: 1 });
    const detail = await rt.ok('appeal', { action: 'detail', id }, STAFF);
    expect(detail).toMatchObject({ supervised: true, reopenCount: 1 });
    const inbox = await rt.ok('user', { action: 'inbox' }, D01);
    expect(inbox.items[0].title).toBe('诉求被退回重办');
  });

  it('closes on 满意 after the redo and shows it, anonymised, on the echo wall', async () => {
    await rt.ok('deputy', { action: 'accept', id }, D01);
    await rt.ok('deputy', { action: 'reply', id, content: '已补换全部楼层灯具，请再次查看。', resolution: 'implemented' }, D01);
    expect(await rt.ok('appeal', { action: 'rate', id, rating: 'satisfied' }, R1)).toMatchObject({ status: 'closed' });
    const wall = await rt.ok('appeal', { action: 'wall' }, R2);
    const item = wall.items.find((w: { _id: string }) => w._id === id);
    expect(item).toMatchObject({ communityName: '青石社区', resolution: 'implemented', rating: 'satisfied' });
    const text = JSON.stringify(wall);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('林女士');
    expect(Object.keys(item).sort()).toEqual(['_id', 'category', 'closedAt', 'communityId', 'communityName', 'rating', 'reply', 'resolution', 'summary']);
  });

  it('keeps the whole timeline with roles', async () => {
    const detail = await rt.ok('appeal', { action: 'detail', id }, R1);
    const steps = detail.timeline.map((t: { action: string; actorRole: string }) => `${t.action}:${t.actorRole}`);
    expect(steps).toEqual([
      'submit:resident', 'route:system', 'accept:deputy', 'progress:deputy', 'transfer:deputy', 'reply:deputy',
      'rate_redo:resident', 'accept:deputy', 'reply:deputy', 'rate_close:resident',
    ]);
    expect(detail.timeline.every((t: { at: string }) => !Number.isNaN(Date.parse(t.at)))).toBe(true);
  });
});

describe('submit safety', () => {
  it('creates one appeal for concurrent retries of one requestId', async () => {
    const requestId = rid();
    const event = { action: 'submit', requestId, communityId: 'c07', category: 'traffic', content: '石桥社区路口红绿灯时间太短，老人过马路来不及' };
    const replies = await Promise.all(Array.from({ length: 25 }, () => rt.call('appeal', event, R2)));
    const ids = new Set(replies.map((r) => r.body.data?._id));
    expect(replies.every((r) => r.body.ok)).toBe(true);
    expect(ids.size).toBe(1);
    const mine = await rt.ok('appeal', { action: 'mine' }, R2);
    expect(mine.items.filter((i: { _id: string }) => ids.has(i._id))).toHaveLength(1);
  });

  it('holds content the check wants reviewed, and rejects risky content with CONTENT_REJECTED', async () => {
    expect((await submit(R1, { content: '【测试复核】楼下商铺噪音扰民问题' })).body.data).toMatchObject({ status: 'pending_review' });
    const requestId = rid();
    const risky = { action: 'submit', requestId, communityId: 'c01', category: 'other', content: '【测试违规】这是一段违规内容' };
    expect((await rt.call('appeal', risky, R1)).body.error.code).toBe('CONTENT_REJECTED');
    expect((await rt.call('appeal', risky, R1)).body.error.code).toBe('CONTENT_REJECTED');
  });

  it('keeps the appeal for review when the content check itself fails', async () => {
    await rt.dev('faults', { rules: [{ apiName: 'security.msgSecCheck', fault: { kind: 'http', status: 500 }, remaining: 1 }] });
    const { body } = await submit(R1, { content: '内容检查失败时这条诉求也不能丢' });
    expect(body.data.status).toBe('pending_review');
    const detail = await rt.ok('appeal', { action: 'detail', id: body.data._id }, R1);
    expect(detail.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'hold']);
  });

  it('still routes and inboxes when the subscribe push fails', async () => {
    await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, D01);
    await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'errcode', errcode: 43101 } }] });
    const { body } = await submit(R1, { content: '推送失败时诉求依然要送达代表' });
    await rt.dev('faults', { rules: [] });
    expect(body.data.status).toBe('assigned');
    const inbox = await rt.ok('user', { action: 'inbox' }, D01);
    expect(inbox.items.some((m: { body: string }) => m.body.includes(body.data.trackingNo))).toBe(true);
    const credits = await rt.ok('user', { action: 'subscriptions' }, D01);
    expect(credits.find((c: { templateKey: string }) => c.templateKey === 'appealAssigned').credits).toBe(0);
  });

  it('sends a subscribe message within WeChat field limits when the deputy has a credit', async () => {
    await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, D01);
    const { body } = await submit(R1, { content: '一条很长很长的诉求内容，用来检查订阅消息的字段长度是否被正确截断，不能超过二十个字' });
    const outbox: { apiName: string; touser: string; templateId: string; data: Record<string, { value: string }>; result: string }[] = await rt.dev('outbox');
    const sent = outbox.filter((c) => c.apiName === 'subscribeMessage.send' && c.touser === D01 && c.result === 'ok');
    const last = sent[sent.length - 1];
    expect(last.templateId).toBe('TEMPLATE_ID_APPEAL_ASSIGNED');
    expect(last.data.character_string1.value).toBe(body.data.trackingNo);
    expect(Array.from(last.data.thing3.value).length).toBeLessThanOrEqual(20);
  });

  it('refuses bad input with INVALID_ARGUMENT and stores nothing', async () => {
    const before = (await rt.ok('appeal', { action: 'mine' }, 'fresh_resident')).items.length;
    const bad = [
      { content: '短' },
      { communityId: { $gt: '' } },
      { communityId: 'nope' },
      { category: 'nope' },
      { images: Array.from({ length: 7 }, (_, i) => `cloud://x/${i}.jpg`) },
      { contact: { phone: '12345' } },
      { content: 'x'.repeat(1001) },
    ];
    for (const extra of bad) {
      const { body } = await submit('fresh_resident', extra);
      expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await rt.ok('appeal', { action: 'mine' }, 'fresh_resident')).items.length).toBe(before);
  });

  it('pages my appeals with a cursor, newest first, without repeats', async () => {
    for (let i = 0; i < 23; i++) await submit('pager', { content: `第${i}条分页测试诉求内容` });
    const first = await rt.ok('appeal', { action: 'mine' }, 'pager');
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toBeDefined();
    const second = await rt.ok('appeal', { action: 'mine', cursor: first.nextCursor }, 'pager');
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeUndefined();
    const all = [...first.items, ...second.items].map((i: { _id: string }) => i._id);
    expect(new Set(all).size).toBe(23);
    expect((await rt.call('appeal', { action: 'mine', cursor: 'garbage' }, 'pager')).body.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('unrated appeals', () => {
  it('close by themselves 7 days after the reply (timer, dev clock)', async () => {
    const { body } = await submit(R1, { content: '七天未评价自动办结的测试诉求' });
    const id = body.data._id;
    await rt.ok('deputy', { action: 'reply', id, content: '已转交物业处理并答复。', resolution: 'explained' }, D01);
    await rt.dev('clock', { offsetMs: 6 * 24 * 3600_000 });
    await rt.dev('trigger/appeal', {});
    expect((await rt.ok('appeal', { action: 'detail', id }, R1)).status).toBe('replied');
    await rt.dev('clock', { offsetMs: 8 * 24 * 3600_000 });
    const run = await rt.dev('trigger/appeal', {});
    expect(run).toMatchObject({ ok: true });
    const detail = await rt.ok('appeal', { action: 'detail', id }, R1);
    expect(detail).toMatchObject({ status: 'closed', statusLabel: '已办结（未评价）' });
    await rt.dev('clock', { offsetMs: 0 });
  });
});

describe('conflicts of interest and public privacy', () => {
  it('never routes a deputy’s own appeal to that deputy', async () => {
    const { body } = await submit(D01, { content: '代表本人作为居民反映：小区健身器材损坏' });
    expect(body.data.status).toBe('assigned');
    expect(body.data.assignee.deputyId).not.toBe('d01');
  });
  it('hides phones and names a resident typed into the text from the echo wall', async () => {
    const { body } = await submit(R2, { content: '我是林女士，电话13911112222，楼下垃圾桶满了没人清', contact: { name: '林女士' } });
    const id = body.data._id;
    await rt.ok('deputy', { action: 'reply', id, content: '已联系物业，请林女士留意，电话13911112222已登记。', resolution: 'implemented' }, D01);
    await rt.ok('appeal', { action: 'rate', id, rating: 'satisfied' }, R2);
    const wall = await rt.ok('appeal', { action: 'wall' }, R1);
    const item = wall.items.find((w: { _id: string }) => w._id === id);
    expect(item.summary).toContain('[手机号已隐藏]');
    expect(JSON.stringify(item)).not.toMatch(/13911112222|林女士/);
  });
  it('refuses a risky reply text', async () => {
    const { body } = await submit(R1, { content: '检查代表答复内容安全的诉求' });
    const res = await rt.call('deputy', { action: 'reply', id: body.data._id, content: '【测试违规】不当答复内容', resolution: 'explained' }, D01);
    expect(res.body.error.code).toBe('CONTENT_REJECTED');
    expect((await rt.ok('appeal', { action: 'detail', id: body.data._id }, R1)).status).toBe('assigned');
  });
});
