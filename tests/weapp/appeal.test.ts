/**
 * @jest-environment jsdom
 */
// The submit form and the detail page as built for weapp (npm run build:weapp first), under miniprogram-simulate.
import wechat from '../../config/wechat.json';
import { boot, makeWx } from './harness';

const simulate = require('miniprogram-simulate');

const categories = [
  { _id: 'housing', name: '住房物业' },
  { _id: 'traffic', name: '交通出行' },
];
const communities = [{ _id: 'c01', name: '青石社区', stationId: 'st1' }];
const detail = {
  _id: 'a1', trackingNo: '20261128-04217', status: 'replied', statusLabel: '已答复，待您评价', category: 'housing',
  content: '青石路 88 号门口的路灯坏了两个星期', communityId: 'c01', images: [], anonymous: false, publish: true,
  createdAt: '2026-11-28T02:00:00.000Z', assignee: { deputyId: 'd01', name: '王建国' }, resolution: 'implemented',
  reply: { content: '路灯已修复。', at: '2026-11-29T08:00:00.000Z', resolution: 'implemented' }, reopenCount: 0, supervised: false,
  overdue: false, transfers: [], viewerIs: 'submitter',
  timeline: [
    { at: '2026-11-28T02:00:00.000Z', status: 'pending_review', actorRole: 'resident', action: 'submit' },
    { at: '2026-11-29T08:00:00.000Z', status: 'replied', actorRole: 'deputy', action: 'reply', note: '【已落实】路灯已修复。' },
  ],
};

const storage = new Map<string, unknown>();
const wx = makeWx();
const ok = (result: unknown) => ({ errMsg: 'cloud.callFunction:ok', result: { ok: true, data: result } });
wx.cloud.callFunction.mockImplementation(async ({ name, data }: { name: string; data: any }) => {
  if (name === 'directory') return ok(data.action === 'categories' ? categories : communities);
  if (name === 'user' && data.action === 'whoami') return ok({ openid: 'o1', role: 'resident', name: '林小雨', communityId: 'c01' });
  if (name === 'user' && data.action === 'subscribe') return ok({ granted: data.accepted.length });
  if (name === 'appeal' && data.action === 'submit') return ok({ _id: 'a1', trackingNo: '20261128-04217', status: 'assigned', statusLabel: '已转给代表，待受理', assignee: { deputyId: 'd01', name: '王建国' }, routeReason: '已转给王建国代表' });
  if (name === 'appeal' && data.action === 'detail') return ok(detail);
  throw new Error(`unexpected ${name}.${data.action}`);
});
const statusTemplate = wechat.subscribeTemplates.appealStatus.templateId;
Object.assign(wx, {
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  requestSubscribeMessage: jest.fn((opts: any) => {
    const res = { errMsg: 'requestSubscribeMessage:ok', [statusTemplate]: 'accept' };
    opts.success?.(res);
    opts.complete?.(res);
  }),
  showModal: jest.fn((opts: any) => {
    const res = { errMsg: 'showModal:ok', confirm: true, cancel: false };
    opts.success?.(res);
    opts.complete?.(res);
  }),
});

const harness = boot(wx);
const newId = harness.loadPage('packages/appeal/pages/new/index');
const detailId = harness.loadPage('pages/appeal-detail/index', { id: 'a1' });

async function until(check: () => boolean, ms = 3000) {
  for (let t = 0; t < ms && !check(); t += 20) await simulate.sleep(20);
  expect(check()).toBe(true);
}

function findByText(root: any, cls: string, text: string) {
  return root.querySelectorAll(cls).find((n: any) => n.dom.textContent.trim() === text);
}

test('submit form on weapp: chips, textarea, reminder consent after the tap, then the tracking number', async () => {
  const page = simulate.render(newId);
  page.attach(document.createElement('parent-wrapper'));
  const text = () => page.dom.textContent as string;
  await until(() => text().includes('住房物业') && text().includes('青石社区'));
  // weapp-only parts: the location picker and the WeChat phone button; the phone can still be typed.
  expect(text()).toContain('问题位置');
  expect(text()).toContain('使用微信绑定的手机号');

  findByText(page, '.lxq-chip', '住房物业').dispatchEvent('tap');
  page.querySelector('.lxq-textarea').dispatchEvent('input', { detail: { value: '青石路 88 号门口的路灯坏了两个星期' } });
  await until(() => text().includes('19/1000'));

  page.querySelector('.lxq-appeal-new__submit .lxq-btn').dispatchEvent('tap');
  await until(() => text().includes('2026 1128 - 04217'));

  expect(wx.requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual([statusTemplate]);
  const calls = wx.cloud.callFunction.mock.calls.map(([c]: any[]) => `${c.name}.${c.data.action}`);
  expect(calls.indexOf('user.subscribe')).toBeLessThan(calls.indexOf('appeal.submit'));
  const subscribe = wx.cloud.callFunction.mock.calls.find(([c]: any[]) => c.data.action === 'subscribe')[0];
  expect(subscribe.data.accepted).toEqual(['appealStatus']);
  const submit = wx.cloud.callFunction.mock.calls.find(([c]: any[]) => c.data.action === 'submit')[0];
  expect(submit.data).toMatchObject({ category: 'housing', communityId: 'c01', content: '青石路 88 号门口的路灯坏了两个星期' });
  expect(text()).toContain('王建国 代表');
  expect(storage.has('lxq.appealDraft')).toBe(false);
  page.detach();
});

test('detail on weapp: timeline in Chinese, 已落实, rating buttons for the submitter', async () => {
  const page = simulate.render(detailId);
  page.attach(document.createElement('parent-wrapper'));
  const text = () => page.dom.textContent as string;
  await until(() => text().includes('办理过程'));
  for (const words of ['居民', '提交诉求', '代表', '答复居民', '已落实', '满意', '基本满意', '不满意']) expect(text()).toContain(words);
  expect(text()).not.toContain('已解决');
  expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'appeal', data: { action: 'detail', id: 'a1' } });
  page.detach();
});
