export default definePageConfig({
  navigationBarTitleText: '清茶议事',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
