export default definePageConfig({
  navigationBarTitleText: '控制台修改未生效',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
