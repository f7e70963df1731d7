export default definePageConfig({
  navigationBarTitleText: '代表活动',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
