export default definePageConfig({
  navigationBarTitleText: '我也遇到',
});
