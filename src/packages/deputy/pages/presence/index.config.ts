export default definePageConfig({
  navigationBarTitleText: '接待日与代表活动',
  enablePullDownRefresh: true,
});
