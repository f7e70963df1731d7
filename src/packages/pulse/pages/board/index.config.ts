export default definePageConfig({
  navigationBarTitleText: '晴雨表',
});
