// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// framework 'none' here: @babel/preset-react is not installed, so JSX is compiled earlier by
// config/swc-jsx-loader.js (the Taro build itself still uses framework 'react', see config/index.ts).
module.exports = {
  presets: [['taro', { framework: 'none', ts: true, compiler: 'webpack5' }]],
};
