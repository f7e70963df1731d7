// h5: the browser's default text size (the user's setting) against the usual 16 px; the mode classes also go
// on <body>, so the navigation bar, tab bar and dialogs outside the pages follow them.

/** `font-size: medium` resolves to the user's default size whatever the page sets on <html>. */
export function systemFontScale(): number {
  try {
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
    document.body.appendChild(probe);
    const px = parseFloat(window.getComputedStyle(probe).fontSize);
    probe.remove();
    return Number.isFinite(px) && px > 0 ? px / 16 : 1;
  } catch {
    return 1;
  }
}

const MODE = ['lxq-elder', 'lxq-contrast'];

export function applyRootClasses(classes: string[], style: string): void {
  try {
    const body = document.body;
    for (const c of MODE) body.classList.toggle(c, classes.includes(c));
    body.setAttribute('style', style);
  } catch {
    // no document (tests without one)
  }
}
