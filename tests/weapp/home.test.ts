/**
 * @jest-environment jsdom
 */
// Built weapp output (npm run build:weapp first) under miniprogram-simulate.
import { boot, makeWx, type WxStub } from './harness';

const simulate = require('miniprogram-simulate');

const stations = [
  { _id: 'st1', name: '东湖活动站', kind: 'station', communityIds: ['c2'], address: '东湖路 8 号' },
  { _id: 'home', name: '街道代表之家', kind: 'home', communityIds: ['c1'], address: '人民路 1 号' },
];
const communities = [
  { _id: 'c1', name: '东湖社区', stationId: 'home' },
  { _id: 'c2', name: '西岸社区', stationId: 'st1' },
];

let online = true;
const wx: WxStub = makeWx();
wx.cloud.callFunction.mockImplementation(async ({ name, data }: { name: string; data: { action: string } }) => {
  if (!online) throw { errMsg: 'cloud.callFunction:fail request:fail timeout' };
  if (name !== 'directory') throw new Error(`unexpected ${name}`);
  return { errMsg: 'cloud.callFunction:ok', result: { ok: true, data: data.action === 'stations' ? stations : communities } };
});

// One app per file: Taro's webpack chunks are module-cached.
const harness = boot(wx);
const homeId = harness.loadPage('pages/index/index');

async function until(check: () => boolean, ms = 3000) {
  for (let t = 0; t < ms && !check(); t += 20) await simulate.sleep(20);
  expect(check()).toBe(true);
}

/** Mounts the home page and waits until its text includes `expected`. */
async function mountShowing(expected: string) {
  const page = simulate.render(homeId);
  page.attach(document.createElement('parent-wrapper'));
  const text = () => page.dom.textContent as string;
  await until(() => text().includes(expected));
  return { page, text };
}

test('app launch initialises the cloud with the configured env', () => {
  expect(wx.cloud.init).toHaveBeenCalledWith({ env: 'your-env-id', traceUser: true });
});

test('home page renders the network from wx.cloud.callFunction, 代表之家 first', async () => {
  online = true;
  const { page, text } = await mountShowing('东湖活动站');

  expect(text()).toContain('我要反映诉求');
  expect(text()).toContain('人民路 1 号');
  expect(text()).toContain('西岸社区');
  expect(text().indexOf('街道代表之家')).toBeLessThan(text().indexOf('东湖活动站'));
  expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'directory', data: { action: 'stations' } });
  expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'directory', data: { action: 'communities' } });

  page.querySelector('.lxq-hero__cta').dispatchEvent('tap');
  await until(() => wx.navigateTo.mock.calls.length > 0);
  expect(wx.navigateTo.mock.calls[0][0].url).toBe('/packages/appeal/pages/new/index');
  expect(text()).toContain('回音壁');
  page.detach();
});

test('offline: Chinese error with 重试, and the tap recalls the function', async () => {
  online = false;
  const { page, text } = await mountShowing('网络不太好，请稍后重试');
  expect(text()).toContain('重试');

  online = true;
  const before = wx.cloud.callFunction.mock.calls.length;
  page.querySelector('.lxq-error__btn').dispatchEvent('tap');
  await until(() => text().includes('东湖活动站'));
  expect(wx.cloud.callFunction.mock.calls.length).toBeGreaterThan(before);
  expect(text()).not.toContain('网络不太好');
  page.detach();
});
