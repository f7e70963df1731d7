import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Credentials } from '../../scripts/deploy/manager';
import { run, type RunDeps } from '../../scripts/deploy/main';
import type { UploadRequest } from '../../scripts/deploy/miniprogram';
import { uploadArgs } from '../../scripts/deploy/miniprogram';
import { functionNames, type Plan } from '../../scripts/deploy/plan';
import { fakeCloud } from './fakeCloud';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const CREDS = { TENCENTCLOUD_SECRETID: 'AKIDtest', TENCENTCLOUD_SECRETKEY: 'test-key' };

/** The machine's environment without anything a deploy reads, so no test sees a real credential. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(TENCENTCLOUD_|LXQ_|npm_)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function dryRun(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [TSX, 'scripts/deploy/main.ts', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run deploy -- --dry-run', () => {
  const secrets = { LXQ_VOTE_SECRET: 'vote-secret-must-not-leak', LXQ_BOOTSTRAP_CODE: 'BOOTSTRAP-MUST-NOT-LEAK' };
  let plan: Plan;
  let stdout: string;

  beforeAll(() => {
    // No credentials at all; sockets, http(s) and the management SDK fail the process if touched.
    const r = dryRun(['--dry-run'], cleanEnv({ ...secrets, NODE_OPTIONS: `--require=${join(__dirname, 'no-network.cjs')}` }));
    expect(r.stderr).not.toMatch(/Error|部署失败/);
    expect(r.status).toBe(0);
    stdout = r.stdout;
    plan = JSON.parse(stdout) as Plan; // the whole of stdout is one JSON object
  });

  test('prints the whole plan under the contract keys', () => {
    expect(Object.keys(plan)).toEqual(expect.arrayContaining(['env', 'functions', 'collections', 'storageRules', 'miniprogram']));
    expect(plan.env).toBe('your-env-id');
    expect(plan.functions.map((f) => f.name)).toEqual(functionNames(ROOT));
    for (const f of plan.functions) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['name', 'runtime', 'timeout', 'triggers', 'openapi']));
      expect(f.runtime).toBe('Nodejs16.13');
      const config = JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', f.name, 'config.json'), 'utf8'));
      expect(f.timeout).toBe(config.timeout ?? 3);
      expect(f.openapi).toEqual(config.permissions?.openapi ?? []);
      expect(f.triggers.map((t) => ({ name: t.name, type: t.type, config: t.config }))).toEqual(config.triggers ?? []);
    }
    const indexFile = JSON.parse(readFileSync(join(ROOT, 'database/indexes.json'), 'utf8'));
    expect(plan.collections.map((c) => c.name)).toEqual(Object.keys(indexFile.collections));
    for (const c of plan.collections) {
      expect(Object.keys(c)).toEqual(['name', 'indexes', 'rules']);
      expect(c.rules).toEqual(JSON.parse(readFileSync(join(ROOT, 'database/security-rules', `${c.name}.json`), 'utf8')));
      expect(c.indexes).toHaveLength(indexFile.collections[c.name].indexes.length);
    }
    expect(plan.storageRules).toEqual(JSON.parse(readFileSync(join(ROOT, 'storage/security-rules.json'), 'utf8')));
    expect(plan.miniprogram).toMatchObject({ upload: false, projectPath: 'dist/weapp', privateKeyPathEnv: 'LXQ_MP_PRIVATE_KEY_PATH' });
  });

  test('names the variables but never prints their values', () => {
    expect(stdout).not.toContain(secrets.LXQ_VOTE_SECRET);
    expect(stdout).not.toContain(secrets.LXQ_BOOTSTRAP_CODE);
    expect(plan.variables.LXQ_VOTE_SECRET).toMatchObject({ onExisting: 'keep', fromDeployer: true, usedBy: ['ballot'] });
    expect(plan.variables.LXQ_BOOTSTRAP_CODE).toMatchObject({ onExisting: 'deployer', usedBy: ['user'] });
  });

  test('lists the placeholders a real deploy would refuse, and --miniprogram shows the upload', () => {
    expect(plan.configProblems.join('\n')).toMatch(/appid[\s\S]*cloudEnv[\s\S]*subscribeTemplates\.appealAssigned\.templateId/);
    const r = dryRun(['--dry-run', '--miniprogram', '--mp-version', '1.2.3'], cleanEnv({ LXQ_CLOUD_ENV: 'env-from-build', LXQ_APPID: 'wx0123456789abcdef' }));
    const p = JSON.parse(r.stdout) as Plan;
    expect(p.env).toBe('env-from-build');
    expect(p.miniprogram).toMatchObject({ upload: true, appid: 'wx0123456789abcdef', version: '1.2.3' });
  });

  test('npm run -s deploy -- --dry-run prints the same object', () => {
    const r = spawnSync('npm', ['run', '-s', 'deploy', '--', '--dry-run'], { cwd: ROOT, env: cleanEnv(secrets), encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(plan);
  });
});

test('a real deploy without credentials names exactly what to set and exits non-zero', () => {
  const r = dryRun([], cleanEnv({ LXQ_CLOUD_ENV: 'lxq-test', LXQ_APPID: 'wx0123456789abcdef' }));
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain('缺少部署凭据：请设置 TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY');
  expect(r.stderr).toContain('.env.deploy');
  expect(r.stderr).not.toContain('LXQ_MP_PRIVATE_KEY_PATH');
});

// --- in-process runs against a copy of the repository with a deployable config ---

let repo: string;
const VOTE = 'generated-vote-secret';

function makeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lxq-repo-'));
  for (const p of ['database', 'storage', 'package.json']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  const wechat = JSON.parse(readFileSync(join(ROOT, 'config/wechat.json'), 'utf8'));
  wechat.appid = 'wx0123456789abcdef';
  wechat.cloudEnv = 'lxq-prod-9z8y';
  for (const [k, t] of Object.entries<{ templateId: string }>(wechat.subscribeTemplates)) t.templateId = `tpl-${k}-0123456789`;
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config/wechat.json'), JSON.stringify(wechat));
  for (const name of functionNames(ROOT)) {
    mkdirSync(join(dir, 'cloudfunctions', name), { recursive: true });
    cpSync(join(ROOT, 'cloudfunctions', name, 'config.json'), join(dir, 'cloudfunctions', name, 'config.json'));
    writeFileSync(join(dir, 'cloudfunctions', name, 'index.ts'), '');
    const out = join(dir, 'dist/cloudfunctions', name);
    mkdirSync(out, { recursive: true });
    for (const f of ['index.js', 'package.json', 'config.json']) writeFileSync(join(out, f), `${name}/${f}`);
  }
  return dir;
}

beforeEach(() => {
  repo = makeRepo();
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

function harness(env: NodeJS.ProcessEnv, root = repo) {
  const out: string[] = [];
  const err: string[] = [];
  const cloud = fakeCloud('lxq-prod-9z8y');
  const uploads: UploadRequest[] = [];
  const builds: { weapp: boolean }[] = [];
  const connected: Credentials[] = [];
  const deps: RunDeps = {
    root,
    env,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    build: async (_plan, opts) => void builds.push(opts),
    connect: async (creds) => {
      connected.push(creds);
      return cloud;
    },
    uploader: () => async (req) => void uploads.push(req),
  };
  return { deps, cloud, uploads, builds, connected, stdout: () => out.join(''), stderr: () => err.join('') };
}

test('missing credentials with --miniprogram also names the upload key; nothing is built or contacted', async () => {
  const h = harness({});
  expect(await run(['--miniprogram'], h.deps)).toBe(1);
  expect(h.stderr()).toContain('缺少部署凭据：请设置 TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY、LXQ_MP_PRIVATE_KEY_PATH');
  expect(h.builds).toEqual([]);
  expect(h.connected).toEqual([]);
  expect(h.stdout()).toBe('');
});

test('placeholders are refused with every field named, before anything is built', async () => {
  const h = harness({ ...CREDS }, ROOT);
  expect(await run([], h.deps)).toBe(1);
  for (const field of ['appid', 'cloudEnv', 'subscribeTemplates.appealAssigned.templateId', 'subscribeTemplates.appealStatus.templateId', 'subscribeTemplates.supervision.templateId']) {
    expect(h.stderr()).toContain(`config/wechat.json 的 ${field} `);
  }
  expect(h.builds).toEqual([]);
  expect(h.connected).toEqual([]);
});

test('a full deploy builds, deploys, uploads the mini-program and prints the bootstrap code once', async () => {
  const key = join(repo, 'private.wx0123456789abcdef.key');
  writeFileSync(key, 'not a real key');
  const h = harness({ ...CREDS, LXQ_MP_PRIVATE_KEY_PATH: key, LXQ_VOTE_SECRET: VOTE });
  expect(await run(['--miniprogram', '--mp-version', '1.0.1'], h.deps)).toBe(0);
  expect(h.builds).toEqual([{ weapp: true }]);
  expect(h.connected).toEqual([{ secretId: 'AKIDtest', secretKey: 'test-key', token: undefined, envId: 'lxq-prod-9z8y' }]);
  expect(h.cloud.state.functions.size).toBe(functionNames(ROOT).length);
  expect(h.uploads).toEqual([{ appid: 'wx0123456789abcdef', projectPath: `${repo}/dist/weapp`, privateKeyPath: key, version: '1.0.1', desc: '连心桥 1.0.1', robot: 1 }]);
  const code = h.cloud.state.functions.get('user')!.Environment!.Variables!.find((v) => v.Key === 'LXQ_BOOTSTRAP_CODE')!.Value;
  expect(h.stdout()).toContain(`LXQ_BOOTSTRAP_CODE（云函数 user）= ${code}`);
  expect(h.stdout() + h.stderr()).not.toContain(VOTE);
  expect(h.cloud.state.functions.get('ballot')!.Environment!.Variables).toEqual([{ Key: 'LXQ_VOTE_SECRET', Value: VOTE }]);

  // Second run: nothing to write, nothing printed.
  h.cloud.reset();
  const again = harness({ ...CREDS });
  again.deps.connect = async () => h.cloud;
  expect(await run(['--skip-build'], again.deps)).toBe(0);
  expect(h.cloud.writes()).toEqual([]);
  expect(again.stdout()).toContain('0 项变更');
  expect(again.stdout()).not.toContain('LXQ_BOOTSTRAP_CODE');
});

test('credentials can come from the git-ignored .env.deploy; the environment wins over it', async () => {
  writeFileSync(join(repo, '.env.deploy'), '# deploy keys\nTENCENTCLOUD_SECRETID=AKIDfile\nexport TENCENTCLOUD_SECRETKEY="file-key"\n');
  const h = harness({ TENCENTCLOUD_SECRETID: 'AKIDenv' });
  expect(await run(['--skip-build'], h.deps)).toBe(0);
  expect(h.connected).toEqual([{ secretId: 'AKIDenv', secretKey: 'file-key', token: undefined, envId: 'lxq-prod-9z8y' }]);
  expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env\.deploy$/m);
});

test('--build-only needs no credentials; unknown flags are refused', async () => {
  const h = harness({});
  expect(await run(['--build-only'], h.deps)).toBe(0);
  expect(h.builds).toEqual([{ weapp: true }]);
  expect(h.connected).toEqual([]);
  expect(await run(['--dryrun'], harness({}).deps)).toBe(2);
});

test('the miniprogram-ci command line', () => {
  expect(uploadArgs('miniprogram-ci@2.1.42', { appid: 'wx0123456789abcdef', projectPath: '/r/dist/weapp', privateKeyPath: '/k', version: '1.0.0', desc: 'd', robot: 1 })).toEqual([
    '--yes', '--package=miniprogram-ci@2.1.42', '--', 'miniprogram-ci', 'upload',
    '--project-path', '/r/dist/weapp', '--private-key-path', '/k', '--appid', 'wx0123456789abcdef',
    '--upload-version', '1.0.0', '--upload-description', 'd', '--robot', '1', '--use-project-config', 'true',
  ]);
});
