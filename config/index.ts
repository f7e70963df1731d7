import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { isRelease, loadWechatConfig, placeholderProblems } from './wechat-config';

// weapp and h5 each get their own output folder so builds do not clobber each other.
const platform = process.env.TARO_ENV || 'weapp';
// AppID and env id come from config/wechat.json (LXQ_APPID / LXQ_CLOUD_ENV override at build time).
const wechat = loadWechatConfig(process.env);
if (isRelease(process.env)) {
  const problems = placeholderProblems(wechat);
  if (problems.length) {
    // Taro swallows errors thrown from the config module; stop the build outright.
    console.error(`生产构建拒绝占位配置：\n${problems.map((p) => `  ✗ ${p}`).join('\n')}`);
    process.exit(1);
  }
}
const cloudEnv = wechat.cloudEnv;
// Optional: proxy /api to a local backend when running `taro build --type h5 --watch`.
const apiOrigin = process.env.LXQ_API_ORIGIN;
// Pure TypeScript shared with the cloud functions (types, valibot schemas, Chinese labels): compile it like src.
const shared = ['contracts', 'domain'].map((dir) => path.resolve(__dirname, '..', dir));
// ESM dependencies shipped untranspiled (valibot: `?.`, `??`, `let`): WeChat runs the weapp as ES5 when
// es6/enhance are off (older iOS), so they go through Taro's babel like our own code.
const esmDependencies = ['valibot'].map((name) => path.resolve(__dirname, '..', 'node_modules', name));

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'lianxin-bridge',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [
      path.resolve(__dirname, 'plugins/cloudfunction-root.ts'),
      path.resolve(__dirname, 'plugins/template-depth.ts'),
      [path.resolve(__dirname, 'plugins/project-appid.ts'), { appid: wechat.appid }],
    ],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(cloudEnv),
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      // WeChat templates cannot recurse, so Taro writes one template set per nesting level into base.wxml
      // (main package); past the last level a node restarts at level 0 inside the `comp` component. 10 levels
      // instead of 16 cut base.wxml by a third; deeper trees cost one component boundary per 10 levels.
      ...({ baseLevel: 10 } as object), // read by the template generator; not in IMiniAppConfig's type
      compile: { include: [...shared, ...esmDependencies] },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
        // Short design-token names in the output (main-package bytes); see the file.
        './config/postcss-short-tokens.cjs': { enable: true, config: {} },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: shared },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain: any) {
        chain.performance.hints(false); // the ~320 KB Taro h5 runtime trips webpack's 244 KB default
      },
      // hot: false — fast refresh needs @pmmmwh/react-refresh-webpack-plugin, not installed.
      devServer: {
        hot: false,
        ...(apiOrigin ? { proxy: [{ context: ['/api'], target: apiOrigin, changeOrigin: true }] } : {}),
      },
    },
  };
  return config;
});
