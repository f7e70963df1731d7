// 晴雨表 in real Chromium on the h5 build: after the nightly run, staff see this month's figures, the
// resolution-mix and trend charts drawn with real widths, the breakdown by community, and download the .xlsx;
// the home page shows the public line.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closedAppeal, repliedAppeal } from '../factories/appeals';
import { resident, staffMember } from '../factories/people';
import { requireBuilds, runtimeSession, shown, WAIT } from './h5';

requireBuilds('pulse');
const env = runtimeSession();
const SHOTS = resolve(__dirname, '..', '..', 'artifacts', 'screenshots', 'staff');
mkdirSync(SHOTS, { recursive: true });

test('staff read this month in figures and charts, break it down by community and export it', async () => {
  const { rt, s } = env;
  const page = s.page;
  await closedAppeal(rt, { resolution: 'implemented' });
  await closedAppeal(rt, { resolution: 'in_plan', rating: 'basically_satisfied' });
  await repliedAppeal(rt, { resolution: 'explained' });
  const run = await rt.dev<any>('invoke/pulse', { Type: 'Admin', action: 'rebuild', restart: true });
  expect(run.data.phase).toBe('done');
  const staff = await staffMember(rt);

  await s.as(staff, 'packages/pulse/pages/board/index');
  await shown(page, '[data-testid="figure-closed"]').filter({ hasText: /[2-9] 件|\d{2,} 件/ }).waitFor(WAIT);
  const parts = shown(page, '[data-testid="chart-resolution"] .lxq-chart__part');
  expect(await parts.count()).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < (await parts.count()); i++) expect((await parts.nth(i).boundingBox())!.width).toBeGreaterThan(4);
  expect(await shown(page, '[data-testid="chart-trend"] [data-testid="chart-column"]').count()).toBe(12);
  expect(await shown(page, '[data-testid="slot-mediation"]').textContent()).toContain('暂无数据');

  await shown(page, '.lxq-chip').filter({ hasText: /^按社区$/ }).click();
  const bars = shown(page, '[data-testid="chart-breakdown"] [data-testid="chart-bar"]');
  await bars.first().waitFor(WAIT);
  expect((await shown(page, '[data-testid="chart-breakdown"] .lxq-chart__fill').first().boundingBox())!.width).toBeGreaterThan(10);
  expect(await shown(page, '[data-testid="pulse-row"]').count()).toBe(await bars.count());
  await page.screenshot({ path: join(SHOTS, 'pulse-board-community.png'), fullPage: true });

  const download = page.waitForEvent('download', WAIT);
  await shown(page, '[data-testid="pulse-export"]').click();
  expect((await download).suggestedFilename()).toMatch(/^晴雨表-\d{4}-\d{2}\.xlsx$/);

  await s.as(await resident(rt), 'pages/index/index');
  await shown(page, '[data-testid="pulse-line"]').filter({ hasText: /^本月办结 \d+ 件，满意率 [\d.]+%$/ }).waitFor(WAIT);
});
