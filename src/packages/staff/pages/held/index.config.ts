export default definePageConfig({
  navigationBarTitleText: '待审内容',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
