// Every page, as every role, at a phone (360 px) and a desktop (1280 px) width, in real Chromium against the
// runtime: fails on controls too small to hit, text the colour of its background, English words on screen,
// content wider than the screen, a page with no way back, and any console error. A screenshot of each page
// goes to artifacts/screenshots/<role>/<page>-<width>.png (git-ignored; CI keeps the folder).
// Needs: npm run build:h5, npm run build:functions, npm run build:runtime.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startRuntime, type RunningRuntime } from '../support/runtime';
import { launchChromium, requireBuilds } from './h5';

requireBuilds('appeal');

const SHOTS = resolve(__dirname, '..', '..', 'artifacts', 'screenshots');
const WIDTHS = [360, 1280];
const VIEW_HEIGHT = 780;
const ROLES = { resident: 'dev_resident_1', deputy: 'dev_deputy_d01', staff: 'dev_staff_1' } as const;
type Role = keyof typeof ROLES;
const TABS = ['pages/index/index', 'pages/appeals/index', 'pages/ballots/index', 'pages/me/index'];

/** Latin words a page may show: abbreviations people read as words. Codes carry data-code instead. */
const LATIN_OK = new Set(['ID', 'QR', 'xlsx', 'Excel', 'WiFi', 'App', 'PDF', 'OK']);

interface Seeded {
  suggestion: string;
  assigned: string;
  replied: string;
  trackingNo: string;
}

let rt: RunningRuntime;
let browser: Browser;
let seeded: Seeded;

/** The pages of app.config.ts, with the ids they need; neighbours never share a path (a hash change to the same path with another query does not reload it). */
function pagesFor(role: Role, s: Seeded): { name: string; route: string }[] {
  const list: [string, string][] = [
    ['home', 'pages/index/index'],
    ['appeal-detail', `pages/appeal-detail/index?id=${s.replied}`],
    ['appeals', 'pages/appeals/index'],
    ['appeal-new', 'packages/appeal/pages/new/index'],
    ['ballots', 'pages/ballots/index'],
    ['wall', 'pages/wall/index'],
    ['me', 'pages/me/index'],
    ['inbox', 'pages/inbox/index'],
    ['appeal-unknown', 'pages/appeal-detail/index?id=no-such-appeal'],
    ['deputy-workbench', 'packages/deputy/pages/workbench/index'],
    ['deputy-appeal', `packages/deputy/pages/appeal/index?id=${s.assigned}`],
    ['deputy-record', role === 'staff' ? 'packages/deputy/pages/record/index?deputyId=d01' : 'packages/deputy/pages/record/index'],
    ['points-review', 'packages/deputy/pages/points-review/index'],
    ['staff-dashboard', 'packages/staff/pages/dashboard/index'],
    ['staff-review', 'packages/staff/pages/review/index'],
    ['staff-triage', 'packages/staff/pages/triage/index'],
    ['staff-overdue', 'packages/staff/pages/overdue/index'],
    ['staff-flagged', 'packages/staff/pages/flagged/index'],
    ['staff-history', `packages/staff/pages/history/index?type=appeal&id=${s.assigned}&no=${s.trackingNo}`],
    ['staff-settings', 'packages/staff/pages/settings/index'],
    ['staff-users', 'packages/staff/pages/users/index'],
    ['staff-street', 'packages/staff/pages/street/index'],
    ['staff-calendar', 'packages/staff/pages/calendar/index'],
    ['ballot-deputy', 'packages/ballot/pages/detail/index?id=ballot-deputy'],
    ['ballot-results', 'packages/ballot/pages/results/index?id=ballot-resident'],
    ['ballot-resident', 'packages/ballot/pages/detail/index?id=ballot-resident'],
    ['propose', 'packages/ballot/pages/propose/index'],
    ['projects', 'packages/ballot/pages/projects/index'],
    ['project', 'packages/ballot/pages/project/index?id=p01'],
    ['staff-ballots', 'packages/ballot/pages/staff-ballots/index'],
    ['staff-ballot', 'packages/ballot/pages/staff-ballot/index?id=ballot-deputy'],
    ['staff-ballot-new', 'packages/ballot/pages/staff-ballot-new/index'],
    ['staff-proposals', 'packages/ballot/pages/staff-proposals/index'],
    ['account-bind', 'packages/account/pages/bind/index'],
    ['account-invite', 'packages/account/pages/invite/index'],
    ['account-staff-members', 'packages/account/pages/staff-members/index'],
    ['legislation-drafts', 'packages/legislation/pages/drafts/index'],
    ['legislation-draft', 'packages/legislation/pages/draft/index?id=draft-dogs'],
    ['legislation-mine', 'packages/legislation/pages/mine/index'],
    ['legislation-review', role === 'staff' ? 'packages/legislation/pages/review/index?id=draft-dogs' : 'packages/legislation/pages/review/index'],
    ['pulse-board', 'packages/pulse/pages/board/index'],
    ['legislation-record', 'packages/legislation/pages/record/index'],
    ['suggestion-list', 'packages/suggestion/pages/list/index'],
    ['suggestion-clusters', 'packages/suggestion/pages/clusters/index'],
    ['suggestion-detail', `packages/suggestion/pages/detail/index?id=${s.suggestion}`],
    ['suggestion-case', `packages/suggestion/pages/case/index?id=${s.assigned}`],
    ['station', 'packages/presence/pages/station/index?id=st1'],
    ['claim', 'packages/presence/pages/claim/index'],
    ['appeal-scanned', 'packages/appeal/pages/new/index?scene=d%3Dd01'],
    ['deputy-presence', 'packages/deputy/pages/presence/index'],
    ['deputy-intake', 'packages/deputy/pages/intake/index'],
    ['deputy-mediation', 'packages/deputy/pages/mediation/index'],
    ['staff-stations', 'packages/staff/pages/stations/index'],
    ['staff-activities', 'packages/staff/pages/activities/index'],
  ];
  return list.map(([name, route]) => ({ name, route }));
}

interface Problem {
  kind: string;
  what: string;
}

/** Runs in the page: everything a person would trip over on what is on screen now. */
function inspect(args: { tab: boolean; latinOk: string[] }): Problem[] {
  const problems: Problem[] = [];
  const vw = window.innerWidth;
  const shown = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: false, checkVisibilityCSS: true }) ?? true;
  const label = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).slice(0, 3).join('.')}` : ''} "${(el.textContent ?? (el as HTMLInputElement).placeholder ?? '').trim().slice(0, 24)}"`;
  const inDev = (el: Element) => !!el.closest('[data-testid="dev-chip"], .lxq-dev-panel');

  // 1. Controls big enough to hit: buttons ≥ 64 × 40; text boxes ≥ 88 wide (the box and the real input in it).
  const controls = Array.from(document.querySelectorAll('taro-button-core, button, input, textarea, .taro-navigation-bar-back, .taro-navigation-bar-home')).filter((el) => shown(el) && !inDev(el));
  for (const el of controls) {
    const input = el as HTMLInputElement;
    if (el.tagName === 'INPUT' && (input.type === 'hidden' || input.type === 'file')) continue;
    const r = el.getBoundingClientRect();
    const text = el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && !['checkbox', 'radio'].includes(input.type));
    const minW = text ? 88 : 64;
    if (r.width < minW - 0.5 || r.height < 40 - 0.5) problems.push({ kind: 'small control', what: `${label(el)} is ${Math.round(r.width)}×${Math.round(r.height)} px (at least ${minW}×40)` });
  }

  // 2. Text the colour of what is behind it (alpha blended; gradients and images are skipped).
  const rgba = (c: string) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
  };
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const backdrop = (el: Element): number[] | null => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.backgroundImage && cs.backgroundImage !== 'none') return null;
      const c = rgba(cs.backgroundColor);
      if (c && c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  const seen = new Set<Element>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const latin: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = (n.textContent ?? '').trim();
    if (!el || !text || el.closest('script, style, svg, [data-code]') || inDev(el) || !shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (!seen.has(el)) {
      seen.add(el);
      const cs = getComputedStyle(el);
      const fg = rgba(cs.color);
      const bg = backdrop(el);
      if (fg && bg) {
        const a = fg[3];
        const mixed = [0, 1, 2].map((i) => fg[i] * a + bg[i] * (1 - a));
        const [l1, l2] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        if (ratio < 1.5) problems.push({ kind: 'invisible text', what: `"${text.slice(0, 24)}" ${cs.color} on ${bg.slice(0, 3).join(',')} (contrast ${ratio.toFixed(2)})` });
      }
    }
    // 3. English on screen: a Chinese page says things in Chinese (codes are marked data-code).
    for (const w of text.match(/[A-Za-z]{2,}[A-Za-z0-9_-]*|[A-Za-z]\d+/g) ?? []) if (!args.latinOk.includes(w)) latin.push(w);
  }
  if (latin.length) problems.push({ kind: 'latin', what: [...new Set(latin)].slice(0, 8).join(', ') });

  // 4. Nothing wider than the screen (pages scroll inside .taro_page, which hides horizontal overflow).
  let widest: { el: Element; right: number } | null = null;
  for (const el of Array.from(document.querySelectorAll('.taro_page *'))) {
    if (!shown(el) || inDev(el) || el.closest('[data-scroll-x]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && (r.right > vw + 1 || r.left < -1) && (!widest || r.right > widest.right)) widest = { el, right: r.right };
  }
  if (widest) problems.push({ kind: 'overflow', what: `${label(widest.el)} reaches ${Math.round(widest.right)} px of ${vw}` });

  // 5. Status badges on one line (进行中 was once squeezed into a column beside a long title).
  for (const el of Array.from(document.querySelectorAll('.lxq-badge')).filter((e) => shown(e))) {
    const r = el.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (r.height > size * 2.4) problems.push({ kind: 'squeezed badge', what: `${label(el)} is ${Math.round(r.width)}×${Math.round(r.height)} px` });
  }

  // 6. A way back: the tab bar on tab pages, the title bar's back or home everywhere else.
  const way = args.tab ? document.querySelector('.weui-tabbar') : Array.from(document.querySelectorAll('#taro-navigation-bar .taro-navigation-bar-back, #taro-navigation-bar .taro-navigation-bar-home')).find((el) => shown(el) && el.getBoundingClientRect().width > 0);
  if (!way || !shown(way)) problems.push({ kind: 'no way back', what: args.tab ? 'no tab bar' : 'no back or home in the title bar' });
  return problems;
}

/** No page-switch animation: each page is inspected where it stands. */
const NO_ANIMATION_CSS = '.taro_router > .taro_page { transition: none !important; }';

/** The whole page in one picture: the window as tall as the page's own scroll box, then back. */
async function screenshot(page: Page, path: string, width: number): Promise<void> {
  const extra = await page.evaluate(() => {
    const scroller = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((e) => e.checkVisibility?.() && e.getBoundingClientRect().height > 0);
    return scroller ? Math.max(0, scroller.scrollHeight - scroller.clientHeight) : 0;
  });
  await page.setViewportSize({ width, height: Math.min(8000, VIEW_HEIGHT + extra) });
  await page.screenshot({ path });
  await page.setViewportSize({ width, height: VIEW_HEIGHT });
}

async function settle(page: Page, pending: () => number): Promise<void> {
  const start = Date.now();
  let quietSince = 0;
  while (Date.now() - start < 10_000) {
    const busy = pending() > 0 || (await page.locator('[data-testid="loading"]').filter({ visible: true }).count()) > 0;
    if (busy) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    else if (Date.now() - quietSince > 250) return;
    await page.waitForTimeout(50);
  }
}

async function session(role: string, openid: string, opts: { elder?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[]; pending: () => number }> {
  const context = await browser.newContext({ viewport: { width: WIDTHS[0], height: VIEW_HEIGHT } });
  await context.addInitScript(
    ({ id, elder }) => {
      window.localStorage.setItem('lxq.devOpenid', id);
      // Taro's h5 storage keeps each value as { data }.
      if (elder) window.localStorage.setItem('lxq.a11y', JSON.stringify({ data: { elder: true, contrast: true } }));
    },
    { id: openid, elder: !!opts.elder },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  let inFlight = 0;
  page.on('request', () => inFlight++);
  page.on('requestfinished', () => inFlight--);
  page.on('requestfailed', () => inFlight--);
  mkdirSync(join(SHOTS, role), { recursive: true });
  return { context, page, errors, pending: () => inFlight };
}

async function visitAll(role: string, openid: string, pages: { name: string; route: string }[], widths: number[], opts: { elder?: boolean } = {}): Promise<string[]> {
  const s = await session(role, openid, opts);
  const found: string[] = [];
  try {
    await s.page.goto(`${rt.url}/#/${pages[0].route}`);
    await s.page.addStyleTag({ content: NO_ANIMATION_CSS });
    for (const width of widths) {
      await s.page.setViewportSize({ width, height: VIEW_HEIGHT });
      for (const p of pages) {
        s.errors.length = 0;
        await s.page.evaluate((hash) => {
          if (window.location.hash !== hash) window.location.hash = hash;
        }, `#/${p.route}`);
        await settle(s.page, s.pending);
        const problems = await s.page.evaluate(inspect, { tab: TABS.includes(p.route.split('?')[0]), latinOk: [...LATIN_OK] });
        for (const e of s.errors) problems.push({ kind: 'console error', what: e.slice(0, 200) });
        for (const x of problems) found.push(`${role} ${p.name} @${width}: ${x.kind}: ${x.what}`);
        await screenshot(s.page, join(SHOTS, role, `${p.name}-${width}.png`), width);
      }
    }
  } finally {
    await s.context.close();
  }
  return found;
}

beforeAll(async () => {
  rt = await startRuntime();
  browser = await launchChromium();
  // A street with something on every page: an appeal waiting for 王建国, one he answered, one held for review
  // (a restricted account), a ballot closed early whose residents' result the deputies' ballot weighs.
  let n = 0;
  const submit = (openid: string, content: string, communityId = 'c01') => rt.ok<{ _id: string; trackingNo: string }>('appeal', { action: 'submit', requestId: `layout-check-${++n}`, communityId, category: 'housing', content, publish: true, contact: { name: '林女士', phone: '13800001234' } }, openid);
  const assigned = await submit(ROLES.resident, '青石路88号门口的路灯坏了两个星期，晚上出行不安全。');
  const replied = await submit(ROLES.resident, '小区东门的垃圾桶满了三天没人清运，气味很大，影响居民生活。');
  await rt.ok('deputy', { action: 'accept', id: replied._id }, ROLES.deputy);
  await rt.ok('deputy', { action: 'reply', id: replied._id, content: '已联系物业，明早起每天清运两次，请您留意。', resolution: 'implemented' }, ROLES.deputy);
  await rt.ok('staff', { action: 'block', openid: 'dev_resident_4', reason: '短时间内多次提交无关内容' }, ROLES.staff);
  await submit('dev_resident_4', '测试内容，请工作人员审核这条诉求是否需要受理。', 'c12');
  await rt.ok('ballot', { action: 'close', ballotId: 'ballot-resident' }, ROLES.staff);
  // 王建国 turns the two appeals of 青石社区 into a 代表建议 (the suggestion pages show it; the case page shows the first).
  const other = await submit('dev_resident_2', '青石路88号附近路灯不亮，晚上走路看不清。');
  const suggestion = await rt.ok<{ _id: string }>('suggestion', { action: 'propose', requestId: 'layout-check-sg', appealIds: [assigned._id, other._id], title: '关于修复青石路路灯的建议', content: '多位居民反映青石路路灯损坏，建议尽快维修并定期巡查。', department: '区城管局' }, ROLES.deputy);
  seeded = { assigned: assigned._id, replied: replied._id, trackingNo: assigned.trackingNo, suggestion: suggestion._id };
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rt?.stop();
});

test('every page, as every role, at 360 and 1280 px: big enough controls, legible Chinese text, no overflow, a way back, no console errors', async () => {
  const results = await Promise.all(
    (Object.keys(ROLES) as Role[]).map((role) => visitAll(role, ROLES[role], pagesFor(role, seeded), WIDTHS)),
  );
  expect(results.flat()).toEqual([]);
}, 240_000);

test('长辈模式 with high contrast: the resident pages at 360 px pass the same checks', async () => {
  const residentPages = pagesFor('resident', seeded).filter((p) => p.route.startsWith('pages/') || p.route.startsWith('packages/ballot/pages/detail') || p.route.startsWith('packages/ballot/pages/propose') || p.route.startsWith('packages/legislation/pages/draft'));
  expect(await visitAll('resident-elder', ROLES.resident, residentPages, [360], { elder: true })).toEqual([]);
}, 120_000);

test('submitting an appeal logs nothing to the console (Taro\'s <Button loading> once threw insertBefore on every submit)', async () => {
  const s = await session('resident-submit', 'dev_resident_2');
  try {
    await s.page.goto(`${rt.url}/#/packages/appeal/pages/new/index`);
    await s.page.locator('.lxq-chip').filter({ visible: true }).first().click();
    await s.page.locator('[data-testid="field-content"] textarea').filter({ visible: true }).fill('幸福里小区的电梯这周停了三次，老人上下楼很困难。');
    await s.page.locator('[data-testid="submit"]').filter({ visible: true }).click();
    await s.page.locator('[data-testid="submit-success"]').filter({ visible: true }).waitFor({ timeout: 15_000 });
    // The resident is told when to expect the answer.
    expect(await s.page.locator('[data-testid="submitted-deadline"]').filter({ visible: true }).textContent()).toMatch(/^预计\d+月\d+日前答复/);
    expect(s.errors).toEqual([]);
  } finally {
    await s.context.close();
  }
}, 60_000);

test('the check itself catches each defect issue 14 found (a 0 px box, white on white, English, overflow, a squeezed badge)', async () => {
  const s = await session('self-check', ROLES.staff);
  try {
    await s.page.goto(`${rt.url}/#/packages/ballot/pages/staff-ballot/index?id=ballot-deputy`);
    await settle(s.page, s.pending);
    await s.page.addStyleTag({
      content: `.lxq-paper__edit .lxq-input { flex: 0 0 0 !important; width: 0 !important; min-width: 0 !important; padding: 0 !important; border: 0 !important; }
        .lxq-paper__title { color: #fff !important; }
        .lxq-paper__edit { width: 200vw !important; }
        [data-testid="admin-status"] { white-space: normal !important; width: 1em !important; }`,
    });
    await s.page.evaluate(() => {
      const el = document.querySelector('.lxq-staff__muted');
      if (el) el.textContent = 'Paper tally entry';
    });
    await s.page.evaluate(() => {
      const bar = document.getElementById('taro-navigation-bar');
      if (bar) bar.style.display = 'none';
    });
    const kinds = new Set((await s.page.evaluate(inspect, { tab: false, latinOk: [...LATIN_OK] })).map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['invisible text', 'latin', 'no way back', 'overflow', 'small control', 'squeezed badge']);
  } finally {
    await s.context.close();
  }
}, 60_000);
