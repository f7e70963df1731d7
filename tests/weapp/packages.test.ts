// app.json as built: who preloads what (issue 13), within WeChat's preload quota.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness';

test('首页 preloads the appeal form and the packages a deputy and a staff member open first', () => {
  const app = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8'));
  expect(app.preloadRule['pages/index/index']).toEqual({ network: 'all', packages: ['packages/appeal', 'packages/deputy', 'packages/staff'] });
  const sizes = JSON.parse(execFileSync(process.execPath, [join(__dirname, '../../scripts/sizes.mjs'), ROOT]).toString());
  const { byPackage, unknown } = sizes.preload as { byPackage: Record<string, { bytes: number }>; unknown: string[] };
  expect(Object.keys(byPackage).sort()).toEqual(['main', 'packages/deputy', 'packages/staff']);
  expect(unknown).toEqual([]);
  for (const [pkg, { bytes }] of Object.entries(byPackage)) expect([pkg, bytes <= 2 * 1024 * 1024]).toEqual([pkg, true]);
});
