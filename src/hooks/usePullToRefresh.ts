import Taro, { usePullDownRefresh } from '@tarojs/taro';

/** Pull-down (page config enablePullDownRefresh) → reload → stop the spinner. */
export function usePullToRefresh(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    reload().finally(() => Taro.stopPullDownRefresh());
  });
}
