export default definePageConfig({
  navigationBarTitleText: '我的立法意见',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
