// The system's text size as a scale (1 = standard), and where the page's mode classes also go.
// Builds pick display.h5.ts on h5; weapp uses this file.
import Taro from '@tarojs/taro';

/**
 * WeChat's font size (我 → 设置 → 通用 → 字体大小) as a scale: wx.getAppBaseInfo().fontSizeScaleFactor, else
 * fontSizeSetting ÷ 17 px (the iOS standard; Android's standard is 16 px and reports the factor itself).
 * 1 when unknown. As WeChat's 适老化设计指南 asks, pages follow it.
 */
export function systemFontScale(): number {
  try {
    const info = ((Taro as any).getAppBaseInfo?.() ?? Taro.getSystemInfoSync()) as { fontSizeScaleFactor?: number; fontSizeSetting?: number };
    if (typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0) return info.fontSizeScaleFactor;
    if (typeof info.fontSizeSetting === 'number' && info.fontSizeSetting > 0) return info.fontSizeSetting / 17;
  } catch {
    // not available (older base library): the standard size
  }
  return 1;
}

/** weapp: each page root carries the classes (there is no document). */
export function applyRootClasses(_classes: string[], _style: string): void {}
