export default definePageConfig({
  navigationBarTitleText: '履职积分审核',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
