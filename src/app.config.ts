export default defineAppConfig({
  // Main package: the tab pages plus what a resident needs first (submit, follow, read the answers).
  pages: [
    'pages/index/index',
    'pages/appeals/index',
    'pages/ballots/index',
    'pages/me/index',
    'pages/appeal-new/index',
    'pages/appeal-detail/index',
    'pages/wall/index',
    'pages/inbox/index',
  ],
  subPackages: [
    { root: 'packages/deputy', pages: ['pages/workbench/index', 'pages/appeal/index', 'pages/record/index'] },
    {
      root: 'packages/staff',
      pages: [
        'pages/dashboard/index',
        'pages/review/index',
        'pages/triage/index',
        'pages/overdue/index',
        'pages/flagged/index',
        'pages/history/index',
        'pages/settings/index',
        'pages/users/index',
        'pages/ballots/index',
        'pages/ballot/index',
        'pages/ballot-new/index',
        'pages/proposals/index',
        'pages/points/index',
        'pages/street/index',
        'pages/invite/index',
        'pages/calendar/index',
        'pages/staff-members/index',
        'pages/held/index',
        'pages/wall/index',
      ],
    },
    // 票决 and 民生实事 beyond the tab list: voting, results (charts), 点单, project delivery.
    { root: 'packages/ballot', pages: ['pages/detail/index', 'pages/results/index', 'pages/propose/index', 'pages/projects/index', 'pages/project/index'] },
    // 账号与身份: a deputy binds their WeChat account (the invite 小程序码 opens this page), first staff claim.
    { root: 'packages/account', pages: ['pages/bind/index'] },
    // 立法意见征询: drafts, commenting section by section, my comments, staff adoption decisions.
    { root: 'packages/legislation', pages: ['pages/drafts/index', 'pages/draft/index', 'pages/mine/index', 'pages/review/index'] },
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
  // The submit form offers "pick a location on the map" (weapp only).
  requiredPrivateInfos: ['chooseLocation'],
  lazyCodeLoading: 'requiredComponents',
});
