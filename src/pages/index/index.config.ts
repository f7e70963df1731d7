export default definePageConfig({
  navigationBarTitleText: '连心桥',
  enablePullDownRefresh: true,
});
