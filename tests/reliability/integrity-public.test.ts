/**
 * Issue 12, part A — nothing unmoderated or private reaches another person, and no per-person limit can be
 * raced. Each story reproduces one finding of the issue (numbered as there) against a fresh runtime.
 */
import { acceptedAppeal, appealDetail, closedAppeal, REVIEW_MARK, RISKY_MARK, repliedAppeal, routedAppeal, submitAppeal } from '../factories/appeals';
import { comment as makeComment, consultingDraft } from '../factories/legislation';
import { requestId } from '../factories/ids';
import { resident, staffMember } from '../factories/people';
import { candidateProject, proposalEvent } from '../factories/projects';
import { dbAll, dbCount, openApiCalls, storedInbox } from '../support/console';
import { uploadToStorage } from '../support/storage';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let staff: string;
useRuntime(async (r) => {
  rt = r;
  staff = await staffMember(r);
});

const held = async () => (await rt.ok('staff', { action: 'heldContent' }, staff)).items as { _id: string; kind: string; text: string; entityId: string }[];
const release = (id: string) => rt.ok('staff', { action: 'decideHeld', id, decision: 'release' }, staff);
const checkerDown = (times = 1) => rt.dev('faults', { rules: [{ apiName: 'security.msgSecCheck', fault: { kind: 'errcode', errcode: -1, errmsg: 'system error' }, remaining: times }] });
const wallItem = async (id: string) => (await rt.ok('appeal', { action: 'wall' }, await resident(rt))).items.find((w: { _id: string }) => w._id === id);

/** A photo in the caller's own storage folder (whoami names it), as the mini-program uploads one. */
async function ownPhoto(openid: string, name: string): Promise<string> {
  const me = await rt.ok('user', { action: 'whoami' }, openid);
  return uploadToStorage(rt, `${me.uploadDir ?? 'appeals/test'}/${name}`, Buffer.from(`photo ${name}`));
}

describe('1 · daily submit limit under concurrency', () => {
  it('50 parallel submits from one resident store at most the daily limit; the rest are told RATE_LIMITED (or to retry)', async () => {
    const { sla } = await rt.ok('staff', { action: 'settings' }, staff);
    const who = await resident(rt);
    const first = await submitAppeal(rt, { resident: who });
    const event = first.event;
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => rt.call('appeal', { ...event, requestId: requestId(`burst${i}`), content: `并发提交第${i}条：路口红绿灯时间太短` }, who)));
    const stored = await dbCount(rt, 'appeals', { submitterOpenid: who });
    expect(stored).toBeLessThanOrEqual(sla.dailySubmitLimit);
    expect(replies.filter((r) => r.body.ok)).toHaveLength(stored - 1);
    const refused = replies.filter((r) => !r.body.ok).map((r) => r.body.error.code);
    // CONFLICT (a lock held too long on a loaded machine) is a refusal the resident may retry; nothing else.
    expect(replies.filter((r) => !r.body.ok && !['RATE_LIMITED', 'CONFLICT'].includes(r.body.error.code)).map((r) => `${r.status} ${r.body.error.code} ${r.body.error.message}`)).toEqual([]);
    expect(refused.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThan(40);
    // Once the day's count is used, even a calm retry is refused.
    expect(await rt.code('appeal', { ...event, requestId: requestId('after'), content: '并发之后再提交一条：路灯不亮' }, who)).toBe(stored === sla.dailySubmitLimit ? 'RATE_LIMITED' : 'ok');
  }, 120_000);
});

describe('2 · deputy replies are moderated like any text', () => {
  it('a reply the check marks for review is held for staff: no reply, no status change, no message until released', async () => {
    const a = await acceptedAppeal(rt);
    const text = `${REVIEW_MARK}已联系物业，下周更换灯具。`;
    const answer = await rt.ok('deputy', { action: 'reply', id: a.id, content: text, resolution: 'in_plan' }, a.deputy!.openid);
    expect(answer).toMatchObject({ status: 'in_progress', held: true });
    const seen = await appealDetail(rt, a);
    expect(seen.status).toBe('in_progress');
    expect(seen.reply).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('下周更换灯具');
    expect((await storedInbox(rt, a.resident)).filter((m) => m.body.includes('答复'))).toEqual([]);
    const entry = (await held()).find((h) => h.entityId === a.id && h.kind === 'appeal.reply');
    expect(entry?.text).toContain('下周更换灯具');
    await release(entry!._id);
    expect(await appealDetail(rt, a)).toMatchObject({ status: 'replied', reply: { content: text, resolution: 'in_plan' } });
  });

  it('with the checker down even a risky reply is held (fail closed), never published', async () => {
    const a = await acceptedAppeal(rt);
    await checkerDown();
    const answer = await rt.ok('deputy', { action: 'reply', id: a.id, content: `${RISKY_MARK}不当答复内容`, resolution: 'explained' }, a.deputy!.openid);
    expect(answer).toMatchObject({ held: true });
    expect((await appealDetail(rt, a)).reply).toBeUndefined();
    expect(await rt.code('appeal', { action: 'rate', id: a.id, rating: 'satisfied' }, a.resident)).toBe('FAILED_PRECONDITION');
  });
});

describe('3 · echo wall privacy by construction', () => {
  const TEXT = '我叫张伟，住5栋301，电话 139 0000 1111，楼下的化粪池一直往外冒水，味道很大';
  const REPLY = '已请物业疏通化粪池，如仍有问题请拨打138-1234-5678或 +86 138 1234 5678 联系王师傅，邮箱 wy＠example.com。';

  it('a closed appeal is not on the wall unless its resident publishes it', async () => {
    const a = await closedAppeal(rt);
    expect(await wallItem(a.id)).toBeUndefined();
  });

  it('the resident previews the exact public text, publishes it, and the wall shows exactly that — no name, room, phone or e-mail', async () => {
    const a = await closedAppeal(rt, { content: TEXT, anonymous: true, reply: REPLY });
    const preview = await rt.ok('appeal', { action: 'wallPreview', id: a.id }, a.resident);
    for (const secret of ['张伟', '5栋301', '139 0000 1111', '138-1234-5678', '138 1234 5678', 'wy＠example.com']) expect(JSON.stringify(preview)).not.toContain(secret);
    expect(preview.summary).toContain('化粪池');
    expect(await rt.code('appeal', { action: 'wallPreview', id: a.id }, await resident(rt))).toBe('NOT_FOUND');
    await rt.ok('appeal', { action: 'publish', id: a.id, digest: preview.digest }, a.resident);
    const item = await wallItem(a.id);
    expect({ summary: item.summary, reply: item.reply }).toEqual({ summary: preview.summary, reply: preview.reply });
  });

  it('a publish with a stale preview is refused; staff can edit and withdraw a published case', async () => {
    const a = await closedAppeal(rt, { content: '小区东门的路灯坏了三个星期，晚上很黑' });
    expect(await rt.code('appeal', { action: 'publish', id: a.id, digest: '0123456789abcdef' }, a.resident)).toBe('CONFLICT');
    const { digest } = await rt.ok('appeal', { action: 'wallPreview', id: a.id }, a.resident);
    await rt.ok('appeal', { action: 'publish', id: a.id, digest }, a.resident);
    await rt.ok('staff', { action: 'wallEdit', id: a.id, summary: '小区东门路灯损坏，电话13800001111', reply: '路灯已修复。' }, staff);
    expect(await wallItem(a.id)).toMatchObject({ summary: '小区东门路灯损坏，电话[手机号已隐藏]', reply: '路灯已修复。' });
    await rt.ok('staff', { action: 'wallWithdraw', id: a.id, reason: '居民要求撤下' }, staff);
    expect(await wallItem(a.id)).toBeUndefined();
  });
});

describe('5 · images are the caller’s own and hidden until the media check passes', () => {
  it('a file id from another environment or another person’s folder is refused', async () => {
    const who = await resident(rt);
    const other = await resident(rt);
    const foreign = await ownPhoto(other, 'theirs.jpg');
    for (const image of ['cloud://other-env.6f74-other-env-1300000000/u/x/a.jpg', foreign]) {
      const { event } = await proposalEvent(rt, { resident: who });
      expect(await rt.code('project', { ...event, images: [image] }, who)).toBe('INVALID_ARGUMENT');
      const { body } = await submitAppeal(rt, { resident: who, images: [image] });
      expect(body.error?.code).toBe('INVALID_ARGUMENT');
    }
  });

  it('an appeal photo reaches the deputy only after mediaCheckAsync passes; a risky one never', async () => {
    await rt.dev('media-check', { mode: 'hold' });
    const who = await resident(rt);
    const ok = await ownPhoto(who, 'street-light.jpg');
    const bad = await ownPhoto(who, 'test-risky.jpg');
    const a = await routedAppeal(rt, { resident: who, images: [ok, bad] });
    expect((await openApiCalls(rt)).filter((c) => c.apiName === 'security.mediaCheckAsync').length).toBeGreaterThanOrEqual(2);
    expect((await appealDetail(rt, a, a.deputy!.openid)).images).toEqual([]);
    expect((await appealDetail(rt, a)).images).toEqual([ok, bad]);
    // A push anyone could send naming a trace id WeChat never gave changes nothing.
    const forged = await rt.call('user', { MsgType: 'event', Event: 'wxa_media_check', trace_id: 'forged-trace-1', result: { suggest: 'pass' } }, who);
    expect(forged.body).toEqual({ ok: true, data: { matched: false } });
    expect((await appealDetail(rt, a, a.deputy!.openid)).images).toEqual([]);
    await rt.dev('media-check/deliver', {});
    expect((await appealDetail(rt, a, a.deputy!.openid)).images).toEqual([ok]);
    expect((await appealDetail(rt, a, staff)).images).toEqual([ok, bad]);
    await rt.dev('media-check', { mode: 'auto' });
  });

  it('staff see a proposal’s images in review; the public project shows only those that passed', async () => {
    await rt.dev('media-check', { mode: 'hold' });
    const { event, resident: who } = await proposalEvent(rt);
    const photo = await ownPhoto(who, 'playground.jpg');
    const made = await rt.ok('project', { ...event, images: [photo] }, who);
    const pool = await rt.ok('project', { action: 'proposals' }, staff);
    expect(pool.items.find((p: { _id: string }) => p._id === made._id).images).toEqual([{ fileId: photo, check: 'checking' }]);
    const project = await candidateProject(rt, { proposals: [{ id: made._id, status: made.status, resident: who, title: String(event.title), description: String(event.description), communityId: String(event.communityId) }] });
    expect((await rt.ok('project', { action: 'detail', projectId: project.projectId }, await resident(rt))).images).toEqual([]);
    await rt.dev('media-check/deliver', {});
    expect((await rt.ok('project', { action: 'detail', projectId: project.projectId }, await resident(rt))).images).toEqual([photo]);
    await rt.dev('media-check', { mode: 'auto' });
  });
});

describe('6 · every text another person reads is checked', () => {
  it('progress and transfer notes marked for review reach neither the timeline nor the resident’s inbox until released', async () => {
    const a = await acceptedAppeal(rt);
    const progress = await rt.ok('deputy', { action: 'progress', id: a.id, note: `${REVIEW_MARK}已约物业周三上门` }, a.deputy!.openid);
    const transfer = await rt.ok('deputy', { action: 'transfer', id: a.id, department: '街道城管科', note: `${REVIEW_MARK}请协调更换灯具` }, a.deputy!.openid);
    expect([progress.held, transfer.held]).toEqual([true, true]);
    const seen = JSON.stringify(await appealDetail(rt, a));
    expect(seen).not.toContain('周三上门');
    expect(seen).not.toContain('更换灯具');
    expect(JSON.stringify(await storedInbox(rt, a.resident))).not.toMatch(/周三上门|城管科/);
  });

  it('a rating comment marked for review is not shown to the deputy; the rating itself still counts', async () => {
    const a = await repliedAppeal(rt);
    await rt.ok('appeal', { action: 'rate', id: a.id, rating: 'satisfied', comment: `${REVIEW_MARK}代表辛苦了` }, a.resident);
    const seen = await appealDetail(rt, a, a.deputy!.openid);
    expect(seen.status).toBe('closed');
    expect(JSON.stringify(seen)).not.toContain('代表辛苦了');
  });

  it.each([
    ['contact name', { contact: { name: `${REVIEW_MARK}林` } }],
    ['location name', { location: { latitude: 30.1, longitude: 120.2, name: `${REVIEW_MARK}东门` } }],
  ])('an appeal whose %s the check marks for review is held for staff', async (_what, extra) => {
    const { body } = await submitAppeal(rt, extra);
    expect(body.data.status).toBe('pending_review');
  });

  it('a risky contact name is refused with a reason', async () => {
    const { body } = await submitAppeal(rt, { contact: { name: `${RISKY_MARK}某` } });
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('CONTENT_REJECTED');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('7 · floods from one account', () => {
  it('a blocked account’s 100 parallel proposals are held, at most the daily limit stored', async () => {
    const who = await resident(rt);
    await rt.ok('staff', { action: 'block', openid: who, reason: '批量刷建议' }, staff);
    const { event } = await proposalEvent(rt, { resident: who });
    const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => rt.call('project', { ...event, requestId: requestId(`flood${i}`), title: `刷屏建议${i}号` }, who)));
    const stored = await dbAll(rt, 'proposals', { proposerOpenid: who });
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThanOrEqual(10);
    expect(stored.every((p) => p.status === 'pending_review')).toBe(true);
    expect(replies.filter((r) => !r.body.ok).every((r) => r.body.error.code === 'RATE_LIMITED')).toBe(true);
  }, 120_000);

  it('a blocked account’s 100 parallel comments leave the draft’s public count at 0; an open account raises it by at most one a section', async () => {
    const draft = await consultingDraft(rt, { sections: 2 });
    const blocked = await resident(rt);
    await rt.ok('staff', { action: 'block', openid: blocked, reason: '批量刷意见' }, staff);
    const flood = (who: string, sectionId: string) =>
      Promise.all(Array.from({ length: 100 }, (_, i) => rt.call('legislation', { action: 'comment', requestId: requestId(`c${i}`), draftId: draft.draftId, sectionId, content: `刷屏意见第${i}条，内容重复` }, who)));
    await flood(blocked, 's1');
    const total = async () => (await rt.ok('legislation', { action: 'detail', draftId: draft.draftId }, await resident(rt))).rollup.total;
    expect(await total()).toBe(0);
    const open = await resident(rt);
    await flood(open, 's1');
    expect(await total()).toBe(1);
    await makeComment(rt, draft, { resident: open, sectionId: 's2', content: '第二条的意见：建议明确责任部门。' });
    expect(await total()).toBe(2);
    expect(await dbCount(rt, 'draftComments', { authorOpenid: blocked })).toBeLessThanOrEqual(1);
  }, 120_000);
});
