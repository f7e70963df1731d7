import Taro from '@tarojs/taro';

export const HOME = '/pages/index/index';

/** Back one page; opened directly (nothing to go back to): the home page. */
export function goBack(): void {
  void Promise.resolve()
    .then(() => {
      const pages = Taro.getCurrentPages?.() ?? [];
      if (pages.length > 1) return Taro.navigateBack();
      return Taro.reLaunch({ url: HOME });
    })
    .catch(() => Taro.reLaunch({ url: HOME }).catch(() => undefined));
}

export function goHome(): void {
  void Promise.resolve(Taro.reLaunch({ url: HOME })).catch(() => undefined);
}
