import Taro from '@tarojs/taro';
import { createCallCloud } from './gateway';

export const callCloud = createCallCloud(async (name, data) => {
  const res = await Taro.cloud.callFunction({ name, data });
  return res.result;
});

export function initCloud(): void {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
}
