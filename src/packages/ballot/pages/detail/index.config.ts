export default definePageConfig({
  navigationBarTitleText: '票决',
  enablePullDownRefresh: true,
});
