export default definePageConfig({
  navigationBarTitleText: '待分派',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
