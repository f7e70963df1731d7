// Weapp package sizes as WeChat counts them: every file of the output, LICENSE files excluded;
// a subpackage is the folder of each `subPackages[].root` in app.json, main is the rest.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

export function packageSizes(weappDir) {
  const app = JSON.parse(readFileSync(join(weappDir, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const subpackages = Object.fromEntries(roots.map((r) => [r, 0]));
  let main = 0;
  for (const f of files(weappDir)) {
    const rel = relative(weappDir, f).split(sep).join('/');
    if (/LICENSE/i.test(rel) || rel === 'project.config.json' || rel.endsWith('.map')) continue;
    const size = statSync(f).size;
    const owner = roots.find((r) => rel.startsWith(`${r}/`));
    if (owner) subpackages[owner] += size;
    else main += size;
  }
  return { main, subpackages, total: main + Object.values(subpackages).reduce((a, b) => a + b, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(packageSizes(process.argv[2] ?? 'dist/weapp'), null, 2));
}
