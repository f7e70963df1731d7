export default definePageConfig({
  navigationBarTitleText: '账号限制',
});
