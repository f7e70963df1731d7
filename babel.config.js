// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// hot: false — react-refresh is not installed (and the h5 devServer runs with hot: false).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', hot: false }]],
};
