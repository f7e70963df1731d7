// Runs Taro's weapp output under miniprogram-simulate (see platform-facts.md "Tests").
// Needs a DOM: test files using this start with the `@jest-environment jsdom` docblock.
import fs from 'fs';
import path from 'path';

export const ROOT = path.resolve(__dirname, '../../dist/weapp');

type AnyFn = (...args: any[]) => any;

export interface WxStub {
  cloud: { init: jest.Mock; callFunction: jest.Mock };
  [api: string]: any;
}

/** Minimal wx: what Taro's runtime touches plus the APIs our pages call. */
export function makeWx(): WxStub {
  const ok = (name: string) =>
    jest.fn((opts: { success?: AnyFn; complete?: AnyFn } = {}) => {
      const res = { errMsg: `${name}:ok` };
      opts.success?.(res);
      opts.complete?.(res);
      return Promise.resolve(res);
    });
  return {
    cloud: { init: jest.fn(), callFunction: jest.fn() },
    getSystemInfoSync: jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools', SDKVersion: '3.7.12' })),
    getWindowInfo: jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 })),
    getDeviceInfo: jest.fn(() => ({ platform: 'devtools' })),
    getAppBaseInfo: jest.fn(() => ({ SDKVersion: '3.7.12' })),
    canIUse: jest.fn(() => true),
    nextTick: (fn: AnyFn) => setTimeout(fn, 0),
    stopPullDownRefresh: ok('stopPullDownRefresh'),
    switchTab: ok('switchTab'),
    navigateTo: ok('navigateTo'),
    showToast: ok('showToast'),
  };
}

export interface Harness {
  app: Record<string, any>;
  /** miniprogram-simulate component id of a built page, e.g. 'pages/index/index'; query = the page's onLoad options. */
  loadPage: (page: string, query?: Record<string, string>) => string;
}

/** Installs App/Page/getApp/getCurrentPages, requires dist/weapp/app.js and launches it. */
export function boot(wx: WxStub): Harness {
  if (!fs.existsSync(path.join(ROOT, 'app.js'))) {
    throw new Error('dist/weapp is missing: run `npm run build:weapp` first');
  }
  const g = global as any;
  g.wx = wx;
  const simulate = require('miniprogram-simulate');

  let app: Record<string, any> | undefined;
  const pages: any[] = [];
  g.App = (options: Record<string, any>) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages;

  // Page → Component: page functions become methods; attached → onLoad/onShow, ready → onReady.
  let route = '';
  const queries = new Map<string, Record<string, string>>();
  g.Page = (options: Record<string, any>) => {
    const methods: Record<string, AnyFn> = {};
    for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value;
    const pageRoute = route;
    g.Component({
      data: options.data || {},
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = this.__route__ = pageRoute;
          pages.push(this);
          this.onLoad?.({ ...(queries.get(pageRoute) ?? {}) });
          this.onShow?.();
        },
        ready(this: any) {
          this.onReady?.();
        },
        detached(this: any) {
          this.onUnload?.();
          pages.splice(pages.indexOf(this), 1);
        },
      },
    });
  };

  require(path.join(ROOT, 'app.js'));
  if (!app) throw new Error('app.js did not call App()');
  app.onLaunch?.({ path: 'pages/index/index', query: {}, scene: 1001 });
  app.onShow?.({ path: 'pages/index/index', query: {}, scene: 1001 });

  return {
    app,
    loadPage(page: string, query: Record<string, string> = {}) {
      route = page;
      queries.set(page, query);
      return simulate.load(path.join(ROOT, page), { rootPath: ROOT });
    },
  };
}
