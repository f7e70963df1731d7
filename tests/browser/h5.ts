// Shared set-up for the browser tests: the built h5 app in real Chromium against the runtime.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startRuntime, type RunningRuntime } from '../support/runtime';

const root = resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const WAIT = { timeout: 15_000 };

/** Fails the file early when a build it needs is missing (`fn`: a function the test calls). */
export function requireBuilds(fn = 'ballot'): void {
  for (const [what, file] of [
    ['h5 build', 'dist/h5/index.html'],
    ['runtime build', 'dist/runtime/main.js'],
    ['functions build', `dist/cloudfunctions/${fn}/index.js`],
  ]) {
    if (!existsSync(join(root, file))) throw new Error(`${what} missing (${file}): run node scripts/build-functions.mjs && node scripts/build-runtime.mjs && npm run build:h5 first`);
  }
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Act as anyone (a listed or a fresh OPENID): the h5 dev identity is localStorage lxq.devOpenid, read on load. */
  as(openid: string, hashRoute: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs in the page: the h5 dev identity the app reads on load. Marked as typed (lxq.devCustom), so the app
 * keeps an OPENID it does not list, like one typed into “其他 openid”.
 */
export function actAs(openid: string): void {
  window.localStorage.setItem('lxq.devOpenid', openid);
  window.localStorage.setItem('lxq.devCustom', '1');
}

/** Headless Chromium; launch() gives every run a fresh temporary profile (user-data-dir) of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Chromium with a fresh user-data-dir of its own. */
export async function openSession(baseUrl: string): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'lxq-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 390, height: 844 } });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT.timeout);
  return {
    context,
    page,
    async as(openid, hashRoute) {
      if (!page.url().startsWith(baseUrl)) {
        await page.goto(`${baseUrl}/`);
        // Let the app settle its default identity first, or it may overwrite the one set below.
        await page.waitForLoadState('networkidle');
      }
      await page.evaluate(actAs, openid);
      await page.goto(`${baseUrl}/#/${hashRoute.replace(/^\//, '')}`);
      await page.reload();
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Taro h5 keeps earlier pages of the stack in the DOM (hidden): look only at what is on screen. */
export const shown = (page: Page, selector: string): Locator => page.locator(selector).filter({ visible: true });
export const shownText = (page: Page, text: string | RegExp): Locator => page.getByText(text, { exact: typeof text === 'string' }).filter({ visible: true }).first();

/** Taro h5's showModal: press one of its buttons by label. */
export async function confirmModal(page: Page, label: string, expectText?: RegExp): Promise<void> {
  const modal = page.locator('.taro-modal__content').filter({ visible: true });
  if (expectText) await modal.filter({ hasText: expectText }).waitFor(WAIT);
  await modal.locator('.taro-modal__foot').getByText(label, { exact: true }).click();
}

export interface RuntimeSession {
  rt: RunningRuntime;
  s: Session;
}

/** One local runtime and one browser session for the whole test file: started before all, closed after all. */
export function runtimeSession(opts?: Parameters<typeof startRuntime>[0]): RuntimeSession {
  const env = {} as RuntimeSession;
  beforeAll(async () => {
    env.rt = await startRuntime(opts);
    env.s = await openSession(env.rt.url);
  }, 45_000);
  afterAll(async () => {
    await env.s?.close();
    await env.rt?.stop();
  });
  return env;
}
