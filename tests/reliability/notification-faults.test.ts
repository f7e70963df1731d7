/** The subscribe stand-in failing (43101, a hang, 5xx): appeals still stored and routed; every message inboxed once; pushes retried, never duplicated. */
import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
beforeAll(async () => {
  rt = await startRuntime();
  await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, 'dev_staff_1');
});
afterAll(async () => { await rt?.stop(); });

const query = (collection: string, filter: object) =>
  fetch(`${rt.url}/api/dev/db/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection, filter, limit: 200 }) }).then((r) => r.json());

test.each([
  ['43101 (no credit at WeChat)', { kind: 'errcode', errcode: 43101 }, 'no_credit'],
  ['a hanging call', { kind: 'hang', ms: 2500 }, 'sent'],
  ['HTTP 503', { kind: 'http', status: 503 }, 'sent'],
  ['an unknown WeChat error', { kind: 'errcode', errcode: -1 }, 'sent'],
  ['a permanent 47003', { kind: 'errcode', errcode: 47003 }, 'failed'],
])('%s', async (_name, fault, finalStatus) => {
  const deputy = 'dev_deputy_d05'; // 桃园 (st3) roster, environment specialty
  await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, deputy);
  await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault, remaining: 1 }] });
  const submitted = await rt.call('appeal', { action: 'submit', requestId: `fault-${Date.now()}`, communityId: 'c03', category: 'environment', content: `推送故障测试：${_name}，村口垃圾堆放` }, 'dev_resident_3');
  expect(submitted.body.ok).toBe(true);
  expect(submitted.body.data).toMatchObject({ status: 'assigned', assignee: { deputyId: 'd05' } });
  const { trackingNo } = submitted.body.data;
  // Let the outbox timer work through retries (the dev clock makes backoff elapse).
  await new Promise((r) => setTimeout(r, fault.kind === 'hang' ? 3000 : 50));
  for (let minutes = 1; minutes <= 40; minutes *= 2) {
    await rt.dev('clock', { offsetMs: minutes * 60_000 });
    await rt.dev('trigger/notify', {});
  }
  await rt.dev('clock', { offsetMs: 0 });
  const items = (await query('outbox', { openid: deputy })).docs.filter((d: { data: Record<string, { value: string }> }) => d.data.character_string1?.value === trackingNo);
  expect(items).toHaveLength(1);
  expect(items[0].status).toBe(finalStatus);
  const inbox = (await query('inbox', { openid: deputy })).docs.filter((d: { body: string }) => d.body.includes(trackingNo));
  expect(inbox).toHaveLength(1);
  const calls: { touser: string; result: string; data?: Record<string, { value: string }> }[] = await rt.dev('outbox');
  const delivered = calls.filter((c) => c.touser === deputy && c.result === 'ok' && c.data?.character_string1?.value === trackingNo);
  expect(delivered).toHaveLength(finalStatus === 'sent' ? 1 : 0);
}, 60_000);

test('a worker that outlives its lease cannot overwrite the retry that succeeded', async () => {
  const deputy = 'dev_deputy_d06';
  // Two credits: the stuck send spent one (it may have reached WeChat), the retry spends the other.
  await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, deputy);
  await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, deputy);
  await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'hang', ms: 4000 }, remaining: 1 }] });
  const submitted = await rt.ok('appeal', { action: 'submit', requestId: `lease-${Date.now()}`, communityId: 'c03', category: 'elderly', content: '租约测试：村里老人助餐点距离太远' }, 'dev_resident_3');
  expect(submitted.assignee.deputyId).toBe('d06');
  // The first worker is stuck in the hanging send; its lease (60 s) runs out on the dev clock.
  await rt.dev('clock', { offsetMs: 2 * 60_000 });
  await rt.dev('trigger/notify', {});
  await new Promise((r) => setTimeout(r, 4500)); // the stuck call fails now
  await rt.dev('clock', { offsetMs: 0 });
  const items = (await query('outbox', { openid: deputy })).docs.filter((d: { data: Record<string, { value: string }> }) => d.data.character_string1?.value === submitted.trackingNo);
  expect(items).toHaveLength(1);
  expect(items[0].status).toBe('sent');
  const calls: { touser: string; result: string; data?: Record<string, { value: string }> }[] = await rt.dev('outbox');
  expect(calls.filter((c) => c.touser === deputy && c.result === 'ok' && c.data?.character_string1?.value === submitted.trackingNo)).toHaveLength(1);
  // The stale worker's failure neither rewrote the item nor refunded a credit.
  const credits = await rt.ok('user', { action: 'subscriptions' }, deputy);
  expect(credits.find((c: { templateKey: string }) => c.templateKey === 'appealAssigned').credits).toBe(0);
}, 60_000);
