/** 代表建议 from clusters and 我也遇到, through the functions: residents, deputies and staff as they use them. */
import { acceptedAppeal, REVIEW_MARK, routedAppeal, type Appeal } from '../factories/appeals';
import { requestId, uniqueTag } from '../factories/ids';
import { deputyAccount, otherDeputy, resident, staffMember } from '../factories/people';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let staff: string;
useRuntime(async (r) => { rt = r; staff = await staffMember(r); });

const inbox = async (openid: string): Promise<{ title: string; body: string }[]> => (await rt.ok('user', { action: 'inbox' }, openid)).items;
const sameSet = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join();

/** Three residents of one community report one problem in their own words. */
async function threeAppeals(): Promise<Appeal[]> {
  const tag = uniqueTag();
  const first = await routedAppeal(rt, { content: `青石路${tag}号公交站台雨棚破损漏雨，下雨天等车的老人孩子全身淋湿` });
  const place = { communityId: first.communityId, category: first.category };
  const second = await acceptedAppeal(rt, { ...place, content: `青石路${tag}号公交站台的雨棚破损漏雨，下雨天等车淋湿，希望尽快修` });
  const third = await routedAppeal(rt, { ...place, content: `公交站台雨棚破损漏雨好几个月了，青石路${tag}号，下雨天等车全身淋湿` });
  return [first, second, third];
}

describe('代表建议 from a cluster of appeals', () => {
  it('three similar appeals are proposed as one cluster, become a suggestion, and its outcome reaches all three residents', async () => {
    const appeals = await threeAppeals();
    const ids = appeals.map((a) => a.id);
    const deputy = appeals[0].deputy!;
    const proposed = await rt.ok('suggestion', { action: 'clusters' }, deputy.openid);
    const cluster = proposed.find((c: { appeals: { _id: string }[] }) => c.appeals.some((a) => a._id === ids[0]));
    expect(cluster).toBeDefined();
    expect(sameSet(cluster.appeals.map((a: { _id: string }) => a._id), ids)).toBe(true);
    expect(cluster.reasons[0]).toMatch(/同一社区、同一类别，文字相似度 \d+%/);
    expect(await rt.code('suggestion', { action: 'clusters' }, appeals[0].resident)).toBe('PERMISSION_DENIED');

    const s = await rt.ok('suggestion', { action: 'propose', requestId: requestId('sg'), appealIds: ids, title: '关于修复青石路公交站台雨棚的建议', content: '多位居民反映青石路公交站台雨棚破损漏雨，建议交通部门尽快维修并定期巡查。', department: '区交通运输局' }, deputy.openid);
    expect(s).toMatchObject({ status: 'drafted', appealCount: 3, nextStep: 'assign', proposerName: `${deputy.name}代表` });
    for (const a of appeals) {
      expect((await inbox(a.resident))[0].title).toBe('您的诉求已纳入代表建议');
      expect((await rt.ok('suggestion', { action: 'links', appealId: a.id }, a.resident)).suggestion).toMatchObject({ _id: s._id, title: '关于修复青石路公交站台雨棚的建议' });
    }
    // An appeal joins one suggestion only; the cluster is gone from the proposals.
    const again = await rt.code('suggestion', { action: 'propose', requestId: requestId('sg'), appealIds: ids.slice(0, 2), title: '重复的建议标题', content: '重复提出的建议内容，应当被拒绝。', department: '区交通运输局' }, staff);
    expect(again).toBe('CONFLICT');
    expect((await rt.ok('suggestion', { action: 'clusters' }, staff)).some((c: { appeals: { _id: string }[] }) => c.appeals.some((a) => ids.includes(a._id)))).toBe(false);

    // Only its deputy or staff move it on, one step at a time.
    const stranger = await otherDeputy(rt, [deputy.deputyId]);
    expect(await rt.code('suggestion', { action: 'step', id: s._id, step: 'assign', department: '区交通运输局' }, stranger.openid)).toBe('PERMISSION_DENIED');
    expect(await rt.code('suggestion', { action: 'step', id: s._id, step: 'answer', answer: '已经修好了雨棚', resolution: 'implemented' }, deputy.openid)).toBe('FAILED_PRECONDITION');
    await rt.ok('suggestion', { action: 'step', id: s._id, step: 'assign', department: '区交通运输局', note: '限期一个月答复' }, staff);
    for (const a of appeals) expect((await inbox(a.resident))[0].title).toBe('您反映的问题已作为代表建议交办');

    const answered = await rt.ok('suggestion', { action: 'step', id: s._id, step: 'answer', answer: '已安排施工单位更换雨棚顶板，本月底前完工。', resolution: 'in_plan' }, deputy.openid);
    expect(answered).toMatchObject({ status: 'answered', resolution: 'in_plan', nextStep: 'implement' });
    for (const a of appeals) {
      const d = await rt.ok('appeal', { action: 'detail', id: a.id }, a.resident);
      expect(d).toMatchObject({ status: 'replied', resolution: 'in_plan' });
      expect(d.reply.content).toContain('已安排施工单位更换雨棚顶板');
      expect((await inbox(a.resident))[0].title).toBe('代表建议已答复，请您评价');
    }
    // Still each resident's rating: one is satisfied, one is not (back for a redo).
    expect((await rt.ok('appeal', { action: 'rate', id: ids[0], rating: 'satisfied' }, appeals[0].resident)).status).toBe('closed');
    expect((await rt.ok('appeal', { action: 'rate', id: ids[1], rating: 'unsatisfied' }, appeals[1].resident)).status).toBe('assigned');

    const done = await rt.ok('suggestion', { action: 'step', id: s._id, step: 'implement', note: '雨棚已全部更换，经代表现场查看验收。' }, deputy.openid);
    expect(done).toMatchObject({ status: 'implemented', nextStep: null });
    expect(done.steps.map((x: { label: string }) => x.label)).toEqual(['提出建议', '交办', '答复', '落实']);
    for (const a of appeals) expect((await inbox(a.resident))[0].title).toBe('代表建议已落实');

    // Residents find it among the public suggestions, without the appeals behind it.
    const reader = await resident(rt);
    const listed = (await rt.ok('suggestion', { action: 'list' }, reader)).items.find((x: { _id: string }) => x._id === s._id);
    expect(listed).toMatchObject({ status: 'implemented', statusLabel: '已落实', department: '区交通运输局' });
    expect((await rt.ok('suggestion', { action: 'detail', id: s._id }, reader)).appeals).toBeUndefined();
    expect((await rt.ok('suggestion', { action: 'detail', id: s._id }, staff)).appeals).toHaveLength(3);
  });

  it('refuses a suggestion of one appeal, or of appeals outside a deputy’s communities', async () => {
    const [a] = await threeAppeals();
    const deputy = await deputyAccount(rt, a.deputy!.deputyId);
    const base = { action: 'propose', title: '一件诉求的建议', content: '只有一件诉求的建议内容，应当被拒绝。', department: '区住建局' };
    expect(await rt.code('suggestion', { ...base, requestId: requestId('sg'), appealIds: [a.id] }, deputy.openid)).toBe('INVALID_ARGUMENT');
    const far = await otherDeputy(rt, [deputy.deputyId]);
    if (!far.communityIds.includes(a.communityId) && far.stationId !== 'home' && far.communityIds.length > 0) {
      const [b, c] = (await threeAppeals()).slice(1);
      expect(await rt.code('suggestion', { ...base, requestId: requestId('sg'), appealIds: [b.id, c.id] }, far.openid)).toBe('PERMISSION_DENIED');
    }
  });
});

describe('我也遇到', () => {
  it('a resident typing the same problem is offered the case; support counts each person once, even sent in parallel', async () => {
    const tag = uniqueTag();
    const a = await routedAppeal(rt, { content: `柳荫小区${tag}栋门口的路灯不亮已经两周了，晚上出门很危险` });
    const neighbour = await resident(rt);
    const offered = await rt.ok('suggestion', { action: 'similar', communityId: a.communityId, category: a.category, content: `柳荫小区${tag}栋门口路灯不亮，晚上很危险` }, neighbour);
    expect(offered[0]).toMatchObject({ _id: a.id, supporters: 0, supportedByMe: false, mine: false, reply: null, reason: '同一社区、同一类别' });
    // Not on the 回音壁: the neighbour reads place and category, never the resident's words.
    expect(JSON.stringify(offered)).not.toContain(a.resident);
    expect(JSON.stringify(offered)).not.toContain(tag);
    expect(offered[0].summary).toMatch(/居民反映的.+问题$/);
    expect((await rt.ok('suggestion', { action: 'publicCase', appealId: a.id }, a.resident)).summary).toContain(tag);
    expect(await rt.ok('suggestion', { action: 'similar', communityId: a.communityId, content: '完全无关的内容，关于图书馆开放时间' }, neighbour)).toEqual([]);

    const answers = await Promise.all(Array.from({ length: 6 }, () => rt.call('suggestion', { action: 'support', appealId: a.id }, neighbour)));
    expect(answers.every((r) => r.body.ok)).toBe(true);
    expect((await rt.ok('suggestion', { action: 'publicCase', appealId: a.id }, neighbour))).toMatchObject({ supporters: 1, supportedByMe: true });
    await rt.ok('suggestion', { action: 'support', appealId: a.id }, await resident(rt));
    expect((await rt.ok('suggestion', { action: 'links', appealId: a.id }, a.deputy!.openid)).supporters).toBe(2);
    expect(await rt.code('suggestion', { action: 'support', appealId: a.id }, a.resident)).toBe('FAILED_PRECONDITION');
  });

  it('every supporter hears the deputy’s answer, however many there are', async () => {
    const a = await acceptedAppeal(rt, { content: `菜场${uniqueTag()}号摊位周边污水横流，气味很大` });
    const supporters = Array.from({ length: 105 }, (_, i) => `supporter_${uniqueTag()}_${i}`);
    for (let i = 0; i < supporters.length; i += 15) await Promise.all(supporters.slice(i, i + 15).map((p) => rt.ok('suggestion', { action: 'support', appealId: a.id }, p)));
    expect((await rt.ok('suggestion', { action: 'publicCase', appealId: a.id }, supporters[0])).supporters).toBe(105);
    await rt.ok('deputy', { action: 'reply', id: a.id, content: '已协调市场管理方疏通排水沟并每日冲洗。', resolution: 'implemented' }, a.deputy!.openid);
    for (const p of [supporters[0], supporters[57], supporters[104]]) {
      const told = (await inbox(p))[0];
      expect(told.title).toBe('您附议的问题有了答复');
      expect(told.body).toContain('已协调市场管理方疏通排水沟');
    }
  });

  it('a 代表建议’s answer and 落实 reach every supporter of its appeals once — a few in the step itself, many paged after it', async () => {
    for (const crowd of [2, 101]) {
      const appeals = await threeAppeals();
      const deputy = appeals[0].deputy!;
      const supporters = Array.from({ length: crowd }, (_, i) => `supporter_${uniqueTag()}_${i}`);
      for (let i = 0; i < supporters.length; i += 15) await Promise.all(supporters.slice(i, i + 15).map((p, k) => rt.ok('suggestion', { action: 'support', appealId: appeals[(i + k) % 2].id }, p)));
      const s = await rt.ok('suggestion', { action: 'propose', requestId: requestId('sg'), appealIds: appeals.map((a) => a.id), title: '关于修复青石路公交站台雨棚的建议', content: '多位居民反映青石路公交站台雨棚破损漏雨，建议交通部门尽快维修并定期巡查。', department: '区交通运输局' }, deputy.openid);
      await rt.ok('suggestion', { action: 'step', id: s._id, step: 'assign', department: '区交通运输局' }, staff);
      const answer = { action: 'step', id: s._id, step: 'answer', answer: '已安排施工单位更换雨棚顶板，本月底前完工。', resolution: 'in_plan' };
      await rt.ok('suggestion', answer, deputy.openid);
      const implement = { action: 'step', id: s._id, step: 'implement', note: '雨棚已全部更换，经代表现场查看验收。' };
      await rt.ok('suggestion', implement, deputy.openid);
      // A retry of a stored step tells nobody twice.
      await rt.ok('suggestion', implement, deputy.openid);
      for (const p of [supporters[0], supporters[1], supporters[crowd - 1]]) {
        const titles = (await inbox(p)).map((m) => m.title);
        expect({ crowd, p, answered: titles.filter((t) => t === '您附议的问题有了答复').length, done: titles.filter((t) => t === '您附议的问题已落实').length }).toEqual({ crowd, p, answered: 1, done: 1 });
      }
    }
  });

  it('a reply held for review reaches its supporters only once staff release it', async () => {
    const a = await acceptedAppeal(rt, { content: `桥头${uniqueTag()}号路面塌陷，电动车经过很危险` });
    const neighbour = await resident(rt);
    await rt.ok('suggestion', { action: 'support', appealId: a.id }, neighbour);
    const told = async () => (await inbox(neighbour)).some((m) => m.title === '您附议的问题有了答复');
    const answered = await rt.ok('deputy', { action: 'reply', id: a.id, content: `${REVIEW_MARK}已联系市政修复路面。`, resolution: 'implemented' }, a.deputy!.openid);
    expect(answered.held).toBe(true);
    expect(await told()).toBe(false);
    const entry = (await rt.ok('staff', { action: 'heldContent' }, staff)).items.find((h: { entityId: string }) => h.entityId === a.id);
    await rt.ok('staff', { action: 'decideHeld', id: entry._id, decision: 'release' }, staff);
    expect(await told()).toBe(true);
  });

  it('staff merge a duplicate into a case: both residents are told and the duplicate’s resident follows the case', async () => {
    const tag = uniqueTag();
    const target = await acceptedAppeal(rt, { content: `河西路${tag}号井盖松动，车辆经过响声很大` });
    const dup = await routedAppeal(rt, { communityId: target.communityId, category: target.category, content: `河西路${tag}号井盖松动有响声` });
    expect(await rt.code('suggestion', { action: 'merge', id: dup.id, intoId: target.id }, target.deputy!.openid)).toBe('PERMISSION_DENIED');
    expect(await rt.code('suggestion', { action: 'merge', id: dup.id, intoId: dup.id }, staff)).toBe('INVALID_ARGUMENT');
    await rt.ok('suggestion', { action: 'merge', id: dup.id, intoId: target.id }, staff);
    const merged = await rt.ok('appeal', { action: 'detail', id: dup.id }, dup.resident);
    expect(merged).toMatchObject({ status: 'closed', statusLabel: '已合并办理' });
    expect((await rt.ok('suggestion', { action: 'links', appealId: dup.id }, dup.resident)).mergedInto).toBe(target.trackingNo);
    expect((await inbox(dup.resident))[0].title).toBe('您的诉求已合并办理');
    expect((await inbox(target.resident))[0].title).toBe('有居民反映了同一问题');
    expect(await rt.ok('suggestion', { action: 'publicCase', appealId: target.id }, dup.resident)).toMatchObject({ supporters: 1, supportedByMe: true });
    await rt.ok('deputy', { action: 'reply', id: target.id, content: '已通知市政维修更换井盖。', resolution: 'implemented' }, target.deputy!.openid);
    expect((await inbox(dup.resident))[0].title).toBe('您附议的问题有了答复');
  });
});
