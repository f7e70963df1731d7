// npm start: build what is stale (functions and runtime always — they take a second; h5 when its sources
// changed), then run the local cloud runtime and print its URL. Installs nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { buildFunctions } from './build-functions.mjs';
import { buildRuntime } from './build-runtime.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

if (!existsSync(join(root, 'node_modules', 'wx-server-sdk'))) {
  console.error('Dependencies are not installed. Run: npm ci && npm start');
  process.exit(1);
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

await buildFunctions({ quiet: true });
await buildRuntime();
const h5Index = join(root, 'dist', 'h5', 'index.html');
const h5Sources = Math.max(...['src', 'config', 'contracts', 'domain'].map((d) => newest(join(root, d))));
if (!args.includes('--no-h5') && (!existsSync(h5Index) || statSync(h5Index).mtimeMs < h5Sources)) {
  console.log('building the h5 app (about 20 s)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (args.includes('--no-serve')) {
  const { optionsFromEnv, startRuntime } = createRequire(import.meta.url)(join(root, 'dist/runtime/main.js'));
  const rt = await startRuntime({ ...optionsFromEnv(args), port: 0, timers: false });
  console.log(`database ${args.includes('--reset') ? 'reset and ' : ''}seeded`);
  await rt.stop();
  process.exit(0);
}
process.argv = [process.argv[0], join(root, 'dist/runtime/main.js'), ...args];
createRequire(import.meta.url)(join(root, 'dist/runtime/main.js')).runFromCli();
