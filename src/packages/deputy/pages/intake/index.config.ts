export default definePageConfig({
  navigationBarTitleText: '代客录入',
});
