export default definePageConfig({
  navigationBarTitleText: '录入线下意见',
});
