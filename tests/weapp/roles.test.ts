/**
 * @jest-environment jsdom
 */
// 我的 page and the role-gated subpackage pages, built weapp output under miniprogram-simulate.
import { boot, makeWx } from './harness';

const simulate = require('miniprogram-simulate');

let me: Record<string, unknown> = { openid: 'o1', role: 'resident', name: '李居民' };
const record = {
  deputy: { _id: 'd1', name: '赵代表', stationId: 'st1', stationName: '青石代表活动站', level: '街道选区人大代表', specialties: [] },
  appeals: { assigned: 1, in_progress: 0, replied: 0, closed: 3, overdueNow: 0 },
  points: { approved: 9, pending: 2, byEvent: { appeal_replied: 6, appeal_implemented: 2, rated_satisfied: 1, rated_unsatisfied: 0, overdue: 0, binding_vote: 0, delivery_scored: 0 } },
  recent: [{ _id: 'p1', deputyId: 'd1', event: 'appeal_replied', label: '答复群众诉求', points: 2, refType: 'appeal', refId: 'a1', status: 'pending', at: '2026-11-28T02:00:00.000Z' }],
};
const wx = makeWx();
wx.cloud.callFunction.mockImplementation(async ({ name, data }: { name: string; data: { action: string } }) => {
  if (name === 'user' && data.action === 'whoami') return { errMsg: 'cloud.callFunction:ok', result: { ok: true, data: me } };
  if (name === 'deputy' && data.action === 'record') return { errMsg: 'cloud.callFunction:ok', result: { ok: true, data: record } };
  return { errMsg: 'cloud.callFunction:ok', result: { ok: false, error: { code: 'NOT_FOUND', message: '不存在' } } };
});
const harness = boot(wx);

async function show(page: string) {
  const comp = simulate.render(harness.loadPage(page));
  comp.attach(document.createElement('parent-wrapper'));
  const text = () => comp.dom.textContent as string;
  const settled = () => text() !== '' && !text().includes('加载中');
  for (let t = 0; t < 2000 && !settled(); t += 20) await simulate.sleep(20);
  return { comp, text };
}

test('我的 shows the deputy role in Chinese and links to the workbench subpackage', async () => {
  me = { openid: 'o2', role: 'deputy', name: '赵代表', deputyId: 'd1' };
  const { comp, text } = await show('pages/me/index');
  expect(text()).toContain('赵代表');
  expect(text()).toContain('人大代表');
  expect(text()).toContain('代表工作台');
  expect(text()).not.toContain('工作人员后台');
  expect(text()).toContain('我的履职档案');
  expect(text()).not.toContain('开发身份'); // the dev switcher is h5-only
  comp.querySelector('.lxq-cell').dispatchEvent('tap');
  for (let t = 0; t < 1000 && !wx.navigateTo.mock.calls.length; t += 20) await simulate.sleep(20);
  expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/deputy/pages/workbench/index');
});

test('deputy workbench tells a resident it is 仅代表可用', async () => {
  me = { openid: 'o1', role: 'resident', name: '李居民' };
  const { text } = await show('packages/deputy/pages/workbench/index');
  expect(text()).toContain('仅代表可用');
  expect(text()).not.toContain('您好');
});

test('staff dashboard opens for staff', async () => {
  me = { openid: 'o3', role: 'staff', name: '王工作' };
  const { text } = await show('packages/staff/pages/dashboard/index');
  expect(text()).toContain('您好，王工作');
  expect(text()).not.toContain('仅工作人员可用');
});

test('履职档案 (deputy subpackage): approved points with pending said apart', async () => {
  me = { openid: 'o2', role: 'deputy', name: '赵代表', deputyId: 'd1' };
  const { text } = await show('packages/deputy/pages/record/index');
  for (let t = 0; t < 2000 && !text().includes('履职积分'); t += 20) await simulate.sleep(20);
  expect(text()).toContain('赵代表 代表');
  expect(text()).toContain('待审核 2 分，审核通过后计入');
  expect(text()).toContain('答复群众诉求');
  expect(text()).toContain('+6');
});
