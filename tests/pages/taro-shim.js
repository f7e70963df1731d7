// @tarojs/taro for jsdom: the h5 API plus the React lifecycle hooks (as Taro's h5 build wires them).
const React = require('react');
const ReactDOM = require('react-dom');
const h5 = require('@tarojs/taro-h5');
const runtime = require('@tarojs/plugin-framework-react/dist/runtime');

// Gives the hooks their React instance (what the h5 app entry does).
runtime.createH5NativeComponentConfig(null, React, ReactDOM);

const HOOKS = [
  'useAddToFavorites', 'useDidHide', 'useDidShow', 'useError', 'useLaunch', 'useLoad', 'useOptionMenuClick',
  'useKeyboardHeight', 'usePageNotFound', 'usePageScroll', 'usePullDownRefresh', 'usePullIntercept',
  'useReachBottom', 'useReady', 'useResize', 'useRouter', 'useSaveExitState', 'useShareAppMessage',
  'useShareTimeline', 'useTabItemTap', 'useTitleClick', 'useScope', 'useUnhandledRejection', 'useUnload',
];

const Taro = h5.default || h5;
const hooks = {};
for (const name of HOOKS) hooks[name] = runtime[name];
Object.assign(Taro, hooks);
// Taro's h5 build rewrites `Taro.showModal(...)` into named imports (babel-plugin-transform-taroapi);
// here the default object gets the named APIs instead, so pages can call (and tests can spy on) Taro.x.
for (const [name, value] of Object.entries(h5)) {
  if (name !== 'default' && typeof value === 'function' && !(name in Taro)) Taro[name] = value;
}

module.exports = { ...h5, ...hooks, default: Taro, __esModule: true };
