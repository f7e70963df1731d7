// Runs ONE invocation of a built function bundle in this Node process (Node 16 in the test), against the
// local runtime's /admin endpoint (TCB_CONTEXT_CNFG), and prints the envelope as the last stdout line.
// Plain CommonJS on purpose: it must itself run on Node 16.
'use strict';
const path = require('path');

const [bundleDir, eventJson, openid] = process.argv.slice(2);
if (openid) process.env.WX_OPENID = openid;
if (openid) process.env.WX_APPID = 'wx_local_app';
const mod = require(path.resolve(bundleDir, 'index.js'));
const context = { request_id: `node16-${Date.now()}`, function_name: path.basename(bundleDir), time_limit_in_ms: 20000, memory_limit_in_mb: 256 };
mod
  .main(JSON.parse(eventJson), context)
  .then((result) => {
    process.stdout.write('\n' + JSON.stringify({ node: process.version, result }) + '\n');
    process.exit(0);
  })
  .catch((err) => {
    process.stdout.write('\n' + JSON.stringify({ node: process.version, error: String((err && err.stack) || err) }) + '\n');
    process.exit(1);
  });
