export default definePageConfig({
  navigationBarTitleText: '立法意见征询',
  enablePullDownRefresh: true,
});
