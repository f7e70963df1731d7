// npm run import:street -- <file.xlsx> [--check] [--url http://127.0.0.1:3000]
//
// Imports a street spreadsheet (template: database/seed/street-template.xlsx) through the same `street`
// function the staff page uses: the file goes to (local) cloud storage, then the function is invoked the
// way the cloud console's 云端测试 does — without a WeChat identity, as { Type: 'Admin', action: 'importStreet' }.
//   default   the local database in DATA_DIR (default .data), through an in-process local runtime
//   --url     a local runtime that is already running (npm start)
//   --check   validate only; nothing is written
// On WeChat cloud, staff import from the app (工作人员后台 → 导入街道).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--url');

if (!file || flag('--help')) {
  console.error('用法: npm run import:street -- 街道.xlsx [--check] [--url http://127.0.0.1:3000]');
  console.error('模板: database/seed/street-template.xlsx（npm run street:template 重新生成）');
  process.exit(file ? 0 : 2);
}
if (!existsSync(file)) {
  console.error(`找不到文件 ${file}`);
  process.exit(2);
}

/** The running runtime's per-process /admin token: DATA_DIR/admin-token (the runtime writes it on start). */
function adminToken() {
  return readFileSync(join(resolve(process.env.DATA_DIR ?? join(root, '.data')), 'admin-token'), 'utf8').trim();
}

async function importInto(url) {
  const cloudPath = `street/import-${Date.now()}-${basename(file).replace(/[^A-Za-z0-9._-]/g, '_')}`;
  const meta = await fetch(`${url}/admin?lxq_token=${adminToken()}&`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'storage.getUploadMetadata', path: cloudPath }) }).then((r) => r.json());
  const put = await fetch(meta.data.url, { method: 'PUT', body: readFileSync(file) });
  if (!put.ok) throw new Error(`upload failed: HTTP ${put.status}`);
  const reply = await fetch(`${url}/api/dev/invoke/street`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Type: 'Admin', action: 'importStreet', fileId: meta.data.fileId, dryRun: flag('--check') }),
  }).then((r) => r.json());
  return reply;
}

function report(reply) {
  if (!reply.ok) {
    console.error(`导入失败：${reply.error?.message ?? JSON.stringify(reply)}`);
    return 1;
  }
  const r = reply.data;
  for (const e of r.errors) console.error(`  ✗ ${e.text}`);
  for (const w of r.warnings) console.log(`  ! ${w.text}`);
  (r.errors.length ? console.error : console.log)(r.summary);
  return r.errors.length ? 1 : 0;
}

let code;
const url = option('--url') ?? process.env.LXQ_URL;
if (url) {
  code = report(await importInto(url.replace(/\/$/, '')));
} else {
  const { buildFunctions } = await import('./build-functions.mjs');
  const { buildRuntime } = await import('./build-runtime.mjs');
  await buildFunctions({ quiet: true });
  await buildRuntime();
  const { optionsFromEnv, startRuntime } = createRequire(import.meta.url)(join(root, 'dist/runtime/main.js'));
  // An empty DATA_DIR stays empty apart from the import (no demo street first).
  const rt = await startRuntime({ ...optionsFromEnv([]), port: 0, timers: false, seed: 'empty' });
  try {
    console.log(`数据目录：${optionsFromEnv([]).dataDir}`);
    code = report(await importInto(rt.url));
  } finally {
    await rt.stop();
  }
}
process.exit(code);
