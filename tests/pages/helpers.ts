// Shared bits for page tests: envelopes, Taro component events, quiet Taro UI.
import Taro from '@tarojs/taro';
import { act, waitFor } from '@testing-library/react';

export const ok = <T,>(data: T) => ({ ok: true as const, data });
export const fail = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

/**
 * Waits until `find()` finds nothing. Unlike waitFor(() => expect(el).toBeNull()), a miss does not
 * pretty-print a live Taro element (seconds per attempt under load), so the wait keeps polling.
 */
export async function waitUntilGone(find: () => Element | null, what: string): Promise<void> {
  await waitFor(() => {
    if (find()) throw new Error(`${what} is still shown`);
  });
}

/** Taro form components (web components on h5) report input as a CustomEvent with detail.value. */
export function typeInto(el: Element | null, value: string): void {
  if (!el) throw new Error('no input element');
  act(() => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

export function toggle(el: Element | null, value: boolean): void {
  if (!el) throw new Error('no switch element');
  act(() => {
    el.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
  });
}

/** Dialogs, toasts and navigation become spies (the h5 implementations need a real router/DOM). */
export function quietTaro(opts: { confirm?: boolean } = {}) {
  const t = Taro as any;
  return {
    showToast: jest.spyOn(t, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' }),
    showModal: jest.spyOn(t, 'showModal').mockResolvedValue({ confirm: opts.confirm ?? true, cancel: !(opts.confirm ?? true), errMsg: 'showModal:ok' }),
    navigateTo: jest.spyOn(t, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' }),
    redirectTo: jest.spyOn(t, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' }),
    switchTab: jest.spyOn(t, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' }),
    setClipboardData: jest.spyOn(t, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' }),
  };
}

/** The page's ?query as Taro reports it. */
export function setPageParams(params: Record<string, string>) {
  return jest.spyOn(Taro as any, 'getCurrentInstance').mockReturnValue({ router: { params, path: '' }, page: null, app: null });
}

export const devUsersFetch = () =>
  jest.fn(async (url: string) => {
    if (url === '/api/dev/users') return { ok: true, status: 200, json: async () => [{ openid: 'o-res', role: 'resident', name: '林小雨' }] };
    throw new Error(`unexpected fetch ${url}`);
  });

/**
 * The gateway as the test file mocked it: each page test file starts with
 * `jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }))`.
 */
export function mockedCallCloud(): jest.Mock {
  return require('../../src/services/cloud').callCloud as jest.Mock;
}

export interface PageTestEnv {
  /** The mocked callCloud. */
  call: jest.Mock;
  /** Taro dialog / toast / navigation spies of the current test (quietTaro). */
  ui: ReturnType<typeof quietTaro>;
}

/**
 * The usual page-test set-up, before each test: a fresh mocked gateway and directory cache (optionally
 * empty localStorage), the dev-user list on fetch, quiet Taro dialogs, optionally the page's ?query;
 * every spy restored after each test.
 */
export function setupPageTests(opts: { params?: Record<string, string>; clearStorage?: boolean } = {}): PageTestEnv {
  const env: PageTestEnv = { call: mockedCallCloud(), ui: undefined as unknown as PageTestEnv['ui'] };
  beforeEach(() => {
    env.call.mockReset();
    require('../../src/hooks/useDirectory').resetDirectoryCache();
    if (opts.clearStorage) window.localStorage.clear();
    // Forms keep drafts (hooks/useDraft) and 适老化 settings persist: each test starts from a fresh form.
    for (const key of Object.keys(window.localStorage)) if (key.startsWith('lxq.draft.') || key === 'lxq.a11y') window.localStorage.removeItem(key);
    (globalThis as any).fetch = devUsersFetch();
    env.ui = quietTaro();
    if (opts.params) setPageParams(opts.params);
  });
  afterEach(() => jest.restoreAllMocks());
  return env;
}
