export default definePageConfig({
  navigationBarTitleText: '办理时限与街道电话',
  enablePullDownRefresh: true,
});
