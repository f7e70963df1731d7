// 票决 end to end: a resident votes once, staff close the ballot, the resident reads the chart.
import { cast, openBallot } from '../factories/ballots';
import { resident, staffMember } from '../factories/people';
import { directory } from '../factories/street';
import { confirmModal, requireBuilds, runtimeSession, shown, shownText, WAIT } from './h5';

requireBuilds();
const env = runtimeSession();

test('a resident votes for 2 projects once; staff close the ballot; the resident sees the results chart', async () => {
  const { rt, s } = env;
  const page = s.page;
  const ballot = await openBallot(rt, { candidates: 4, minChoices: 1, maxChoices: 3 });
  const home = (await directory(rt)).communities[0];
  const voter = await resident(rt, { communityId: home._id });
  const staff = await staffMember(rt);

  // Resident: 票决 tab → the ballot.
  await s.as(voter, 'pages/ballots/index');
  const item = shown(page, '[data-testid="ballot-item"]').filter({ hasText: ballot.title }).first();
  await item.waitFor(WAIT);
  expect(await item.locator('[data-testid="ballot-status"]').textContent()).toBe('进行中');
  await item.click();

  const cards = shown(page, '[data-testid="candidate"]');
  await cards.first().waitFor(WAIT);
  expect(await cards.count()).toBe(4);
  await shown(page, '[data-testid="counter"]').filter({ hasText: '请选择 1–3 项 · 已选 0 项' }).waitFor(WAIT);
  const first = (await cards.nth(0).locator('.lxq-candidate__title').textContent())!.trim();
  const second = (await cards.nth(3).locator('.lxq-candidate__title').textContent())!.trim();
  await cards.nth(0).click();
  await cards.nth(3).click();
  await shown(page, '[data-testid="counter"]').filter({ hasText: '已选 2 项' }).waitFor(WAIT);
  await shown(page, '[data-testid="cast"]').click();
  // The confirmation names the choice and warns it is final.
  await confirmModal(page, '确认投票', /投票后不能修改/);

  const mine = shown(page, '[data-testid="my-vote"]');
  await mine.waitFor(WAIT);
  expect(await mine.textContent()).toContain(first);
  expect(await mine.textContent()).toContain(second);
  expect(await shown(page, '[data-testid="cast"]').count()).toBe(0);

  // Reload: the vote is recorded on the server and there is no way to vote again.
  await page.reload();
  await shown(page, '[data-testid="my-vote"]').waitFor(WAIT);
  expect(await shown(page, '[data-testid="cast"]').count()).toBe(0);
  expect(await shown(page, '[data-testid="counter"]').count()).toBe(0);
  // And the server refuses a second vote outright.
  expect((await cast(rt, ballot, voter, [ballot.projectIds[1]])).error.code).toBe('CONFLICT');

  // Results stay hidden while the ballot is open.
  await s.as(voter, `packages/ballot/pages/results/index?id=${ballot.ballotId}`);
  await shownText(page, '票决结束后公布结果').waitFor(WAIT);

  // Staff: 票决管理 → the ballot → 结束票决 (confirmed).
  await s.as(staff, 'packages/ballot/pages/staff-ballots/index');
  await shownText(page, ballot.title).click();
  await shown(page, '[data-testid="admin-status"]').filter({ hasText: '进行中' }).waitFor(WAIT);
  await shown(page, '[data-testid="close-ballot"]').click();
  await confirmModal(page, '结束票决', /此操作不能撤销/);
  await shown(page, '[data-testid="admin-status"]').filter({ hasText: '已结束' }).waitFor(WAIT);
  expect(await shown(page, '[data-testid="close-ballot"]').count()).toBe(0);

  // Resident: the ballot page now offers the results; the chart has a bar per project with its title.
  await s.as(voter, `packages/ballot/pages/detail/index?id=${ballot.ballotId}`);
  await shown(page, '[data-testid="status"]').filter({ hasText: '已结束' }).waitFor(WAIT);
  await shown(page, '[data-testid="open-results"]').click();
  const bars = shown(page, '[data-testid="bar"]');
  await bars.first().waitFor(WAIT);
  expect(await bars.count()).toBe(4);
  const texts = await bars.allTextContents();
  for (const title of [first, second]) {
    const row = texts.find((t) => t.includes(title));
    expect(row).toContain('1 票');
    expect(row).toContain('线上 1 · 纸质 0');
  }
  // The two voted projects lead the chart, with a visible (non-zero width) online segment.
  expect(texts.slice(0, 2).every((t) => t.includes('1 票'))).toBe(true);
  const width = await bars.first().locator('[data-tone="online"]').evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(50);
  expect(await shown(page, '[data-testid="voters"]').textContent()).toBe('1');
  await shown(page, '[data-testid="turnout"]').filter({ hasText: home.name }).waitFor(WAIT);
}, 60_000);
