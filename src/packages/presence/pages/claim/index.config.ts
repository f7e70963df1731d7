export default definePageConfig({
  navigationBarTitleText: '认领代录诉求',
});
