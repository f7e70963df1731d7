// WeChat 同声传译 (WechatSI) gives the appeal form voice input on weapp. A plugin must be added to the
// mini-program in 公众平台 → 设置 → 第三方设置 → 插件管理 before a build that declares it can be uploaded;
// LXQ_SPEECH_PLUGIN=0 builds without it (the form then simply offers no voice button).
const speechPlugin = process.env.TARO_ENV === 'weapp' && process.env.LXQ_SPEECH_PLUGIN !== '0';

export default defineAppConfig({
  // Main package: the tab pages plus what a resident follows and reads (details, the wall, messages). The
  // appeal form is its own subpackage (24 KB), downloaded in the background as soon as 首页 or 我的诉求 shows.
  pages: [
    'pages/index/index',
    'pages/appeals/index',
    'pages/ballots/index',
    'pages/me/index',
    'pages/appeal-detail/index',
    'pages/wall/index',
    'pages/inbox/index',
  ],
  // Each subpackage is a capability; its staff pages sit with it (issue 11), so a role downloads what it uses.
  subPackages: [
    // 反映诉求: the form (photos, location, voice input, drafts). The speech plugin is declared here, so it
    // loads with the form and not with the main package.
    { root: 'packages/appeal', pages: ['pages/new/index'], ...(speechPlugin ? { plugins: { WechatSI: { version: '0.3.4', provider: 'wx069ba97219f66d99' } } } : {}) },
    // 代表: workbench, handling an appeal, 一人一档; staff review the duty points next to the record they feed.
    // 代表常在 for deputies (and staff): reception duties and activity check-in (the activity's code opens it),
    // walk-in intake (代客录入), 清茶 mediation.
    { root: 'packages/deputy', pages: ['pages/workbench/index', 'pages/appeal/index', 'pages/record/index', 'pages/points-review/index', 'pages/presence/index', 'pages/intake/index', 'pages/mediation/index'] },
    // 工作人员: appeal moderation and supervision, the street's settings and data.
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
        'pages/street/index',
        'pages/calendar/index',
        'pages/stations/index',
        'pages/activities/index',
        'pages/held/index',
        'pages/wall/index',
      ],
    },
    // 票决 and 民生实事: voting, results (charts), 点单, project delivery; staff create ballots, enter paper
    // tallies and shortlist proposals here too.
    {
      root: 'packages/ballot',
      pages: [
        'pages/detail/index',
        'pages/results/index',
        'pages/propose/index',
        'pages/projects/index',
        'pages/project/index',
        'pages/staff-ballots/index',
        'pages/staff-ballot/index',
        'pages/staff-ballot-new/index',
        'pages/staff-proposals/index',
      ],
    },
    // 账号与身份: a deputy binds their WeChat account (the invite 小程序码 opens this page), first staff claim;
    // staff invite deputies and add colleagues.
    { root: 'packages/account', pages: ['pages/bind/index', 'pages/invite/index', 'pages/staff-members/index'] },
    // 立法信息采集: higher congresses' drafts, commenting through a 1+17+N point, my comments, offline entry,
    // staff compiling the submission and recording adoption.
    { root: 'packages/legislation', pages: ['pages/drafts/index', 'pages/draft/index', 'pages/mine/index', 'pages/review/index', 'pages/record/index'] },
    // 代表建议 from clusters of appeals and 我也遇到: public suggestions, a case to support, clusters and steps for deputies and staff.
    { root: 'packages/suggestion', pages: ['pages/list/index', 'pages/detail/index', 'pages/case/index', 'pages/clusters/index'] },
    // 晴雨表: the street's figures from the nightly summaries, charts (plain views, no canvas library) and the Excel export.
    { root: 'packages/pulse', pages: ['pages/board/index'] },
    // 代表常在 for residents: a station's page (hours, map, who receives when, activity reports) and claiming
    // an appeal a deputy filed for them.
    { root: 'packages/presence', pages: ['pages/station/index', 'pages/claim/index'] },
  ],
  // The first screen fetches what its main button opens (the appeal form) and what a deputy's or a staff
  // member's home opens first (the workbench, the dashboard): preloadRule is per page, not per role, so every
  // visitor of 首页 downloads those two in the background (≈ 240 KB; WeChat offers no API to preload a normal
  // subpackage on demand). A role's first stop then downloads what it opens next. All pages of a package share
  // a 2 MB preload quota (scripts/check-deploy.mjs checks it).
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/appeal', 'packages/deputy', 'packages/staff'] },
    'pages/appeals/index': { network: 'all', packages: ['packages/appeal'] },
    'packages/deputy/pages/workbench/index': { network: 'all', packages: ['packages/ballot'] },
    'packages/staff/pages/dashboard/index': { network: 'all', packages: ['packages/ballot', 'packages/account'] },
  },
  window: {
    navigationBarTitleText: '连心桥',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTextStyle: 'white',
    // h5: Taro's own title bar with back / home (weapp always draws the native one).
    navigationStyle: 'default',
    backgroundColor: '#f5f6f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#57606a',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    // Icons: scripts/tab-icons.mjs (4-bit palette PNGs, 2.8 KB for all eight).
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/appeals/index', text: '我的诉求', iconPath: 'assets/tab/appeals.png', selectedIconPath: 'assets/tab/appeals-on.png' },
      { pagePath: 'pages/ballots/index', text: '票决', iconPath: 'assets/tab/ballots.png', selectedIconPath: 'assets/tab/ballots-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  // The submit form offers "pick a location on the map" (weapp only).
  requiredPrivateInfos: ['chooseLocation'],
  lazyCodeLoading: 'requiredComponents',
});
