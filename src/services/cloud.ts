// Type-level default. Builds pick cloud.weapp.ts or cloud.h5.ts instead (same exports).
import { createCallCloud, CloudError } from './gateway';

export const callCloud = createCallCloud(async () => {
  throw new CloudError('INTERNAL', '当前平台暂不支持');
});

export function initCloud(): void {}
