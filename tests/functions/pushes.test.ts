/**
 * The pushes the product sends are ones WeChat accepts: the stand-in checks every value against the field
 * types of config/wechat.json (47003 otherwise). Category names (not ids) in `thing`, status words that fit
 * `phrase`; and a rejection that was our fault gives the person's subscription credit back.
 */
import { acceptedAppeal, routedAppeal } from '../factories/appeals';
import { resident } from '../factories/people';
import { directory, newDeputy } from '../factories/street';
import { dbAll, openApiCalls } from '../support/console';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
useRuntime((r) => { rt = r; });
afterEach(async () => { await rt.dev('faults', { rules: [] }); });

const pushesTo = async (touser: string, trackingNo: string) => (await openApiCalls(rt)).filter((c) => c.apiName === 'subscribeMessage.send' && c.touser === touser && c.data?.character_string1?.value === trackingNo);
const credits = async (openid: string, key: string): Promise<number> => (await rt.ok('user', { action: 'subscriptions' }, openid)).find((c: { templateKey: string }) => c.templateKey === key)?.credits ?? 0;
/** One tap on 订阅提醒 is one credit. */
const subscribe = async (openid: string, key: string, taps = 1) => {
  for (let i = 0; i < taps; i++) await rt.ok('user', { action: 'subscribe', accepted: [key] }, openid);
};

test('an appeal from submit to reply: every push is accepted, with the category’s name and status phrases', async () => {
  const deputy = await newDeputy(rt);
  const r = await resident(rt);
  await subscribe(r, 'appealStatus', 3);
  await subscribe(deputy.openid, 'appealAssigned');
  const category = (await directory(rt)).category(deputy.specialties[0]);
  const a = await acceptedAppeal(rt, { resident: r, communityId: deputy.community._id, category: category._id, content: '村口垃圾收集点无人清运，已经堆了三天，气味很大，夏天容易滋生蚊虫，希望尽快处理' });
  expect(a.deputy?.deputyId).toBe(deputy.deputyId);
  await rt.ok('deputy', { action: 'reply', id: a.id, content: '已联系保洁公司今日清运，并增加每周两次巡查。', resolution: 'implemented' }, deputy.openid);
  await rt.dev('trigger/notify', {});

  const assigned = await pushesTo(deputy.openid, a.trackingNo);
  expect(assigned).toHaveLength(1);
  expect(assigned[0]).toMatchObject({ result: 'ok', templateId: 'TEMPLATE_ID_APPEAL_ASSIGNED' });
  expect(assigned[0].data.thing2.value).toBe(category.name);
  expect(Array.from(assigned[0].data.thing3.value as string).length).toBeLessThanOrEqual(20);

  const status = await pushesTo(r, a.trackingNo);
  expect(status.map((c) => c.result)).toEqual(['ok', 'ok']);
  expect(status.map((c) => c.data.phrase2.value)).toEqual(['办理中', '已答复']);
  expect(await credits(r, 'appealStatus')).toBe(1);
});

test('a push WeChat refuses as our fault (47003, 40037) is not retried and gives the credit back; 43101 (no credit at WeChat) does not', async () => {
  const r = await resident(rt);
  await subscribe(r, 'appealStatus', 3);
  const a = await routedAppeal(rt, { resident: r, content: '村东头的路灯坏了两盏，晚上回家看不清路，老人孩子走夜路很危险' });
  await rt.ok('deputy', { action: 'accept', id: a.id }, a.deputy!.openid);
  await rt.dev('trigger/notify', {}); // delivered: one credit spent
  for (const errcode of [47003, 40037]) {
    expect(await credits(r, 'appealStatus')).toBe(2);
    await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'errcode', errcode }, remaining: 1 }] });
    await rt.ok('deputy', { action: 'progress', id: a.id, note: `第${errcode}次进展：已报修` }, a.deputy!.openid);
    await rt.dev('trigger/notify', {});
    expect(await credits(r, 'appealStatus')).toBe(2);
  }
  await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'errcode', errcode: 43101 }, remaining: 1 }] });
  await rt.ok('deputy', { action: 'progress', id: a.id, note: '维修队已到场' }, a.deputy!.openid);
  await rt.dev('trigger/notify', {});
  expect(await credits(r, 'appealStatus')).toBe(0); // WeChat says none left: the ledger follows
  const outbox = await dbAll(rt, 'outbox', { openid: r });
  expect(outbox.map((d: { status: string; lastError?: number }) => `${d.status} ${d.lastError ?? ''}`).sort()).toEqual(['failed 40037', 'failed 47003', 'no_credit 43101', 'sent ']);
});
