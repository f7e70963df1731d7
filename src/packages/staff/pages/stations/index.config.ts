export default definePageConfig({
  navigationBarTitleText: '站点与接待日',
});
