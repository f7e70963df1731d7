// 立法信息采集 end to end: a resident comments on 第四条; after the consultation staff compile and submit the
// opinions, then record the higher congress's 部分采纳 with its reason; the resident reads it.
import { clockTo, MINUTE, resetClock } from '../factories/clock';
import { uniqueTag } from '../factories/ids';
import { consultingDraft } from '../factories/legislation';
import { resident, staffMember } from '../factories/people';
import { confirmModal, requireBuilds, runtimeSession, shown, shownText, WAIT } from './h5';

requireBuilds();
const env = runtimeSession();

afterEach(async () => { await resetClock(env.rt); });

test('a resident comments on 第四条; staff submit it and record 部分采纳 with a reason; the resident sees 部分采纳 and the reason', async () => {
  const { rt, s } = env;
  const page = s.page;
  const draft = await consultingDraft(rt);
  const author = await resident(rt);
  const staff = await staffMember(rt);
  const content = `大型犬不宜一律禁止，建议按犬只性情评估后登记饲养（浏览器测试 ${uniqueTag()}）`;
  const reason = '采纳部分意见：将改为禁止烈性犬，大型犬经登记评估后可以饲养。';

  // Resident: list → the draft → 第四条 → comment.
  await s.as(author, 'packages/legislation/pages/drafts/index');
  const item = shown(page, '[data-testid="draft-item"]').filter({ hasText: draft.title }).first();
  await item.waitFor(WAIT);
  expect(await item.locator('[data-testid="draft-status"]').textContent()).toBe('征求意见中');
  await item.click();

  await shown(page, '[data-testid="comment-on-s4"]').click();
  await shown(page, '[data-testid="form-s4"] textarea').fill(content);
  await shown(page, '[data-testid="form-s4"] [data-testid="comment-count"]').filter({ hasText: `${content.length}/1000` }).waitFor(WAIT);
  await shown(page, '[data-testid="form-s4"] [data-testid="comment-submit"]').click();
  const mine = shown(page, '[data-testid="my-comment"]').filter({ hasText: content });
  await mine.waitFor(WAIT);
  expect(await mine.textContent()).toContain('第四条 大型犬');
  expect(await mine.locator('[data-testid="adoption"]').textContent()).toBe('待研究');
  await shown(page, '[data-testid="rollup"]').filter({ hasText: /已收到 \d+ 条意见/ }).waitFor(WAIT);

  // The consultation ends. Staff: 立法意见 → the draft → 汇总报送 (confirmed) → 待研究 → 部分采纳 with a reason, confirmed.
  await clockTo(rt, draft.closesAt.getTime() + MINUTE);
  await s.as(staff, 'packages/legislation/pages/review/index');
  await shown(page, '[data-testid="review-draft"]').filter({ hasText: draft.title }).first().click();
  await shown(page, '[data-testid="compile"]').click();
  await confirmModal(page, '汇总报送', /报送清江市人大常委会/);
  await shown(page, '[data-testid="submission-line"]').filter({ hasText: '已报送清江市人大常委会，共 1 条意见' }).waitFor(WAIT);
  const pending = shown(page, '[data-testid="review-comment"]').filter({ hasText: content });
  await pending.waitFor(WAIT);
  // The section name comes with the draft's detail, which may arrive after the comments.
  await pending.filter({ hasText: '第四条 大型犬' }).waitFor(WAIT);
  await pending.locator('[data-testid="decide"]').click();
  const form = shown(page, '[data-testid="decide-form"]');
  await form.getByText('部分采纳', { exact: true }).click();
  // No reason yet: refused before anything is sent.
  await form.locator('[data-testid="decide-submit"]').click();
  await form.locator('[data-testid="decide-error"]').filter({ hasText: '理由' }).waitFor(WAIT);
  await form.locator('textarea').fill(reason);
  await form.locator('[data-testid="decide-submit"]').click();
  await confirmModal(page, '确认答复', /部分采纳/);
  // It leaves the pending tab.
  await pending.waitFor({ state: 'detached', ...WAIT });
  await shown(page, '[data-testid="tab-partially_adopted"]').click();
  await shown(page, '[data-testid="review-comment"]').filter({ hasText: content }).waitFor(WAIT);

  // Resident: 我的立法意见 shows the decision and the reason.
  await s.as(author, 'packages/legislation/pages/mine/index');
  const answered = shown(page, '[data-testid="my-comment"]').filter({ hasText: content });
  await answered.waitFor(WAIT);
  expect(await answered.locator('[data-testid="adoption"]').textContent()).toBe('部分采纳');
  expect(await answered.locator('[data-testid="adoption-reason"]').textContent()).toContain(reason);
  // And the draft page too, with the rollup counting it.
  await s.as(author, `packages/legislation/pages/draft/index?id=${draft.draftId}`);
  await shown(page, '[data-testid="my-comment"]').filter({ hasText: content }).locator('[data-testid="adoption-reason"]').waitFor(WAIT);
  await shownText(page, /部分采纳 1 条/).waitFor(WAIT);
}, 90_000);
