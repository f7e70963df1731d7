// npm run check:deploy — validates what a deployer uploads (run after npm run build):
// project roots, each function folder, openapi permissions vs code, timer crons, timeout/memory, env var
// sources, collections vs the index file, security rules (database and storage), template ids from config,
// the README's timer costs, and the size budgets. Runs under tsx: it reads the deploy plan's TypeScript.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { functionNames } from './build-functions.mjs';
import { packageSizes, preloadSizes } from './sizes.mjs';
import { invocationsPerMonth } from './deploy/cron.ts';
import { VARIABLES } from './deploy/variables.ts';
import { loadWechatConfig, placeholderProblems } from '../config/wechat-config.ts';

const root = resolve(import.meta.dirname, '..');
const problems = [];
const notes = [];
const fail = (msg) => problems.push(msg);
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

// 1. project.config.json roots resolve (repo root and the weapp copy).
for (const cfgPath of ['project.config.json', 'dist/weapp/project.config.json']) {
  const full = join(root, cfgPath);
  if (!existsSync(full)) { fail(`${cfgPath} missing (run npm run build:weapp)`); continue; }
  const cfg = readJson(full);
  const base = resolve(full, '..');
  const mini = resolve(base, cfg.miniprogramRoot ?? '.');
  const fns = resolve(base, cfg.cloudfunctionRoot ?? '');
  if (!existsSync(join(mini, 'app.json'))) fail(`${cfgPath}: miniprogramRoot ${cfg.miniprogramRoot} has no app.json`);
  if (!cfg.cloudfunctionRoot || !existsSync(fns)) fail(`${cfgPath}: cloudfunctionRoot ${cfg.cloudfunctionRoot} does not exist`);
  else if (relative(join(root, 'dist/cloudfunctions'), fns) !== '') fail(`${cfgPath}: cloudfunctionRoot should point at dist/cloudfunctions`);
}

// 2. Function folders.
const indexes = readJson(join(root, 'database/indexes.json')).collections;
const CRON_FIELD = /^(\*|\d+(-\d+)?(,\d+(-\d+)?)*)(\/\d+)?$/;
const usedCollections = new Set();
const usedVariables = new Set();
const timers = [];
for (const name of functionNames()) {
  const dir = join(root, 'dist/cloudfunctions', name);
  for (const f of ['index.js', 'package.json', 'config.json']) if (!existsSync(join(dir, f))) fail(`${name}: ${f} missing in the deploy folder`);
  if (!existsSync(join(dir, 'config.json'))) continue;
  const pkg = readJson(join(dir, 'package.json'));
  const deps = Object.keys(pkg.dependencies ?? {});
  if (deps.join() !== 'wx-server-sdk') fail(`${name}: package.json must depend on wx-server-sdk only (has ${deps.join(', ') || 'nothing'})`);
  const config = readJson(join(dir, 'config.json'));
  // Source files that end up in this bundle, and the openapi calls they make.
  const meta = await build({ entryPoints: [join(root, 'cloudfunctions', name, 'index.ts')], bundle: true, platform: 'node', write: false, metafile: true, external: ['wx-server-sdk'], logLevel: 'silent' });
  const sources = Object.keys(meta.metafile.inputs).filter((p) => !p.includes('node_modules') && /\.ts$/.test(p));
  const called = new Set();
  for (const src of sources) {
    const text = readFileSync(join(root, src), 'utf8');
    for (const m of text.matchAll(/openapi\.([A-Za-z]+)\.([A-Za-z]+)\(/g)) called.add(`${m[1]}.${m[2]}`);
    for (const m of text.matchAll(/collection\('([A-Za-z_]+)'\)/g)) usedCollections.add(m[1]);
    if (/TEMPLATE_ID_[A-Z_]+/.test(text) || /templateId:\s*['"][A-Za-z0-9_-]{10,}['"]/.test(text)) fail(`${src}: subscribe template ids must come from config/wechat.json`);
  }
  const declared = new Set(config.permissions?.openapi ?? []);
  for (const api of called) if (!declared.has(api)) fail(`${name}: calls openapi ${api} but config.json does not declare it`);
  for (const api of declared) if (!called.has(api)) notes.push(`${name}: declares ${api} but no code calls it`);
  for (const t of config.triggers ?? []) {
    const fields = String(t.config ?? '').trim().split(/\s+/);
    if (t.type !== 'timer' || fields.length !== 7 || !fields.every((f) => CRON_FIELD.test(f))) fail(`${name}: trigger ${t.name} must be a timer with a valid 7-field cron (got "${t.config}")`);
  }
  if ((config.triggers ?? []).length > 1) fail(`${name}: WeChat allows one timer trigger per function`);
  for (const t of config.triggers ?? []) {
    try { timers.push({ name, trigger: t.name, cron: t.config, perMonth: invocationsPerMonth(t.config) }); } catch (e) { fail(`${name}: trigger ${t.name}: ${e.message}`); }
  }
  // Settings WeChat ignores in config.json but deploy applies: timeout (1–60 s), memory, env var names.
  if (config.timeout !== undefined && !(Number.isInteger(config.timeout) && config.timeout >= 1 && config.timeout <= 60)) fail(`${name}: timeout ${config.timeout} must be 1–60 seconds`);
  if (config.memorySize !== undefined && ![128, 256, 512, 1024, 2048].includes(config.memorySize)) fail(`${name}: memorySize ${config.memorySize} must be 128, 256, 512, 1024 or 2048 (MB)`);
  for (const v of config.envVariables ?? []) {
    usedVariables.add(v);
    if (!VARIABLES[v]) fail(`${name}: environment variable ${v} has no source in scripts/deploy/variables.ts`);
  }
  // httpAccess: the HTTP access route (HTTP 访问服务) — the local runtime serves it at /http/<fn>/…; on the cloud it is
  // created by hand (README, "What deploy cannot do").
  if (config.httpAccess !== undefined && !(typeof config.httpAccess?.path === 'string' && /^\/[a-z0-9-]+$/.test(config.httpAccess.path))) fail(`${name}: httpAccess.path must look like "/name"`);
  const known = new Set(['timeout', 'memorySize', 'envVariables', 'permissions', 'triggers', 'httpAccess']);
  for (const k of Object.keys(config)) if (!known.has(k)) fail(`${name}: config.json key "${k}" is neither read by WeChat nor by npm run deploy`);
}
for (const v of Object.keys(VARIABLES)) if (!usedVariables.has(v)) notes.push(`environment variable ${v} has a source but no function's config.json asks for it`);

// 3. Collections used in code are declared (indexes + strict mode cover their queries: the function
//    suites run the runtime in strict mode, so an uncovered query fails the tests).
for (const c of usedCollections) if (!indexes[c]) fail(`collection ${c} is used in code but not declared in database/indexes.json`);

// 3b. Strict-mode evidence: the function suites run every runtime in strict mode and log how each
//     database request was served (dist/query-shapes.jsonl); every shape must be index-covered.
const evidence = join(root, 'dist/query-shapes.jsonl');
if (existsSync(evidence)) {
  const shapes = [...new Set(readFileSync(evidence, 'utf8').split('\n').filter(Boolean))].map((l) => JSON.parse(l));
  const used = new Set(shapes.map((x) => `${x.collection}.${x.index}`));
  for (const x of shapes) {
    if (!x.covered && !indexes[x.collection]?.smallCollection && !(x.action === 'calculateDocument' && x.plan === 'COLLSCAN')) fail(`query evidence: ${x.action} on ${x.collection} ran as ${x.plan} without a covering index`);
  }
  const unused = Object.entries(indexes).flatMap(([c, def]) => def.indexes.filter((i) => !used.has(`${c}.${i.name}`)).map((i) => `${c}.${i.name}`));
  notes.push(`strict-mode evidence: ${shapes.length} distinct query shapes over ${new Set(shapes.map((x) => x.collection)).size} collections, all covered${unused.length ? `; indexes no test query used: ${unused.join(', ')}` : ''}`);
} else notes.push('no strict-mode evidence yet (dist/query-shapes.jsonl): run the function suites first');

// 4. Security rules: every collection has one; personal data is closed to clients.
const PUBLIC = new Set(['communities', 'stations', 'categories', 'projects', 'ballots', 'drafts']);
for (const c of Object.keys(indexes)) {
  const file = join(root, 'database/security-rules', `${c}.json`);
  if (!existsSync(file)) { fail(`collection ${c} has no security rules file`); continue; }
  const rule = readJson(file);
  if (rule.write !== false) fail(`security rules: ${c} must not be writable by clients`);
  if (!PUBLIC.has(c) && rule.read !== false) fail(`security rules: ${c} holds personal data and must not be readable by clients`);
}
for (const f of readdirSync(join(root, 'database/security-rules')).filter((n) => n.endsWith('.json'))) {
  if (!(f.slice(0, -5) in indexes)) fail(`security rules file ${f} is for a collection database/indexes.json does not have`);
}

// 4b. Storage rules: the bucket's custom rule, read/write only.
const storageRulesFile = join(root, 'storage/security-rules.json');
if (!existsSync(storageRulesFile)) fail('storage/security-rules.json missing');
else {
  const rule = readJson(storageRulesFile);
  const keys = Object.keys(rule).sort().join();
  if (keys !== 'read,write') fail(`storage/security-rules.json must hold exactly read and write (has ${keys})`);
  if (rule.read === true || rule.write === true) fail('storage/security-rules.json: photos must not be open to every client');
}

// 5. Template ids live in config (placeholders are fine here: npm run build:prod / deploy refuse them).
const wechat = readJson(join(root, 'config/wechat.json'));
for (const [key, t] of Object.entries(wechat.subscribeTemplates)) if (!t.templateId) fail(`config/wechat.json: template ${key} has no templateId`);
// 5a. Message pushes (configured by hand in the console): each names a function that handles that event.
for (const [event, fn] of Object.entries(wechat.messagePushes ?? {})) {
  if (!functionNames().includes(fn)) fail(`config/wechat.json: message push ${event} goes to ${fn}, which is not a function`);
  else if (!readFileSync(join(root, 'cloudfunctions', fn, 'index.ts'), 'utf8').includes(event)) fail(`config/wechat.json: message push ${event} goes to ${fn}, whose index.ts does not handle it`);
}
const placeholders = placeholderProblems(loadWechatConfig({}, join(root, 'config/wechat.json')));
if (placeholders.length) notes.push(`config/wechat.json still has ${placeholders.length} placeholder(s); npm run build:prod and npm run deploy refuse them`);

// 5b. The README states every timer's monthly cost; keep it true to the crons.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
for (const t of timers) {
  const row = readme.split('\n').find((l) => l.startsWith('|') && l.includes(`\`${t.cron}\``) && l.includes(`\`${t.name}\``));
  if (!row) fail(`README.md: no timer-cost row for ${t.name} (\`${t.cron}\`)`);
  else if (!row.includes(t.perMonth.toLocaleString('en-US'))) fail(`README.md: timer ${t.name} (\`${t.cron}\`) costs ${t.perMonth.toLocaleString('en-US')} invocations a month; its row says otherwise`);
}

// 6. Size budgets.
const FN_BUDGET = 150 * 1024;
// street bundles exceljs (≈ 370 KB, loaded on first import, not at cold start); it serves staff imports only.
// pulse bundles exceljs for the 晴雨表 export the same way (its public line is served by directory instead).
const FN_BUDGETS = { street: 450 * 1024, pulse: 450 * 1024 };
for (const name of functionNames()) {
  const size = statSync(join(root, 'dist/cloudfunctions', name, 'index.js')).size;
  const budget = FN_BUDGETS[name] ?? FN_BUDGET;
  if (size > budget) fail(`${name}: bundle ${size} B exceeds ${budget} B`);
}
if (existsSync(join(root, 'dist/weapp/app.json'))) {
  const sizes = packageSizes(join(root, 'dist/weapp'));
  // Issue 13: the main package (what every resident downloads before the first screen) stays ≤ 400 KB.
  if (sizes.main > 400 * 1024) fail(`weapp main package ${sizes.main} B exceeds 409,600 B`);
  if (sizes.total > 1.5 * 1024 * 1024) fail(`weapp total ${sizes.total} B exceeds 1,572,864 B`);
  for (const [pkg, bytes] of Object.entries(sizes.subpackages)) if (bytes > 2 * 1024 * 1024) fail(`subpackage ${pkg} ${bytes} B exceeds 2 MB`);
  // preloadRule: the pages of one package share a 2 MB preload quota (checked by DevTools at upload).
  const preload = preloadSizes(join(root, 'dist/weapp'));
  for (const u of preload.unknown) fail(`preloadRule ${u} is not a subpackage root`);
  for (const [pkg, p] of Object.entries(preload.byPackage)) if (p.bytes > 2 * 1024 * 1024) fail(`preloadRule from ${pkg} pages downloads ${p.bytes} B, over the 2 MB quota`);
  notes.push(`weapp main ${sizes.main} B, total ${sizes.total} B; preloaded from main pages ${preload.byPackage.main?.bytes ?? 0} B`);
} else fail('dist/weapp missing (run npm run build:weapp)');

for (const n of notes) console.log(`note: ${n}`);
if (problems.length) {
  console.error(`deploy check failed (${problems.length}):`);
  for (const p of problems) console.error(`  ✗ ${p}`);
  process.exit(1);
}
console.log(`deploy check passed: ${functionNames().length} functions, ${Object.keys(indexes).length} collections`);
