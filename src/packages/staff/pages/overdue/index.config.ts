export default definePageConfig({
  navigationBarTitleText: '超期诉求',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
