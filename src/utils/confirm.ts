import Taro from '@tarojs/taro';

/** A yes/no dialog; resolves false when dismissed or unavailable. */
export async function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#b3261e' });
    return !!res.confirm;
  } catch {
    return false;
  }
}

export function toast(title: string, ok = false): void {
  void Promise.resolve()
    .then(() => Taro.showToast({ title, icon: ok ? 'success' : 'none' }))
    .catch(() => undefined);
}
