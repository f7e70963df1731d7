// Built weapp output (npm run build:weapp first): the design tokens reach every page as rpx custom properties.
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT } from './harness';

function wxssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? wxssFiles(join(dir, e.name)) : e.name.endsWith('.wxss') ? [join(dir, e.name)] : []));
}

const app = readFileSync(join(ROOT, 'app-origin.wxss'), 'utf8');
const declared = new Set(Array.from(app.matchAll(/(--[a-z0-9-]+):/g), (m) => m[1]));

test('tokens are declared on page with px converted to rpx, under short names', () => {
  expect(app).toMatch(/^body,page\{--lx0:#1f2328;/);
  const decls = app.slice(0, app.indexOf('}'));
  expect(decls).not.toMatch(/\d px|\dpx/);
  expect(decls).toMatch(/:24rpx[;}]/);
  expect(app).toMatch(/\.lxq-elder\{--lxq-font-scale:1\.25/);
  expect(app).toMatch(/\.lxq-contrast\{--lx0:#000/);
  // Only the mode knobs keep their long names.
  expect(Array.from(app.matchAll(/--lxq-[a-z0-9-]+/g), (m) => m[0]).filter((n) => !['--lxq-font-scale', '--lxq-touch-scale'].includes(n))).toEqual([]);
});

test('every custom property a stylesheet uses is declared in app.wxss', () => {
  const unknown = wxssFiles(ROOT).flatMap((f) => Array.from(readFileSync(f, 'utf8').matchAll(/var\((--[a-z0-9-]+)/g), (m) => m[1]).filter((n) => !declared.has(n)).map((n) => `${relative(ROOT, f)}: ${n}`));
  expect(unknown).toEqual([]);
});

test("WeChat's stylesheet compiler turns the rpx inside custom properties and calc() into device pixels", () => {
  const wcsc = join(dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', process.platform === 'darwin' ? 'mac' : 'linux', 'wcsc');
  chmodSync(wcsc, 0o755);
  const js = execFileSync(wcsc, ['-db', '-pc', '0', './app.wxss', './app-origin.wxss', './common.wxss'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 8 * 1024 * 1024 });
  // app.wxss @imports the other two. [0, n] is the compiler's "n rpx → px at run time" instruction.
  expect(js).toMatch(/--lx[0-9a-z]+:\\x22,\[0,24\]/);
  expect(js).toMatch(/calc\(\\x22,\[0,32\],\\x22\*var\(--lxq-font-scale\)\)/);
});
