export default definePageConfig({
  navigationBarTitleText: '代表站点',
  enablePullDownRefresh: true,
});
