export default definePageConfig({
  navigationBarTitleText: '票决结果',
  enablePullDownRefresh: true,
});
