export default definePageConfig({
  navigationBarTitleText: '我要提建议',
  onReachBottomDistance: 80,
});
