/**
 * The shell runs where WeChat runs: with `es6`/`enhance` off (project.config.json) WeChat hands the JS to
 * older iOS as is, so every file of the weapp build must be ES5 — like Taro's own output. An ESM
 * dependency left untranspiled (valibot's `?.`, `??`, `let`) is a syntax error there.
 */
import { parse } from 'acorn';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const out = join(root, 'dist', 'weapp');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
}

test('the project ships with es6 and enhance off', () => {
  const cfg = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8'));
  expect(cfg.setting).toMatchObject({ es6: false, enhance: false });
});

test('every JS file of dist/weapp parses as ES5', () => {
  if (!existsSync(join(out, 'app.js'))) throw new Error('dist/weapp is missing: run npm run build:weapp first (npm test does)');
  const files = jsFiles(out);
  expect(files.length).toBeGreaterThan(10);
  const failures: string[] = [];
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    try {
      parse(src, { ecmaVersion: 5, sourceType: 'script' });
    } catch (e: any) {
      const at = typeof e.pos === 'number' ? e.pos : 0;
      failures.push(`${relative(out, file)}: ${e.message} near ${JSON.stringify(src.slice(Math.max(0, at - 40), at + 40))}`);
    }
  }
  expect(failures).toEqual([]);
});
