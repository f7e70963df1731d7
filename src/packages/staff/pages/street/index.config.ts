export default definePageConfig({
  navigationBarTitleText: '导入街道',
});
