export default definePageConfig({
  navigationBarTitleText: '新建票决',
});
