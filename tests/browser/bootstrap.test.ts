// The empty-street journey in the h5 app (real Chromium, real runtime with LXQ_SEED=empty): the dev switcher
// takes a typed openid, the first staff member claims with the bootstrap code, imports the template street
// from a file, invites 李志强, who binds on the 账号与身份 page; a resident's appeal then reaches him.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startRuntime, type RunningRuntime } from '../support/runtime';
import { confirmModal, openSession, requireBuilds, shown, shownText, WAIT, type Session } from './h5';

requireBuilds('street');
const CODE = 'browser-bootstrap-code-2b9e';
const TEMPLATE = readFileSync(join(__dirname, '..', '..', 'database', 'seed', 'street-template.xlsx'));

let rt: RunningRuntime;
let s: Session;
beforeAll(async () => {
  rt = await startRuntime({ env: { LXQ_SEED: 'empty', LXQ_BOOTSTRAP_CODE: CODE } });
  s = await openSession(rt.url);
}, 45_000);
afterAll(async () => {
  await s?.close();
  await rt?.stop();
});

/** Type an openid into the dev panel of 我的 (nobody is listed in an empty database). */
async function actAs(page: Page, openid: string): Promise<void> {
  await page.goto(`${rt.url}/#/pages/me/index`);
  const panel = shown(page, '[data-testid="dev-panel"]').first();
  await panel.waitFor(WAIT);
  await panel.locator('[data-testid="dev-openid"] input').fill(openid);
  await panel.locator('[data-testid="dev-openid-go"]').click();
  await panel.locator('.lxq-dev-users__item--on').filter({ hasText: openid }).waitFor(WAIT);
}

const open = async (page: Page, route: string) => {
  await page.goto(`${rt.url}/#/${route}`);
  await page.reload();
};

test('claim staff → import the template → invite and bind a deputy → an appeal reaches him', async () => {
  const page = s.page;
  await page.goto(`${rt.url}/`);
  await page.waitForLoadState('networkidle');

  // 1. The first staff member.
  await actAs(page, 'wx_clerk');
  await open(page, 'packages/account/pages/bind/index');
  await shown(page, '[data-testid="my-openid"]').filter({ hasText: 'wx_clerk' }).waitFor(WAIT);
  await shown(page, '[data-testid="show-bootstrap"]').click();
  await shown(page, '[data-testid="bootstrap-code"] input').fill(CODE);
  await shown(page, '[data-testid="claim-staff"]').click();
  await shownText(page, '进入工作人员后台').waitFor(WAIT);

  // 2. Import the template street from its file.
  await open(page, 'packages/staff/pages/street/index');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown(page, '[data-testid="choose-file"]').click()]);
  await chooser.setFiles({ name: '清河街道.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: TEMPLATE });
  await shown(page, '[data-testid="import-summary"]').filter({ hasText: '检查通过' }).waitFor(WAIT);
  await shown(page, '[data-testid="run-import"]').click();
  await confirmModal(page, '导入', /按编码新增或更新/);
  await shown(page, '[data-testid="import-summary"]').filter({ hasText: '已导入：类别 10（新增 10' }).waitFor(WAIT);

  // 3. Invite 李志强 (d03).
  await open(page, 'packages/account/pages/invite/index');
  const li = shown(page, '[data-testid="deputy-account"]').filter({ hasText: '李志强' });
  await li.locator('[data-testid="invite"]').click();
  const codeText = shown(page, '[data-testid="invite-code"]').first();
  await codeText.waitFor(WAIT);
  const code = (await codeText.textContent())!.replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  await shown(page, '[data-testid="invite-qr"]').first().waitFor(WAIT);

  // 4. 李志强 binds on his own phone (another identity here).
  await actAs(page, 'wx_li_zhiqiang');
  await open(page, 'packages/account/pages/bind/index');
  await shown(page, '[data-testid="invite-code"] input').fill(code.toLowerCase());
  await shown(page, '[data-testid="bind"]').click();
  await shown(page, '[data-testid="bind-done"]').filter({ hasText: '已绑定为 李志强 代表' }).waitFor(WAIT);

  // 5. A resident's appeal in 柳岸社区 reaches him; he sees it on his workbench.
  const a = await rt.ok('appeal', { action: 'submit', requestId: 'browser-journey-1', communityId: 'c02', category: 'traffic', content: '柳岸街路口红绿灯时间太短，老人过马路困难' }, 'wx_resident_lin');
  expect(a.assignee).toEqual({ deputyId: 'd03', name: '李志强' });
  await open(page, 'packages/deputy/pages/workbench/index');
  await shownText(page, /柳岸街路口红绿灯时间太短/).waitFor(WAIT);
}, 120_000);
