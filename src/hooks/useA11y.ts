import { useEffect, useState } from 'react';
import { a11ySettings, display, onA11yChange, type A11ySettings, type Display } from '../services/a11y';

/** The 适老化 settings and what they mean for the page root; re-renders when they change. */
export function useA11y(): A11ySettings & Display {
  const [s, setS] = useState(a11ySettings);
  useEffect(() => onA11yChange(() => setS(a11ySettings())), []);
  return { ...s, ...display(s) };
}
