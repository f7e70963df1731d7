/**
 * The pushes the product sends are ones WeChat accepts: the stand-in checks every value against the field
 * types of config/wechat.json (47003 otherwise). Category names (not ids) in `thing`, status words that fit
 * `phrase`; and a rejection that was our fault gives the person's subscription credit back.
 */
import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
beforeAll(async () => {
  rt = await startRuntime();
  await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, 'dev_staff_1');
});
afterAll(async () => { await rt?.stop(); });

const RESIDENT = 'push_resident';
const DEPUTY = 'dev_deputy_d05'; // 桃园村 (c03), environment
type Call = { apiName: string; touser: string; templateId: string; result: string; errcode?: number; data: Record<string, { value: string }> };
const calls = async (touser: string): Promise<Call[]> => ((await rt.dev('outbox')) as Call[]).filter((c) => c.apiName === 'subscribeMessage.send' && c.touser === touser);
const credits = async (openid: string, key: string): Promise<number> => (await rt.ok('user', { action: 'subscriptions' }, openid)).find((c: { templateKey: string }) => c.templateKey === key)?.credits ?? 0;

test('an appeal from submit to reply: every push is accepted, with the category name and status phrases', async () => {
  for (let i = 0; i < 3; i++) await rt.ok('user', { action: 'subscribe', accepted: ['appealStatus'] }, RESIDENT); // one credit per tap
  await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, DEPUTY);
  const submitted = await rt.ok('appeal', { action: 'submit', requestId: 'push-0001', communityId: 'c03', category: 'environment', content: '村口垃圾收集点无人清运，已经堆了三天，气味很大，夏天容易滋生蚊虫，希望尽快处理' }, RESIDENT);
  expect(submitted.assignee.deputyId).toBe('d05');
  await rt.ok('deputy', { action: 'accept', id: submitted._id }, DEPUTY);
  await rt.ok('deputy', { action: 'reply', id: submitted._id, content: '已联系保洁公司今日清运，并增加每周两次巡查。', resolution: 'implemented' }, DEPUTY);
  await rt.dev('trigger/notify', {});

  const assigned = (await calls(DEPUTY)).filter((c) => c.data.character_string1?.value === submitted.trackingNo);
  expect(assigned).toHaveLength(1);
  expect(assigned[0]).toMatchObject({ result: 'ok', templateId: 'TEMPLATE_ID_APPEAL_ASSIGNED' });
  expect(assigned[0].data.thing2.value).toBe('环境卫生');
  expect(Array.from(assigned[0].data.thing3.value).length).toBeLessThanOrEqual(20);

  const status = (await calls(RESIDENT)).filter((c) => c.data.character_string1?.value === submitted.trackingNo);
  expect(status.map((c) => c.result)).toEqual(['ok', 'ok']);
  expect(status.map((c) => c.data.phrase2.value)).toEqual(['办理中', '已答复']);
});

test('a push WeChat refuses as our fault (47003, 40037) is not retried and gives the credit back; 43101 does not', async () => {
  for (let i = 0; i < 3; i++) await rt.ok('user', { action: 'subscribe', accepted: ['appealStatus'] }, 'push_resident_2');
  const submitted = await rt.ok('appeal', { action: 'submit', requestId: 'push-0002', communityId: 'c03', category: 'environment', content: '村东头的路灯坏了两盏，晚上回家看不清路，老人孩子走夜路很危险' }, 'push_resident_2');
  await rt.ok('deputy', { action: 'accept', id: submitted._id }, DEPUTY); // delivered: one credit spent
  for (const errcode of [47003, 40037]) {
    expect(await credits('push_resident_2', 'appealStatus')).toBe(2);
    await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'errcode', errcode }, remaining: 1 }] });
    await rt.ok('deputy', { action: 'progress', id: submitted._id, note: `第${errcode}次进展：已报修` }, DEPUTY);
    await rt.dev('trigger/notify', {});
    expect(await credits('push_resident_2', 'appealStatus')).toBe(2);
  }
  await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'errcode', errcode: 43101 }, remaining: 1 }] });
  await rt.ok('deputy', { action: 'progress', id: submitted._id, note: '维修队已到场' }, DEPUTY);
  await rt.dev('trigger/notify', {});
  expect(await credits('push_resident_2', 'appealStatus')).toBe(0); // WeChat says none left: the ledger follows
  const outbox = (await fetch(`${rt.url}/api/dev/db/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection: 'outbox', filter: { openid: 'push_resident_2' } }) }).then((r) => r.json())).docs;
  expect(outbox.map((d: { status: string; lastError?: number }) => `${d.status} ${d.lastError ?? ''}`).sort()).toEqual(['failed 40037', 'failed 47003', 'no_credit 43101', 'sent ']);
});
