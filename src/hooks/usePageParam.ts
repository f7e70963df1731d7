import { useState } from 'react';
import Taro from '@tarojs/taro';

/** A query parameter of the current page (?id=…), read once. */
export function usePageParam(name: string): string {
  const [value] = useState(() => {
    const raw = Taro.getCurrentInstance()?.router?.params?.[name];
    if (typeof raw !== 'string') return '';
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  });
  return value;
}
