// The design tokens stay the only place literal colours and type sizes are written, and every token a
// stylesheet uses exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const TOKENS = join(root, 'src', 'styles', 'tokens.css');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? cssFiles(join(dir, e.name)) : e.name.endsWith('.css') ? [join(dir, e.name)] : []));
}

const declared = new Set(Array.from(readFileSync(TOKENS, 'utf8').matchAll(/(--lxq-[a-z0-9-]+)\s*:/g), (m) => m[1]));
const sheets = cssFiles(join(root, 'src'))
  .filter((f) => f !== TOKENS)
  .map((f) => ({ file: relative(root, f), css: readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '') }));

describe('design tokens', () => {
  test('the tokens file declares colours, type, spacing, radii and the mode classes', () => {
    for (const name of ['--lxq-color-text', '--lxq-color-text-muted', '--lxq-color-primary', '--lxq-color-danger', '--lxq-color-surface', '--lxq-font-size-body', '--lxq-space-3', '--lxq-radius-card', '--lxq-size-control']) {
      expect(declared).toContain(name);
    }
    const css = readFileSync(TOKENS, 'utf8');
    expect(css).toMatch(/\.lxq-elder\s*\{[^}]*--lxq-font-scale/);
    expect(css).toMatch(/\.lxq-contrast\s*\{[^}]*--lxq-color-text:/);
  });

  test('no stylesheet writes a colour, a font size, a radius or a shadow of its own', () => {
    const found: string[] = [];
    for (const { file, css } of sheets) {
      for (const m of css.matchAll(/#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(/g)) found.push(`${file}: ${m[0]}`);
      for (const m of css.matchAll(/(font-size|border-radius|box-shadow|line-height|font-family)\s*:\s*([^;]+);/g)) {
        if (!/^var\(--lxq-[a-z0-9-]+\)( !important)?$/.test(m[2].trim())) found.push(`${file}: ${m[1]}: ${m[2]}`);
      }
    }
    expect(found).toEqual([]);
  });

  test('every token a stylesheet uses is declared', () => {
    const unknown = sheets.flatMap(({ file, css }) => Array.from(css.matchAll(/var\((--lxq-[a-z0-9-]+)/g), (m) => m[1]).filter((n) => !declared.has(n)).map((n) => `${file}: ${n}`));
    expect(unknown).toEqual([]);
  });

  test('app.css imports the tokens once; no other stylesheet declares tokens', () => {
    expect(readFileSync(join(root, 'src', 'app.css'), 'utf8')).toMatch(/^@import '\.\/styles\/tokens\.css';/);
    expect(sheets.filter(({ css }) => /(^|[\s;{])--lxq-[a-z0-9-]+\s*:/.test(css) || css.includes('tokens.css')).map((s) => s.file)).toEqual(['src/app.css']);
  });

  test('the weapp build shortens every token name the same way', () => {
    const { tokenNames } = require('../../config/postcss-short-tokens.cjs');
    const short: Map<string, string> = tokenNames(TOKENS);
    expect(short.has('--lxq-font-scale')).toBe(false); // mode knobs keep their names (set inline)
    expect(short.get('--lxq-color-text')).toMatch(/^--lx[0-9a-z]+$/);
    expect(new Set(short.values()).size).toBe(short.size);
  });
});
