// 一人一档 end to end: a deputy's reply earns pending points, staff approve them, the deputy's record counts them.
import { servedAppeal } from '../factories/duty';
import { staffMember } from '../factories/people';
import { newDeputy } from '../factories/street';
import { requireBuilds, runtimeSession, shown, WAIT } from './h5';

requireBuilds('deputy');
const env = runtimeSession();

const RECORD = 'packages/deputy/pages/record/index';

test('a deputy replies 已落实 → 待审核 on their record → staff 计入 in 履职积分审核 → counted on the record', async () => {
  const { rt, s } = env;
  const page = s.page;
  const deputy = await newDeputy(rt);
  const DEPUTY = deputy.openid;
  // 基本满意 with an implemented reply: 答复 +2 and 落实 +1 (落实 waits for the resident's word).
  await servedAppeal(rt, deputy, { resolution: 'implemented', rating: 'basically_satisfied', reply: '已协调村里组织清理，并安排每周巡河。' });

  // The deputy's record: nothing counted yet, 3 points waiting for review.
  await s.as(DEPUTY, RECORD);
  await shown(page, '[data-testid="points-pending"]').filter({ hasText: '待审核 3 分，审核通过后计入' }).waitFor(WAIT);
  expect(await shown(page, '[data-testid="points-approved"]').textContent()).toBe('0');
  expect(await shown(page, '[data-testid="point-status"]').allTextContents()).toEqual(['待审核', '待审核']);

  // Staff: pick the deputy's entries and 计入 them.
  await s.as(await staffMember(rt), 'packages/deputy/pages/points-review/index');
  const rows = shown(page, '[data-testid="point-item"]').filter({ hasText: deputy.name });
  await rows.first().waitFor(WAIT);
  expect(await rows.count()).toBe(2);
  await rows.nth(0).click();
  await rows.nth(1).click();
  await shown(page, '[data-testid="picked-count"]').filter({ hasText: '已选 2 条' }).waitFor(WAIT);
  await shown(page, '[data-testid="approve-selected"]').click();
  await shown(page, '[data-testid="review-dialog"]').filter({ hasText: '共 2 条，合计 +3 分' }).waitFor(WAIT);
  await shown(page, '[data-testid="review-dialog-confirm"]').click();
  await shown(page, '[data-testid="review-dialog"]').waitFor({ state: 'detached', ...WAIT });
  await page.waitForFunction((name) => !document.body.innerText.includes(`${name} 代表`), deputy.name, WAIT);

  // Back on the record: counted, nothing pending, the breakdown shows where the points came from.
  await s.as(DEPUTY, RECORD);
  await shown(page, '[data-testid="points-approved"]').filter({ hasText: /^3$/ }).waitFor(WAIT);
  expect(await shown(page, '[data-testid="points-pending"]').textContent()).toBe('没有待审核的积分');
  const replied = shown(page, '[data-testid="breakdown-row"]').filter({ hasText: '答复群众诉求' });
  expect(await replied.textContent()).toContain('+2');
  expect(await shown(page, '[data-testid="point-status"]').allTextContents()).toEqual(['已计入', '已计入']);
}, 60_000);
