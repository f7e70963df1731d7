// The h5 build in real Chromium against the real local runtime (functions + embedded database).
// Needs: dist/h5 (npm run build:h5), dist/cloudfunctions (npm run build:functions), dist/runtime (npm run build:runtime).
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { uniqueTag } from '../factories/ids';
import { identities, resident } from '../factories/people';
import { directory, specialistCase } from '../factories/street';
import { startRuntime, type RunningRuntime } from '../support/runtime';
import { actAs, launchChromium, requireBuilds, shown as shownAll, shownText, WAIT } from './h5';

// A 1×1 PNG for the photo upload.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

requireBuilds('appeal');

let rt: RunningRuntime;
let browser: Browser;

beforeAll(async () => {
  rt = await startRuntime();
  browser = await launchChromium();
}, 45_000);

afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

/** A browser profile acting as one person (the h5 dev identity lives in localStorage). */
async function as(openid: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(`if (!window.localStorage.getItem('lxq.devOpenid')) (${actAs.toString()})(${JSON.stringify(openid)});`);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  return { context, page };
}

/** The first of what is on screen (Taro h5 keeps earlier pages of the stack in the DOM, hidden). */
const shown = (page: Page, selector: string): Locator => shownAll(page, selector).first();

test('a resident opens the app and sees the street from the database, and who they are', async () => {
  const street = await directory(rt);
  const me = (await identities(rt)).find((u) => u.role === 'resident' && u.communityIds?.length)!;
  const community = street.community(me.communityIds![0]);
  const { context, page } = await as(me.openid);
  try {
    await page.goto(`${rt.url}/`);
    await shownText(page, street.stations.find((st) => st.kind === 'home')!.name).waitFor(WAIT);
    await shownText(page, community.name).waitFor(WAIT);
    await shownText(page, street.station(community.stationId).name).waitFor(WAIT);
    await shown(page, '[data-testid="dev-chip"]').filter({ hasText: me.name }).waitFor(WAIT);
  } finally {
    await context.close();
  }
}, 45_000);

test('a resident submits with a photo → the deputy accepts and replies 已落实 → the resident rates 满意 → 已办结 on the 回音壁', async () => {
  const place = await specialistCase(rt);
  const content = `小区门口的路灯坏了两个星期，晚上出行不安全 ${uniqueTag()}`;
  const residentTab = await as(await resident(rt, { communityId: place.community._id }));
  const deputyTab = await as(place.deputy.openid);
  try {
    // Resident: home → form.
    const r = residentTab.page;
    await r.goto(`${rt.url}/`);
    await shownText(r, '我要反映诉求').click();
    await shownText(r, place.category.name).click();
    // The resident's own community is preselected.
    await shown(r, '[data-testid="field-community"]').filter({ hasText: place.community.name }).waitFor(WAIT);
    await shown(r, '[data-testid="field-content"] textarea').fill(content);
    // A photo: file chooser → upload to the runtime's storage (the × shows once it is uploaded).
    const [chooser] = await Promise.all([r.waitForEvent('filechooser'), shown(r, '[data-testid="add-photo"]').click()]);
    await chooser.setFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG });
    await shown(r, '[data-testid="field-images"] .lxq-appeal-new__remove').waitFor(WAIT);
    const contact = shown(r, '[data-testid="field-contact"]');
    await contact.locator('input').nth(0).fill('林女士');
    await contact.locator('input').nth(1).fill('13800001234');
    await shown(r, '[data-testid="submit"]').click();

    const no = shown(r, '[data-testid="submit-success"] [data-testid="tracking-no"]');
    await no.waitFor(WAIT);
    expect(await no.textContent()).toMatch(/^\d{4} \d{4} - \d{5}$/);
    await shownText(r, `办理代表：${place.deputy.name} 代表`).waitFor(WAIT);
    await shownText(r, '查看办理进度').click();
    await shown(r, '[data-testid="timeline"]').waitFor(WAIT);
    // The photo went with the appeal and is served back by the runtime.
    const photo = r.locator('.lxq-detail__img img[src*="/__storage/files/u/"]').first();
    await photo.waitFor({ state: 'attached', ...WAIT });
    const src = await photo.getAttribute('src');
    const served = await r.evaluate(async (u) => (await fetch(u!)).status, src);
    expect(served).toBe(200);

    // Deputy: workbench → the appeal → 受理 → 答复 已落实.
    const d = deputyTab.page;
    await d.goto(`${rt.url}/#/packages/deputy/pages/workbench/index`);
    await shownText(d, content).click();
    await shown(d, '[data-testid="deputy-actions"]').waitFor(WAIT);
    await shown(d, '[data-testid="contact-phone"]').filter({ hasText: '13800001234' }).waitFor(WAIT);
    await shown(d, '[data-testid="deputy-actions"]').getByText('受理', { exact: true }).click();
    await shown(d, '[data-testid="deputy-actions"]').getByText('记录进展', { exact: true }).waitFor(WAIT);
    await shown(d, '[data-testid="deputy-actions"]').getByText('答复', { exact: true }).click();
    await shown(d, '[data-testid="form-reply"]').getByText('已落实', { exact: true }).click();
    await shown(d, '[data-testid="form-reply"] textarea').fill('已联系街道城管科，路灯已于昨日修复，请您留意。');
    await shown(d, '[data-testid="action-submit"]').click();
    await shownText(d, '确认答复').click(); // the confirmation dialog
    await shown(d, '[data-testid="no-actions"]').filter({ hasText: '等待居民评价' }).waitFor(WAIT);

    // Resident: the answer is there; rate 满意.
    await r.reload();
    await shown(r, '[data-testid="rating-buttons"]').waitFor(WAIT);
    expect(await shown(r, '[data-testid="resolution"]').textContent()).toBe('已落实');
    expect(await shown(r, '[data-testid="contact-phone"]').textContent()).toBe('电话：138****1234');
    await shown(r, '[data-testid="rating-buttons"]').getByText('满意', { exact: true }).click();
    await shown(r, '[data-testid="status"]').filter({ hasText: /^已办结$/ }).waitFor(WAIT);
    await shown(r, '[data-testid="rating"]').filter({ hasText: '满意' }).waitFor(WAIT);
    expect(await r.locator('[data-testid="rating-buttons"]').count()).toBe(0);

    // Publishing is the resident's choice, after seeing exactly what would be public.
    await shown(r, '[data-testid="wall-preview-open"]').click();
    await shown(r, '[data-testid="wall-preview-reply"]').filter({ hasText: '已联系街道城管科' }).waitFor(WAIT);
    await shown(r, '[data-testid="wall-publish"]').click();
    await shown(r, '[data-testid="wall-published"]').waitFor(WAIT);

    // 回音壁: the closed, published appeal with the deputy's answer.
    await r.goto(`${rt.url}/#/pages/wall/index`);
    const card = shown(r, '[data-testid="wall-item"]').filter({ hasText: '已联系街道城管科' });
    await card.waitFor(WAIT);
    const text = await card.textContent();
    for (const words of [place.community.name, place.category.name, '已落实', '居民评价：满意']) expect(text).toContain(words);
  } finally {
    await residentTab.context.close();
    await deputyTab.context.close();
  }
}, 55_000);
