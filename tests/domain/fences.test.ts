/**
 * The layer fences of eslint.config.mjs catch what they promise: each fixture is linted as if it were a file
 * of that layer (through ESLint's API in a child process, as `npm run lint` would), and only the forbidden
 * imports are reported by lxq/layers.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

interface Fixture {
  file: string;
  code: string;
  /** How many lxq/layers problems ESLint must report. */
  violations: number;
}

const fixtures: Record<string, Fixture> = {
  'domain imports itself and dayjs': { file: 'domain/appeals/probe.ts', code: "import dayjs from 'dayjs';\nimport utc from 'dayjs/plugin/utc';\nimport { ROLES } from '../roles';\nexport { dayjs, utc, ROLES };", violations: 0 },
  'domain may not import contracts': { file: 'domain/appeals/probe.ts', code: "import { API } from '../../contracts/api';\nexport { API };", violations: 1 },
  'domain may not import valibot, React or Node': { file: 'domain/probe.ts', code: "import * as v from 'valibot';\nimport React from 'react';\nimport { readFileSync } from 'node:fs';\nexport { v, React, readFileSync };", violations: 3 },
  'domain may not require() or import() around the fence': { file: 'domain/probe.ts', code: "const roles = require('./roles');\nexport const time = () => import('./time');\nexport const any = (p: string) => import(p);\nexport { roles };", violations: 3 },
  'contracts import domain and valibot only': { file: 'contracts/probe.ts', code: "import * as v from 'valibot';\nimport { ROLES } from '../domain/roles';\nimport { db } from '../cloudfunctions/_platform/db';\nexport { v, ROLES, db };", violations: 1 },
  'pages never import functions or the runtime': { file: 'src/pages/probe/index.tsx', code: "import { main } from '../../../cloudfunctions/appeal/index';\nimport { startRuntime } from '../../../runtime/main';\nimport { loadSla } from '../../../cloudfunctions/_capabilities/appeals/settings';\nimport { API } from '../../../contracts/api';\nexport { main, startRuntime, loadSla, API };", violations: 3 },
  'pages never import server libraries': { file: 'src/services/probe.ts', code: "import ExcelJS from 'exceljs';\nimport * as cloud from 'wx-server-sdk';\nexport { ExcelJS, cloud };", violations: 2 },
  'functions never import pages or the runtime': { file: 'cloudfunctions/appeal/probe.ts', code: "import { callCloud } from '../../src/services/cloud';\nimport { createRuntimeServer } from '../../runtime/server';\nimport { serve } from '../_platform/handler';\nexport { callCloud, createRuntimeServer, serve };", violations: 2 },
  'platform knows no capability': { file: 'cloudfunctions/_platform/probe.ts', code: "import { changeAppeal } from '../_capabilities/appeals/writer';\nexport { changeAppeal };", violations: 1 },
  'capabilities never import a function': { file: 'cloudfunctions/_capabilities/appeals/probe.ts', code: "import { actions } from '../../appeal/index';\nexport { actions };", violations: 1 },
  'the runtime never imports functions or pages': { file: 'runtime/probe.ts', code: "import { actions } from '../cloudfunctions/appeal/index';\nimport { callCloud } from '../src/services/cloud';\nimport { ROLES } from '../domain/roles';\nexport { actions, callCloud, ROLES };", violations: 2 },
  'functions may not require() project files': { file: 'cloudfunctions/user/probe.ts', code: "export const load = () => require('../_platform/db');", violations: 1 },
};

const SCRIPT = `
import { ESLint } from 'eslint';
const input = JSON.parse(await new Promise((r) => { let s = ''; process.stdin.on('data', (c) => (s += c)); process.stdin.on('end', () => r(s)); }));
const eslint = new ESLint({ cwd: process.cwd() });
const out = {};
for (const [name, f] of Object.entries(input)) {
  const [res] = await eslint.lintText(f.code, { filePath: f.file });
  out[name] = res.messages.map((m) => m.ruleId + ': ' + m.message);
}
process.stdout.write(JSON.stringify(out));
`;

let results: Record<string, string[]>;

beforeAll(() => {
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: root, input: JSON.stringify(fixtures), encoding: 'utf8', timeout: 120_000 });
  results = JSON.parse(stdout);
}, 120_000);

describe.each(Object.entries(fixtures))('%s', (name, fixture) => {
  it(fixture.violations === 0 ? 'passes' : `is caught (${fixture.violations})`, () => {
    const fenced = results[name].filter((m) => m.startsWith('lxq/layers'));
    expect(fenced).toHaveLength(fixture.violations);
  });
});
