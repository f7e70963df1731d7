/** The subscribe stand-in failing (43101, a hang, 5xx): appeals still stored and routed; every message inboxed once; pushes retried, never duplicated. */
import { routedAppeal } from '../factories/appeals';
import { advanceClock, MINUTE, resetClock } from '../factories/clock';
import { newDeputy, specialistCase } from '../factories/street';
import { dbAll, deliveredPushes } from '../support/console';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
useRuntime((r) => { rt = r; });
afterEach(async () => {
  await resetClock(rt);
  await rt.dev('faults', { rules: [] });
});

const about = (trackingNo: string) => (d: { data: Record<string, { value: string }> }) => d.data.character_string1?.value === trackingNo;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test.each([
  ['43101 (no credit at WeChat)', { kind: 'errcode', errcode: 43101 }, 'no_credit'],
  ['a hanging call', { kind: 'hang', ms: 2500 }, 'sent'],
  ['HTTP 503', { kind: 'http', status: 503 }, 'sent'],
  ['an unknown WeChat error', { kind: 'errcode', errcode: -1 }, 'sent'],
  ['a permanent 47003', { kind: 'errcode', errcode: 47003 }, 'failed'],
])('a deputy’s push meeting %s: the appeal is routed, inboxed once, pushed at most once', async (name, fault, finalStatus) => {
  const { deputy, community, category } = await specialistCase(rt);
  await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, deputy.openid);
  await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault, remaining: 1 }] });
  const a = await routedAppeal(rt, { communityId: community._id, category: category._id, content: `推送故障测试：${name}，村口垃圾堆放` });
  expect(a.deputy?.deputyId).toBe(deputy.deputyId);
  // Let the outbox timer work through retries (the dev clock makes backoff elapse).
  await sleep(fault.kind === 'hang' ? 3000 : 50);
  for (let minutes = 1; minutes <= 40; minutes *= 2) {
    await advanceClock(rt, minutes * MINUTE);
    await rt.dev('trigger/notify', {});
  }
  const items = (await dbAll(rt, 'outbox', { openid: deputy.openid })).filter(about(a.trackingNo));
  expect(items).toHaveLength(1);
  expect(items[0].status).toBe(finalStatus);
  expect((await dbAll(rt, 'outbox', { openid: deputy.openid })).filter((d: { body: string }) => d.body.includes(a.trackingNo))).toHaveLength(1);
  expect(await deliveredPushes(rt, deputy.openid, a.trackingNo)).toHaveLength(finalStatus === 'sent' ? 1 : 0);
}, 60_000);

test('a worker that outlives its lease cannot overwrite the retry that succeeded', async () => {
  const deputy = await newDeputy(rt);
  // Two credits: the stuck send spent one (it may have reached WeChat), the retry spends the other.
  await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, deputy.openid);
  await rt.ok('user', { action: 'subscribe', accepted: ['appealAssigned'] }, deputy.openid);
  await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'hang', ms: 4000 }, remaining: 1 }] });
  const a = await routedAppeal(rt, { communityId: deputy.community._id, category: deputy.specialties[0], content: '租约测试：村里老人助餐点距离太远' });
  expect(a.deputy?.deputyId).toBe(deputy.deputyId);
  // A first notify run is stuck in the hanging send; its lease (60 s) runs out on the dev clock, and a second
  // run takes the item over and sends it.
  const stuck = rt.dev('trigger/notify', {});
  await sleep(500);
  await advanceClock(rt, 2 * MINUTE);
  await rt.dev('trigger/notify', {});
  await stuck; // the stuck call fails now
  const items = (await dbAll(rt, 'outbox', { openid: deputy.openid })).filter(about(a.trackingNo));
  expect(items).toHaveLength(1);
  expect(items[0].status).toBe('sent');
  expect(await deliveredPushes(rt, deputy.openid, a.trackingNo)).toHaveLength(1);
  // The stale worker's failure neither rewrote the item nor refunded a credit.
  const credits = await rt.ok('user', { action: 'subscriptions' }, deputy.openid);
  expect(credits.find((c: { templateKey: string }) => c.templateKey === 'appealAssigned').credits).toBe(0);
}, 60_000);
