// Bundles the local cloud runtime into dist/runtime/main.js (node_modules stay external).
import { build } from 'esbuild';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export async function buildRuntime() {
  await build({
    entryPoints: [resolve(root, 'runtime/main.ts')],
    outfile: resolve(root, 'dist/runtime/main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildRuntime();
  console.log('built dist/runtime/main.js');
}
