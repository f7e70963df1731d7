// 适老化 settings: 长辈模式 (larger type and touch targets, the simple home) and 高对比度, kept in storage so
// they survive a restart; the type also follows the system (WeChat) font size.
import { readStorage, writeStorage } from '../utils/storage';
import { applyRootClasses, systemFontScale } from './display';

export interface A11ySettings {
  elder: boolean;
  contrast: boolean;
}

export const A11Y_KEY = 'lxq.a11y';
/** WeChat's 「关怀模式」 size is 23.8 px against 17 px: from about 1.3 on, offer 长辈模式. */
export const LARGE_SYSTEM_FONT = 1.3;

let settings: A11ySettings = read();
let system = 1;
let measured = false;
const listeners = new Set<() => void>();

function read(): A11ySettings {
  const raw = readStorage(A11Y_KEY) as Partial<A11ySettings> | undefined;
  return { elder: raw?.elder === true, contrast: raw?.contrast === true };
}

export function a11ySettings(): A11ySettings {
  return settings;
}

/** The system font scale, measured once (clamped to 1–1.6 so a page still fits a phone). */
export function systemScale(): number {
  if (!measured) {
    measured = true;
    system = Math.min(1.6, Math.max(1, systemFontScale()));
  }
  return system;
}

export interface Display {
  classes: string[];
  /** Inline custom properties for the page root ('' when standard). */
  style: string;
  fontScale: number;
}

/** What a page root gets: 长辈模式 at least 1.25× type and 1.2× touch targets, more if the system asks for more. */
export function display(s: A11ySettings = settings, sys: number = systemScale()): Display {
  const fontScale = Math.round((s.elder ? Math.max(1.25, sys) : sys) * 100) / 100;
  const touchScale = s.elder ? Math.max(1.2, Math.min(1.4, sys)) : sys >= 1.2 ? 1.1 : 1;
  const classes = [s.elder ? 'lxq-elder' : '', s.contrast ? 'lxq-contrast' : ''].filter(Boolean);
  const style = fontScale !== 1 || touchScale !== 1 ? `--lxq-font-scale:${fontScale};--lxq-touch-scale:${touchScale}` : '';
  return { classes, style, fontScale };
}

export function setA11y(patch: Partial<A11ySettings>): void {
  settings = { ...settings, ...patch };
  writeStorage(A11Y_KEY, settings);
  const d = display();
  applyRootClasses(d.classes, d.style);
  listeners.forEach((fn) => fn());
}

/** Reads storage again (tests; a restart does this by loading the module). */
export function reloadA11y(): void {
  settings = read();
  listeners.forEach((fn) => fn());
}

export function onA11yChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
}

/** The first page applies the stored settings to the document (h5); weapp pages carry them on their root. */
export function applyStoredA11y(): void {
  const d = display();
  applyRootClasses(d.classes, d.style);
}
