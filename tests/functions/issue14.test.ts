// Issue 14 on the server side: deadlines in list items and details, words for each audience, urgency order,
// inbox titles that say what happened, people search, the street phone, why an appeal is held, the name
// after a reassignment, no code words in the timeline, a ballot's real closing time.
import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
beforeAll(async () => {
  rt = await startRuntime();
  await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, 'dev_staff_1');
});
afterAll(async () => { await rt?.stop(); });

const R1 = 'dev_resident_1';
const D01 = 'dev_deputy_d01';
const STAFF = 'dev_staff_1';
let seq = 0;
const submit = (openid: string, content: string, extra: Record<string, unknown> = {}) =>
  rt.ok<{ _id: string; trackingNo: string; status: string; deadline?: { stage: string } }>('appeal', { action: 'submit', requestId: `issue14-${seq++}-${Date.now()}`, communityId: 'c01', category: 'housing', content, contact: { name: '林女士', phone: '13800005678' }, ...extra }, openid);
const patch = (coll: string, id: string, fields: object) => fetch(`${rt.url}/api/dev/db/${coll}/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }).then((r) => r.json());

describe('deadlines and words', () => {
  it('tells the resident when to expect the answer and asks the deputy to accept, each in their own words', async () => {
    const a = await submit(R1, '青石路88号楼道灯坏了，老人晚上下楼看不见台阶。');
    expect(a.status).toBe('assigned');
    expect(a.deadline).toMatchObject({ stage: 'reply', daysLate: 0 });
    const mine = (await rt.ok('appeal', { action: 'mine' }, R1)).items.find((i: { _id: string }) => i._id === a._id);
    expect(mine).toMatchObject({ statusLabel: '已转给代表，待受理', deadline: { stage: 'accept', daysLate: 0 } });
    const queue = await rt.ok('deputy', { action: 'queue', status: 'assigned' }, D01);
    expect(queue.items.find((i: { _id: string }) => i._id === a._id)).toMatchObject({ statusLabel: '待受理', deadline: { stage: 'accept' } });
    expect((await rt.ok('appeal', { action: 'detail', id: a._id }, D01)).statusLabel).toBe('待受理');
  });

  it('lists 待受理 nearest deadline first', async () => {
    const first = await submit(R1, '小区北门的路面塌陷了一块，电瓶车容易摔倒。');
    const second = await submit(R1, '小区南门的垃圾桶坏了，盖子合不上，味道很大。');
    // The later one is due earlier (as when the first one was redone with fresh deadlines).
    await patch('appeals', second._id, { acceptDeadline: { $date: '2020-01-01T00:00:00.000Z' } });
    const ids = (await rt.ok('deputy', { action: 'queue', status: 'assigned' }, D01)).items.map((i: { _id: string }) => i._id);
    expect(ids.indexOf(second._id)).toBeLessThan(ids.indexOf(first._id));
  });

  it('says how late in working days once supervision has run, with no code words in the timeline', async () => {
    const a = await submit(R1, '楼下的消防通道被长期占用，救护车进不来。');
    await rt.dev('clock', { offsetMs: 12 * 24 * 3600_000 });
    try {
      await rt.dev('trigger/supervise', {});
      const detail = await rt.ok('appeal', { action: 'detail', id: a._id }, R1);
      expect(detail.deadline.daysLate).toBeGreaterThanOrEqual(5);
      expect(JSON.stringify(detail.timeline)).not.toMatch(/[A-Za-z]{3,}(?=）|\))/);
      expect(detail.timeline.map((e: { note?: string }) => e.note).join('')).toContain('已列入督办');
      const overdue = (await rt.ok('staff', { action: 'overdue' }, STAFF)).items.find((i: { _id: string }) => i._id === a._id);
      expect(overdue).toMatchObject({ statusLabel: '已分派，待代表受理', deadline: { daysLate: detail.deadline.daysLate } });
      const home = await rt.ok('deputy', { action: 'home' }, D01);
      expect(home.overdue).toBeGreaterThanOrEqual(1);
      expect(home.urgent[0].deadline.daysLate).toBeGreaterThanOrEqual(home.urgent[home.urgent.length - 1].deadline.daysLate);
      expect(home.counts.assigned).toBeGreaterThanOrEqual(1);
    } finally {
      await rt.dev('clock', { offsetMs: 0 });
    }
  });

  it('names the new deputy after a reassignment, and a closed case is no longer 督办中', async () => {
    const a = await submit(R1, '小区门口的减速带松动了，车开过去响声很大。');
    await rt.ok('staff', { action: 'assign', id: a._id, deputyId: 'd02' }, STAFF);
    const detail = await rt.ok('appeal', { action: 'detail', id: a._id }, R1);
    expect(detail.assignee.name).toBe('陈秀英');
    expect(detail.routeReason).toContain('陈秀英');
    expect(detail.routeReason).not.toContain('王建国');
  });
});

describe('inbox titles say what happened', () => {
  it('代表已受理您的诉求, with the tracking number in the body', async () => {
    const a = await submit(R1, '社区广场的路灯晚上十点就熄灭了，散步很不安全。');
    await rt.ok('deputy', { action: 'accept', id: a._id }, D01);
    const inbox = await rt.ok('user', { action: 'inbox' }, R1);
    expect(inbox.items[0].title).toBe('代表已受理您的诉求');
    expect(inbox.items[0].body).toContain(a.trackingNo);
  });
});

describe('staff act on a person they can find', () => {
  it('finds people by name from the first character, phone tail or tracking number; staff only', async () => {
    const a = await submit('dev_resident_3', '村口的水渠堵了，下雨天田里积水排不出去。', { communityId: 'c03', contact: { name: '马阿姨', phone: '13900004321' } });
    const byName = await rt.ok('staff', { action: 'people', query: '马' }, STAFF);
    expect(byName.map((p: { openid: string }) => p.openid)).toContain('dev_resident_3');
    expect(await rt.ok('staff', { action: 'people', query: '4321' }, STAFF)).toEqual([expect.objectContaining({ openid: 'dev_resident_3', phoneTail: '4321', lastTrackingNo: a.trackingNo })]);
    expect((await rt.ok('staff', { action: 'people', query: a.trackingNo }, STAFF))[0]).toMatchObject({ openid: 'dev_resident_3', role: 'resident' });
    // Never the whole phone number.
    expect(JSON.stringify(byName)).not.toContain('13900004321');
    expect((await rt.call('staff', { action: 'people', query: '马' }, R1)).body.error.code).toBe('PERMISSION_DENIED');
  });

  it('lists who is restricted, and says why an appeal waits for review', async () => {
    await rt.ok('staff', { action: 'block', openid: 'dev_resident_4', reason: '短时间内大量重复提交' }, STAFF);
    const blocked = await rt.ok('staff', { action: 'people' }, STAFF);
    expect(blocked).toEqual(expect.arrayContaining([expect.objectContaining({ openid: 'dev_resident_4', blocked: true, blockedReason: '短时间内大量重复提交' })]));
    const held = await submit('dev_resident_4', '请审核：小区里有人乱贴小广告。', { communityId: 'c12' });
    const review = await submit('dev_resident_2', '【测试复核】柳岸街夜市占道经营，晚上很吵。', { communityId: 'c02' });
    const queue = (await rt.ok('staff', { action: 'reviewQueue' }, STAFF)).items;
    expect(queue.find((i: { _id: string }) => i._id === held._id).heldBecause).toBe('账号受限，待人工审核');
    expect(queue.find((i: { _id: string }) => i._id === review._id).heldBecause).toBe('内容需人工复核');
    await rt.ok('staff', { action: 'unblock', openid: 'dev_resident_4' }, STAFF);
  });
});

describe('the street phone', () => {
  it('is a staff setting, public through directory.contact, and in the daily-limit message', async () => {
    expect((await rt.ok('directory', { action: 'contact' }, R1)).phone).toBe('0571-88000100'); // the 代表之家 until set
    await rt.ok('staff', { action: 'updateSettings', streetPhone: '0571-88009999', dailySubmitLimit: 1 }, STAFF);
    try {
      expect((await rt.ok('directory', { action: 'contact' }, R1)).phone).toBe('0571-88009999');
      expect((await rt.ok('staff', { action: 'settings' }, STAFF)).streetPhone).toBe('0571-88009999');
      await submit('limit_person', '第一条诉求：楼道里的灭火器过期了。');
      const { body } = await rt.call('appeal', { action: 'submit', requestId: `issue14-limit-${Date.now()}`, communityId: 'c01', category: 'housing', content: '第二条诉求：电梯按钮坏了。' }, 'limit_person');
      expect(body.error.code).toBe('RATE_LIMITED');
      expect(body.error.message).toContain('0571-88009999');
      expect((await rt.call('staff', { action: 'updateSettings', streetPhone: '电话' }, STAFF)).body.error.code).toBe('INVALID_ARGUMENT');
    } finally {
      await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, STAFF);
    }
  });
});

describe('ballots', () => {
  it('a ballot closed early says when it really closed, and names its pair', async () => {
    await rt.ok('ballot', { action: 'close', ballotId: 'ballot-resident' }, STAFF);
    const list = await rt.ok('ballot', { action: 'list' }, R1);
    const resident = list.find((b: { _id: string }) => b._id === 'ballot-resident');
    expect(resident).toMatchObject({ status: 'closed', pairedBallotId: 'ballot-deputy' });
    expect(resident.closedAt < resident.closesAt).toBe(true);
    // The deputies' ballot may now show the residents' result it weighs.
    expect((await rt.ok('ballot', { action: 'results', ballotId: 'ballot-resident' }, D01)).status).toBe('closed');
  });
});
