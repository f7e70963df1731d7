export default definePageConfig({
  navigationBarTitleText: '回音壁管理',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
