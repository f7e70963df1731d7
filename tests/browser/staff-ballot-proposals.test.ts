// Staff 票决 creation and proposal review in the h5 build against the runtime, plus the submit form's text box.
import { uniqueTag } from '../factories/ids';
import { resident, staffMember } from '../factories/people';
import { proposal } from '../factories/projects';
import { confirmModal, requireBuilds, runtimeSession, shown, WAIT } from './h5';

requireBuilds('project');
const env = runtimeSession();

test('staff create a deputy ballot from the list; it opens as 即将开始 with the chosen projects', async () => {
  const { rt, s } = env;
  const page = s.page;
  const title = `浏览器测试代表票决 ${uniqueTag()}`;
  const staff = await staffMember(rt);

  await s.as(staff, 'packages/ballot/pages/staff-ballots/index');
  await shown(page, '[data-testid="new-ballot"]').click();
  await shown(page, '[data-testid="project-option"]').first().waitFor(WAIT);

  // Nothing filled in: the server's own words, nothing sent.
  await shown(page, '[data-testid="create-ballot"]').click();
  await shown(page, '[data-testid="field-title"] [data-testid="field-error"]').filter({ hasText: '标题至少 4 个字' }).waitFor(WAIT);

  await shown(page, '[data-testid="title-input"] input').fill(title);
  await shown(page, '[data-testid="field-electorate"] .lxq-chip').filter({ hasText: '代表票决' }).click();
  const options = shown(page, '[data-testid="project-option"]');
  const ids = [await options.nth(0).getAttribute('data-id'), await options.nth(2).getAttribute('data-id')];
  await options.nth(0).click();
  await options.nth(2).click();
  await shown(page, '[data-testid="picked-count"]').filter({ hasText: '已选 2 项' }).waitFor(WAIT);

  // min 3 > max 1: refused on the page.
  await shown(page, '[data-testid="min-choices-plus"]').click();
  await shown(page, '[data-testid="min-choices-plus"]').click();
  await shown(page, '[data-testid="create-ballot"]').click();
  await shown(page, '[data-testid="field-choices"] [data-testid="field-error"]').filter({ hasText: '最多选择数不能小于最少选择数' }).waitFor(WAIT);
  await shown(page, '[data-testid="min-choices-minus"]').click();
  await shown(page, '[data-testid="min-choices-minus"]').click();
  await shown(page, '[data-testid="max-choices-plus"]').click();

  await shown(page, '[data-testid="create-ballot"]').click();
  await confirmModal(page, '确认创建', /创建后候选项目和时间不能修改/);

  // The ballot's admin page (default window: from the next full hour).
  await shown(page, '[data-testid="admin-status"]').filter({ hasText: '即将开始' }).waitFor(WAIT);
  const id = new URL(page.url().replace('#/', '')).searchParams.get('id')!;
  expect(id).toBeTruthy();
  const detail = await rt.ok('ballot', { action: 'detail', ballotId: id }, staff);
  expect(detail).toMatchObject({ title, electorate: 'deputy', minChoices: 1, maxChoices: 2, status: 'upcoming' });
  expect(detail.candidates.map((c: { _id: string }) => c._id).sort()).toEqual([...ids].sort());
}, 60_000);

test('staff decline a proposal with a reason; the resident reads it under 我的建议', async () => {
  const { rt, s } = env;
  const page = s.page;
  const reason = '该路段属市政道路，已转交区城管局办理。';
  const { title: proposalTitle, resident: proposer } = await proposal(rt, { title: `浏览器测试建议 ${uniqueTag()}`, description: '小区北面道路没有路灯，晚上老人出行很不方便。' });

  await s.as(await staffMember(rt), 'packages/ballot/pages/staff-proposals/index');
  await shown(page, '[data-testid="tab-submitted"]').click();
  const row = shown(page, '[data-testid="proposal"]').filter({ hasText: proposalTitle });
  await row.waitFor(WAIT);
  await row.locator('[data-testid="reject"]').click();
  const dialog = shown(page, '[data-testid="reason-dialog"]');
  await dialog.waitFor(WAIT);
  await dialog.locator('[data-testid="reason-dialog-confirm"]').click();
  await shown(page, '[data-testid="reason-error"]').filter({ hasText: '至少 4 个字' }).waitFor(WAIT);
  await dialog.locator('textarea').fill(reason);
  await dialog.locator('[data-testid="reason-dialog-confirm"]').click();
  await row.waitFor({ state: 'detached', ...WAIT });

  await shown(page, '[data-testid="tab-rejected"]').click();
  await shown(page, '[data-testid="proposal"]').filter({ hasText: proposalTitle }).waitFor(WAIT);

  await s.as(proposer, 'packages/ballot/pages/propose/index');
  await shown(page, '[data-testid="review-reason"]').filter({ hasText: `未采纳的理由：${reason}` }).waitFor(WAIT);
}, 60_000);

test('the appeal text box fills its grey field on h5 and grows with the text', async () => {
  const { rt, s } = env;
  const page = s.page;
  await s.as(await resident(rt), 'packages/appeal/pages/new/index');
  const host = shown(page, '[data-testid="field-content"] taro-textarea-core');
  await host.waitFor(WAIT);
  const box = () =>
    host.evaluate((h) => {
      const t = h.querySelector('textarea')!;
      const style = getComputedStyle(h);
      const inner = h.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      return { inner, textarea: t.getBoundingClientRect().height, background: getComputedStyle(t).backgroundColor };
    });
  const empty = await box();
  expect(Math.abs(empty.textarea - empty.inner)).toBeLessThan(2);
  expect(empty.background).toBe('rgba(0, 0, 0, 0)');

  await host.locator('textarea').fill('青石路 88 号小区门口的路灯坏了两个星期，晚上出行不安全。'.repeat(6));
  await host.locator('textarea').press('End');
  await page.waitForTimeout(200);
  const full = await box();
  expect(full.textarea).toBeGreaterThan(empty.textarea + 50);
  expect(Math.abs(full.textarea - full.inner)).toBeLessThan(2);
}, 60_000);
