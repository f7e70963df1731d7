export default defineAppConfig({
  pages: ['pages/index/index', 'pages/appeals/index', 'pages/ballots/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/deputy', pages: ['pages/workbench/index'] },
    { root: 'packages/staff', pages: ['pages/dashboard/index'] },
  ],
  window: {
    navigationBarTitleText: '连心桥',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#57606a',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/appeals/index', text: '我的诉求' },
      { pagePath: 'pages/ballots/index', text: '票决' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
});
