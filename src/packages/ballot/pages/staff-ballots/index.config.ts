export default definePageConfig({
  navigationBarTitleText: '票决管理',
  enablePullDownRefresh: true,
});
