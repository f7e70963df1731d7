/** The appeal loop through the functions, told as residents, deputies and staff live it. */
import { appealDetail, appealEvent, type AppealOverrides, publishedAppeal, publishToWall, REPLY_TEXT, repliedAppeal, reopenedAppeal, REVIEW_MARK, RISKY_MARK, routedAppeal, submitAppeal } from '../factories/appeals';
import { advanceClock, DAY, resetClock } from '../factories/clock';
import { otherDeputy, resident, staffMember } from '../factories/people';
import { withSla } from '../factories/settings';
import { directory, newDeputy, specialistCase } from '../factories/street';
import { deliveredPushes, dbCount, notifyRuns } from '../support/console';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let staff: string;
useRuntime(async (r) => { rt = r; staff = await staffMember(r); });

const CONTACT = { name: '林女士', phone: '13812345678' };
const inbox = (openid: string) => rt.ok('user', { action: 'inbox' }, openid);

describe('a resident’s appeal reaches the right deputy', () => {
  it('goes to the deputy of the resident’s community whose specialty matches, and the resident is told why', async () => {
    const c = await specialistCase(rt);
    const { body } = await submitAppeal(rt, { communityId: c.community._id, category: c.category._id });
    expect(body.ok).toBe(true);
    expect(body.data).toMatchObject({ status: 'assigned', assignee: { deputyId: c.deputy.deputyId, name: c.deputy.name }, statusLabel: '已转给代表，待受理' });
    expect(body.data.trackingNo).toMatch(/^\d{8}-\d{5}$/);
    for (const words of [c.community.name, c.category.name, c.deputy.name]) expect(body.data.routeReason).toContain(words);
  });

  it('a deputy without a subscription credit finds the new appeal in their inbox (no push) and in their queue with counts', async () => {
    const deputy = await newDeputy(rt);
    const a = await routedAppeal(rt, { communityId: deputy.community._id, category: deputy.specialties[0] });
    expect(a.deputy?.deputyId).toBe(deputy.deputyId);
    const messages = await inbox(deputy.openid);
    expect(messages.unread).toBe(1);
    expect(messages.items[0]).toMatchObject({ title: '新诉求待受理', read: false });
    expect(messages.items[0].body).toContain(a.trackingNo);
    expect(await deliveredPushes(rt, deputy.openid)).toEqual([]);
    const queue = await rt.ok('deputy', { action: 'queue' }, deputy.openid);
    expect(queue.items.map((i: { _id: string }) => i._id)).toEqual([a.id]);
    expect(queue.counts.assigned).toBe(1);
  });

  it('only the resident, the assigned deputy and staff can open it; the resident sees their own phone masked', async () => {
    const a = await routedAppeal(rt, { contact: CONTACT });
    const own = await appealDetail(rt, a);
    expect(own.contact).toEqual({ name: '林女士', phone: '138****5678' });
    expect(own.viewerIs).toBe('submitter');
    expect((await appealDetail(rt, a, a.deputy!.openid)).contact.phone).toBe(CONTACT.phone);
    expect((await appealDetail(rt, a, staff)).contact.phone).toBe(CONTACT.phone);
    for (const outsider of [await resident(rt), (await otherDeputy(rt, [a.deputy!.deputyId])).openid]) {
      expect(await rt.code('appeal', { action: 'detail', id: a.id }, outsider)).toBe('NOT_FOUND');
    }
  });

  it('nobody but the assigned deputy may act on it, and nothing happens out of order', async () => {
    const a = await routedAppeal(rt);
    const outsider = await otherDeputy(rt, [a.deputy!.deputyId]);
    expect(await rt.code('deputy', { action: 'accept', id: a.id }, a.resident)).toBe('PERMISSION_DENIED');
    expect(await rt.code('deputy', { action: 'accept', id: a.id }, outsider.openid)).toBe('NOT_FOUND');
    expect(await rt.code('appeal', { action: 'rate', id: a.id, rating: 'satisfied' }, a.resident)).toBe('FAILED_PRECONDITION');
    expect(await rt.code('deputy', { action: 'progress', id: a.id, note: '已经联系物业' }, a.deputy!.openid)).toBe('FAILED_PRECONDITION');
    expect((await appealDetail(rt, a)).status).toBe('assigned');
  });
});

describe('the deputy handles it and the resident rates the answer', () => {
  it('the deputy accepts, records progress, transfers it to a department and replies with the real outcome; the resident is told', async () => {
    const a = await routedAppeal(rt);
    const deputy = a.deputy!.openid;
    expect(await rt.ok('deputy', { action: 'accept', id: a.id }, deputy)).toMatchObject({ status: 'in_progress' });
    await rt.ok('deputy', { action: 'progress', id: a.id, note: '已联系物业公司现场查看' }, deputy);
    await rt.ok('deputy', { action: 'transfer', id: a.id, department: '街道城管科', note: '请协调物业更换灯具' }, deputy);
    expect(await rt.ok('deputy', { action: 'reply', id: a.id, content: REPLY_TEXT, resolution: 'implemented' }, deputy)).toMatchObject({ status: 'replied' });
    const detail = await appealDetail(rt, a);
    expect(detail).toMatchObject({ status: 'replied', statusLabel: '已答复，待您评价', resolution: 'implemented', reply: { content: REPLY_TEXT, resolution: 'implemented' } });
    expect(detail.transfers).toEqual([expect.objectContaining({ department: '街道城管科', note: '请协调物业更换灯具' })]);
    expect((await inbox(a.resident)).items.some((m: { body: string }) => m.body.includes('已答复'))).toBe(true);
  });

  it('a resident rates an answer 不满意 and it goes back to the deputy under supervision; nobody else may rate it', async () => {
    const a = await repliedAppeal(rt);
    expect(await rt.code('appeal', { action: 'rate', id: a.id, rating: 'satisfied' }, await resident(rt))).toBe('NOT_FOUND');
    expect(await rt.code('appeal', { action: 'rate', id: a.id, rating: 'satisfied' }, staff)).toBe('NOT_FOUND');
    expect(await rt.ok('appeal', { action: 'rate', id: a.id, rating: 'unsatisfied', comment: '只换了一层' }, a.resident)).toMatchObject({ status: 'assigned', reopenCount: 1 });
    expect(await appealDetail(rt, a, staff)).toMatchObject({ status: 'assigned', supervised: true, reopenCount: 1, assignee: { deputyId: a.deputy!.deputyId } });
    expect((await inbox(a.deputy!.openid)).items[0].title).toBe('诉求被退回重办');
  });

  it('after the redo the resident rates 满意: the appeal closes and shows on the 回音壁 without the resident’s name or phone', async () => {
    const a = await reopenedAppeal(rt, { contact: CONTACT });
    await rt.ok('deputy', { action: 'accept', id: a.id }, a.deputy!.openid);
    await rt.ok('deputy', { action: 'reply', id: a.id, content: '已补换全部楼层灯具，请再次查看。', resolution: 'implemented' }, a.deputy!.openid);
    expect(await rt.ok('appeal', { action: 'rate', id: a.id, rating: 'satisfied' }, a.resident)).toMatchObject({ status: 'closed' });
    await publishToWall(rt, a);
    const wall = await rt.ok('appeal', { action: 'wall' }, await resident(rt));
    const item = wall.items.find((w: { _id: string }) => w._id === a.id);
    expect(item).toMatchObject({ communityId: a.communityId, communityName: (await directory(rt)).community(a.communityId).name, resolution: 'implemented', rating: 'satisfied' });
    expect(JSON.stringify(item)).not.toMatch(/13812345678|林女士/);
    expect(Object.keys(item).sort()).toEqual(['_id', 'category', 'closedAt', 'communityId', 'communityName', 'rating', 'reply', 'resolution', 'summary']);
  });

  it('the timeline keeps every step, with the role of who took it', async () => {
    const a = await reopenedAppeal(rt, { progress: '已联系物业公司现场查看', transfer: { department: '街道城管科', note: '请协调物业更换灯具' } });
    await rt.ok('deputy', { action: 'accept', id: a.id }, a.deputy!.openid);
    await rt.ok('deputy', { action: 'reply', id: a.id, content: '已补换全部楼层灯具，请再次查看。', resolution: 'implemented' }, a.deputy!.openid);
    await rt.ok('appeal', { action: 'rate', id: a.id, rating: 'satisfied' }, a.resident);
    const detail = await appealDetail(rt, a);
    expect(detail.timeline.map((t: { action: string; actorRole: string }) => `${t.action}:${t.actorRole}`)).toEqual([
      'submit:resident', 'route:system', 'accept:deputy', 'progress:deputy', 'transfer:deputy', 'reply:deputy',
      'rate_redo:resident', 'accept:deputy', 'reply:deputy', 'rate_close:resident',
    ]);
    const times = detail.timeline.map((t: { at: string }) => Date.parse(t.at));
    expect(times.every((t: number) => !Number.isNaN(t))).toBe(true);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });
});

describe('submitting safely', () => {
  it('25 simultaneous retries of one submit make one appeal', async () => {
    const { event, resident: r } = await appealEvent(rt);
    const replies = await Promise.all(Array.from({ length: 25 }, () => rt.call('appeal', event, r)));
    expect(replies.every((x) => x.body.ok)).toBe(true);
    expect(new Set(replies.map((x) => x.body.data._id)).size).toBe(1);
    expect((await rt.ok('appeal', { action: 'mine' }, r)).items).toHaveLength(1);
    expect(await dbCount(rt, 'appeals', { submitterOpenid: r })).toBe(1);
  });

  it('content the check wants reviewed is held; risky content is refused with CONTENT_REJECTED, on a retry too', async () => {
    expect((await submitAppeal(rt, { content: `${REVIEW_MARK}楼下商铺噪音扰民问题` })).body.data).toMatchObject({ status: 'pending_review' });
    const { event, resident: r } = await appealEvent(rt, { content: `${RISKY_MARK}这是一段违规内容` });
    expect(await rt.code('appeal', event, r)).toBe('CONTENT_REJECTED');
    expect(await rt.code('appeal', event, r)).toBe('CONTENT_REJECTED');
    expect((await rt.ok('appeal', { action: 'mine' }, r)).items.filter((i: { status: string }) => i.status !== 'rejected')).toEqual([]);
  });

  it('when the content check itself fails, the appeal is kept for review, not lost', async () => {
    await rt.dev('faults', { rules: [{ apiName: 'security.msgSecCheck', fault: { kind: 'http', status: 500 }, remaining: 1 }] });
    const { body, resident: r } = await submitAppeal(rt, { content: '内容检查失败时这条诉求也不能丢' });
    expect(body.data.status).toBe('pending_review');
    const detail = await rt.ok('appeal', { action: 'detail', id: body.data._id }, r);
    expect(detail.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'hold']);
  });

  it('when the push to the deputy fails, the appeal is still routed and in the deputy’s inbox; WeChat’s “no credit” empties the ledger', async () => {
    const deputy = await newDeputy(rt);
    await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, deputy.openid);
    await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'errcode', errcode: 43101 } }] });
    try {
      const a = await routedAppeal(rt, { communityId: deputy.community._id, category: deputy.specialties[0], content: '推送失败时诉求依然要送达代表' });
      expect(a.deputy?.deputyId).toBe(deputy.deputyId);
      expect((await inbox(deputy.openid)).items.some((m: { body: string }) => m.body.includes(a.trackingNo))).toBe(true);
      await notifyRuns(rt); // the push leaves with the notify timer
    } finally {
      await rt.dev('faults', { rules: [] });
    }
    const credits = await rt.ok('user', { action: 'subscriptions' }, deputy.openid);
    expect(credits.find((c: { templateKey: string }) => c.templateKey === 'appealAssigned').credits).toBe(0);
    expect(await deliveredPushes(rt, deputy.openid)).toEqual([]);
  });

  it('a deputy with a subscription credit gets one push, within WeChat’s field limits', async () => {
    const { deputy } = await specialistCase(rt);
    await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, deputy.openid);
    const a = await routedAppeal(rt, { content: '一条很长很长的诉求内容，用来检查订阅消息的字段长度是否被正确截断，不能超过二十个字' });
    expect(a.deputy?.deputyId).toBe(deputy.deputyId);
    const sent = await deliveredPushes(rt, deputy.openid, a.trackingNo);
    expect(sent).toHaveLength(1);
    expect(sent[0].templateId).toBe('TEMPLATE_ID_APPEAL_ASSIGNED');
    expect(Array.from(sent[0].data.thing3.value as string).length).toBeLessThanOrEqual(20);
  });

  it('a submit with bad input is refused with INVALID_ARGUMENT in Chinese, and nothing is stored', async () => {
    const r = await resident(rt);
    const bad: Record<string, unknown>[] = [
      { content: '短' },
      { communityId: { $gt: '' } },
      { communityId: 'no-such-community' },
      { category: 'no-such-category' },
      { images: Array.from({ length: 7 }, (_, i) => `cloud://x/${i}.jpg`) },
      { contact: { phone: '12345' } },
      { content: 'x'.repeat(1001) },
    ];
    for (const extra of bad) {
      const { body } = await submitAppeal(rt, { ...extra, resident: r } as AppealOverrides);
      expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await rt.ok('appeal', { action: 'mine' }, r)).items).toEqual([]);
    expect(await dbCount(rt, 'appeals', { submitterOpenid: r })).toBe(0);
  });

  it('a resident pages through 23 appeals of their own with a cursor, newest first, without repeats', async () => {
    const r = await resident(rt);
    const submitted: string[] = [];
    await withSla(rt, { dailySubmitLimit: 100 }, async () => {
      for (let i = 0; i < 23; i++) submitted.push((await routedAppeal(rt, { resident: r, content: `第${i}条分页测试诉求内容` })).id);
    });
    const first = await rt.ok('appeal', { action: 'mine' }, r);
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toBeDefined();
    const second = await rt.ok('appeal', { action: 'mine', cursor: first.nextCursor }, r);
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeUndefined();
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((i: { _id: string }) => i._id))).toEqual(new Set(submitted));
    const created = all.map((i: { createdAt: string }) => Date.parse(i.createdAt));
    expect([...created].sort((x, y) => y - x)).toEqual(created);
    expect(await rt.code('appeal', { action: 'mine', cursor: 'garbage' }, r)).toBe('INVALID_ARGUMENT');
  });
});

describe('an answer nobody rates', () => {
  afterEach(async () => { await resetClock(rt); });

  it('closes by itself 7 days after the reply (the closeUnrated timer, on the runtime’s clock)', async () => {
    const a = await repliedAppeal(rt, { reply: '已转交物业处理并答复。', resolution: 'explained' });
    await advanceClock(rt, 6 * DAY);
    expect(await rt.dev('trigger/appeal', {})).toMatchObject({ ok: true });
    expect((await appealDetail(rt, a)).status).toBe('replied');
    await advanceClock(rt, 2 * DAY);
    expect(await rt.dev('trigger/appeal', {})).toMatchObject({ ok: true });
    expect(await appealDetail(rt, a)).toMatchObject({ status: 'closed', statusLabel: '已办结（未评价）' });
  });
});

describe('conflicts of interest and privacy', () => {
  it('a deputy’s own appeal, as a resident, never goes to that deputy', async () => {
    const c = await specialistCase(rt, { minRoster: 2 });
    const a = await routedAppeal(rt, { resident: c.deputy.openid, communityId: c.community._id, category: c.category._id, content: '代表本人作为居民反映：小区健身器材损坏' });
    expect(a.deputy?.deputyId).not.toBe(c.deputy.deputyId);
  });

  it('phones and names a resident typed into the text are hidden on the 回音壁', async () => {
    const a = await publishedAppeal(rt, { content: '我是林女士，电话13911112222，楼下垃圾桶满了没人清', contact: { name: '林女士' }, reply: '已联系物业，请林女士留意，电话13911112222已登记。' });
    const wall = await rt.ok('appeal', { action: 'wall' }, await resident(rt));
    const item = wall.items.find((w: { _id: string }) => w._id === a.id);
    expect(item.summary).toContain('[手机号已隐藏]');
    expect(JSON.stringify(item)).not.toMatch(/13911112222|林女士/);
  });

  it('a risky reply text is refused and the appeal stays with the deputy', async () => {
    const a = await routedAppeal(rt, { content: '检查代表答复内容安全的诉求' });
    expect(await rt.code('deputy', { action: 'reply', id: a.id, content: `${RISKY_MARK}不当答复内容`, resolution: 'explained' }, a.deputy!.openid)).toBe('CONTENT_REJECTED');
    expect((await appealDetail(rt, a)).status).toBe('assigned');
  });
});
