export default definePageConfig({
  navigationBarTitleText: '代表工作台',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
