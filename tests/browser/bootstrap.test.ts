// The empty-street journey in the h5 app (real Chromium, real runtime with LXQ_SEED=empty): the dev switcher
// takes a typed openid, the first staff member claims with the bootstrap code, imports the template street
// from a file, invites a deputy, who binds on the 账号与身份 page; a resident's appeal then reaches them.
import type { Page } from 'playwright-core';
import { routedAppeal } from '../factories/appeals';
import { BOOTSTRAP_CODE as CODE, emptyStreetOptions, TEMPLATE } from '../factories/bootstrap';
import { freshOpenid } from '../factories/ids';
import { unboundCorner } from '../factories/street';
import { confirmModal, requireBuilds, runtimeSession, shown, shownText, WAIT } from './h5';

requireBuilds('street');
const env = runtimeSession(emptyStreetOptions());

/** Type an openid into the dev panel of 我的 (nobody is listed in an empty database). */
async function typeOpenid(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.rt.url}/#/pages/me/index`);
  const panel = shown(page, '[data-testid="dev-panel"]').first();
  await panel.waitFor(WAIT);
  await panel.locator('[data-testid="dev-openid"] input').fill(openid);
  await panel.locator('[data-testid="dev-openid-go"]').click();
  await panel.locator('.lxq-dev-users__item--on').filter({ hasText: openid }).waitFor(WAIT);
}

const open = async (page: Page, route: string) => {
  await page.goto(`${env.rt.url}/#/${route}`);
  await page.reload();
};

test('the first clerk claims staff → imports the template → invites a deputy, who binds → a resident’s appeal reaches the deputy', async () => {
  const { rt, s } = env;
  const page = s.page;
  const clerk = freshOpenid('clerk');
  await page.goto(`${rt.url}/`);
  await page.waitForLoadState('networkidle');

  // 1. The first staff member.
  await typeOpenid(page, clerk);
  await open(page, 'packages/account/pages/bind/index');
  await shown(page, '[data-testid="my-openid"]').filter({ hasText: clerk }).waitFor(WAIT);
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

  // 3. Invite a deputy whose communities nobody serves yet.
  const corner = await unboundCorner(rt);
  await open(page, 'packages/account/pages/invite/index');
  const row = shown(page, '[data-testid="deputy-account"]').filter({ hasText: corner.deputy.name });
  await row.locator('[data-testid="invite"]').click();
  const codeText = shown(page, '[data-testid="invite-code"]').first();
  await codeText.waitFor(WAIT);
  const code = (await codeText.textContent())!.replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  await shown(page, '[data-testid="invite-qr"]').first().waitFor(WAIT);

  // 4. The deputy binds on their own phone (another identity here).
  await typeOpenid(page, freshOpenid('deputy'));
  await open(page, 'packages/account/pages/bind/index');
  await shown(page, '[data-testid="invite-code"] input').fill(code.toLowerCase());
  await shown(page, '[data-testid="bind"]').click();
  await shown(page, '[data-testid="bind-done"]').filter({ hasText: `已绑定为 ${corner.deputy.name} 代表` }).waitFor(WAIT);

  // 5. A resident's appeal in one of the deputy's communities reaches them; they see it on their workbench.
  const a = await routedAppeal(rt, { communityId: corner.community._id, category: corner.category._id, content: '路口红绿灯时间太短，老人过马路困难' });
  expect(a.submitted.assignee).toEqual({ deputyId: corner.deputy._id, name: corner.deputy.name });
  await open(page, 'packages/deputy/pages/workbench/index');
  await shownText(page, /路口红绿灯时间太短，老人过马路困难/).waitFor(WAIT);
}, 120_000);
