/**
 * @jest-environment jsdom
 */
// 晴雨表 in the built weapp output under miniprogram-simulate: the charts and the table render from the
// board, the breakdown chart follows the picked dimension, and the home page carries the public line.
import { pulseBoard } from '../pages/fixtures-pulse';
import { boot, makeWx } from './harness';

const simulate = require('miniprogram-simulate');

let role = 'staff';
const wx = makeWx();
wx.cloud.callFunction.mockImplementation(async ({ name, data }: { name: string; data: { action: string; period?: string; dimension?: string } }) => {
  const answer = (d: unknown) => ({ errMsg: 'cloud.callFunction:ok', result: { ok: true, data: d } });
  if (name === 'user' && data.action === 'whoami') return answer({ openid: 'o-staff', role, name: '黄敏' });
  if (name === 'pulse' && data.action === 'board') return answer({ ...pulseBoard(), period: data.period, dimension: data.dimension });
  if (name === 'directory' && data.action === 'publicSummary') return answer({ period: '2026-12', closed: 7, satisfactionRate: 83.3, line: '本月办结 7 件，满意率 83.3%', builtAt: null });
  if (name === 'directory') return answer([]);
  return { errMsg: 'cloud.callFunction:ok', result: { ok: false, error: { code: 'NOT_FOUND', message: '不存在' } } };
});
const harness = boot(wx);
const boardId = harness.loadPage('packages/pulse/pages/board/index');
const homeId = harness.loadPage('pages/index/index');

async function until(check: () => boolean, ms = 3000) {
  for (let t = 0; t < ms && !check(); t += 20) await simulate.sleep(20);
  expect(check()).toBe(true);
}

test('the board draws the resolution mix, the twelve-month columns and the exact table', async () => {
  const page = simulate.render(boardId);
  page.attach(document.createElement('parent-wrapper'));
  const text = () => page.dom.textContent as string;
  await until(() => text().includes('办理结果构成'));
  expect(text()).toContain('已落实 4 件（57.1%）');
  expect(text()).toContain('满意率');
  expect(text()).toContain('83.3%');
  expect(page.querySelectorAll('.lxq-chart__column').length).toBe(12);
  expect(page.querySelectorAll('.lxq-chart__part--primary').length).toBeGreaterThan(0);
  expect(text()).toContain('明细（精确数字）');
  expect(text()).toContain('暂无数据（相关功能上线后自动统计）');

  const chip = page.querySelectorAll('.lxq-chip').find((c: { dom: Element }) => c.dom.textContent === '按社区');
  chip.dispatchEvent('tap');
  await until(() => text().includes('青石社区'));
  expect(page.querySelectorAll('.lxq-chart__fill').length).toBe(2);
  expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'pulse', data: expect.objectContaining({ action: 'board', dimension: 'community' }) });
  page.detach();
});

test('the home page shows 本月办结 and the satisfaction rate', async () => {
  role = 'resident';
  const page = simulate.render(homeId);
  page.attach(document.createElement('parent-wrapper'));
  await until(() => (page.dom.textContent as string).includes('本月办结 7 件，满意率 83.3%'));
  page.detach();
});
