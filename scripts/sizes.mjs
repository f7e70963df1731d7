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

/**
 * What preloadRule downloads, per package whose pages trigger it: WeChat gives all pages of one package a
 * shared 2 MB preload quota. Keys: 'main' or a subpackage root; unknown roots in a rule are listed apart.
 */
export function preloadSizes(weappDir) {
  const app = JSON.parse(readFileSync(join(weappDir, 'app.json'), 'utf8'));
  const { subpackages } = packageSizes(weappDir);
  const roots = Object.keys(subpackages);
  const byPackage = {};
  const unknown = [];
  for (const [page, rule] of Object.entries(app.preloadRule ?? {})) {
    const owner = roots.find((r) => page.startsWith(`${r}/`)) ?? 'main';
    const entry = (byPackage[owner] ??= { packages: [], bytes: 0 });
    for (const p of rule.packages.map((x) => x.replace(/\/$/, ''))) {
      if (!(p in subpackages)) unknown.push(`${page}: ${p}`);
      else {
        // a package preloaded by two pages counts twice: the quota is per page, summed over the package
        entry.bytes += subpackages[p];
        if (!entry.packages.includes(p)) entry.packages.push(p);
      }
    }
  }
  return { byPackage, unknown };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist/weapp';
  console.log(JSON.stringify({ ...packageSizes(dir), preload: preloadSizes(dir) }, null, 2));
}
