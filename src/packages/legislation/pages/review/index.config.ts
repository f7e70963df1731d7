export default definePageConfig({
  navigationBarTitleText: '立法意见处理',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
