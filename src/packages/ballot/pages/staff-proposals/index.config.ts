export default definePageConfig({
  navigationBarTitleText: '居民建议整理',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
