export default definePageConfig({
  navigationBarTitleText: '相似诉求',
  enablePullDownRefresh: true,
});
