// npm run deploy — build with the production config and bring a WeChat cloud environment to the plan.
//   --dry-run       print the plan as one JSON object on stdout; no credentials, no network, no build
//   --miniprogram   also upload the mini-program (miniprogram-ci; needs LXQ_MP_PRIVATE_KEY_PATH)
//   --build-only    the production build alone (npm run build:prod)
//   --skip-build    deploy what dist/ already holds
//   --force-code    upload every function's code even if its recorded hash matches
//   --mp-version X  mini-program version (default: package.json version)
// Tool: @cloudbase/manager-node (see README "Deploy"). Logs go to stderr, results to stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCredentials, deployEnvironment, SECRET_ID, SECRET_KEY, SESSION_TOKEN } from './credentials';
import { deploy, type DeployReport } from './engine';
import { createManager, type Credentials, type ManagerLike } from './manager';
import { npxUploader, uploadRequest, type Uploader } from './miniprogram';
import { buildPlan, PRIVATE_KEY_ENV, ROOT, type Plan } from './plan';

export interface RunDeps {
  root: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  build: (plan: Plan, opts: { weapp: boolean }) => Promise<void>;
  connect: (creds: Credentials) => Promise<ManagerLike>;
  uploader: (plan: Plan) => Uploader;
}

const FLAGS = new Set(['--dry-run', '--miniprogram', '--build-only', '--skip-build', '--force-code', '--mp-version', '--help']);

export async function run(argv: string[], deps: RunDeps): Promise<number> {
  const err = (line: string) => deps.stderr(`${line}\n`);
  const flags = new Set<string>();
  let version: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (!FLAGS.has(argv[i])) {
      err(`未知参数 ${argv[i]}（可用：${[...FLAGS].join(' ')}）`);
      return 2;
    }
    if (argv[i] === '--mp-version') version = argv[++i];
    else flags.add(argv[i]);
  }
  if (flags.has('--help')) {
    const header = readFileSync(__filename, 'utf8').split('\n');
    deps.stdout(`${header.slice(0, header.findIndex((l) => !l.startsWith('//'))).map((l) => l.slice(3)).join('\n')}\n`);
    return 0;
  }
  const env = deployEnvironment(deps.root, deps.env);
  const plan = buildPlan({ root: deps.root, env, miniprogram: flags.has('--miniprogram'), version });

  if (flags.has('--dry-run')) {
    deps.stdout(`${JSON.stringify(plan, null, 2)}\n`);
    if (plan.configProblems.length) err(`注意：配置仍有占位符，真正部署会拒绝：\n${plan.configProblems.map((p) => `  ✗ ${p}`).join('\n')}`);
    return 0;
  }

  const buildOnly = flags.has('--build-only');
  const creds = buildOnly ? { missing: [] as string[] } : checkCredentials(env, { miniprogram: flags.has('--miniprogram') });
  if (plan.configProblems.length || creds.missing.length) {
    if (plan.configProblems.length) err(`生产构建拒绝占位配置：\n${plan.configProblems.map((p) => `  ✗ ${p}`).join('\n')}`);
    if (creds.message) err(creds.message);
    return 1;
  }

  if (!flags.has('--skip-build')) {
    err('生产构建（LXQ_RELEASE=1）…');
    await deps.build(plan, { weapp: true });
  }
  if (buildOnly) return 0;

  const manager = await deps.connect({ secretId: env[SECRET_ID]!, secretKey: env[SECRET_KEY]!, token: env[SESSION_TOKEN], envId: plan.env });
  const report = await deploy({ manager, plan, functionRoot: join(deps.root, 'dist/cloudfunctions'), env, forceCode: flags.has('--force-code'), log: err });

  if (flags.has('--miniprogram')) {
    err(`上传小程序 ${plan.miniprogram.version}（${plan.miniprogram.tool}）…`);
    await deps.uploader(plan)(uploadRequest(plan, deps.root, env[PRIVATE_KEY_ENV]!));
    report.changes.push(`小程序 ${plan.miniprogram.version} 已上传（在公众平台「版本管理」提交审核）`);
  }
  deps.stdout(summary(plan, report));
  return 0;
}

function summary(plan: Plan, report: DeployReport): string {
  const lines = [`部署完成：环境 ${plan.env}，${report.changes.length} 项变更${report.warnings.length ? `，${report.warnings.length} 条提醒` : ''}。`];
  for (const w of report.warnings) lines.push(`  ! ${w}`);
  for (const p of report.printed) {
    lines.push(`  ${p.name}（云函数 ${p.fn}）= ${p.value}`);
    lines.push('    只显示这一次：第一位工作人员在小程序里输入它（user.claimStaff）即成为工作人员，之后此码失效。');
  }
  return `${lines.join('\n')}\n`;
}

/** Production build: functions and the weapp with LXQ_RELEASE=1 (refuses placeholders in config/index.ts too). */
export async function releaseBuild(root: string, plan: Plan, opts: { weapp: boolean }): Promise<void> {
  const env = { ...process.env, LXQ_RELEASE: '1', LXQ_APPID: plan.appid, LXQ_CLOUD_ENV: plan.env };
  const step = (args: string[]) => {
    const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', process.stderr, process.stderr] });
    if (r.status !== 0) throw new Error(`构建失败：node ${args.join(' ')}（退出码 ${r.status}）`);
  };
  step([join(root, 'scripts/build-functions.mjs')]);
  if (opts.weapp) {
    step([join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp']);
    // DevTools opened on the repository root reads the AppID from the (git-ignored) private config.
    const file = join(root, 'project.private.config.json');
    const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    if (current.appid !== plan.appid) writeFileSync(file, `${JSON.stringify({ ...current, appid: plan.appid }, null, 2)}\n`);
  }
}

if (require.main === module) {
  run(process.argv.slice(2), {
    root: ROOT,
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    build: (plan, opts) => releaseBuild(ROOT, plan, opts),
    connect: createManager,
    uploader: (plan) => npxUploader(plan.miniprogram.tool, ROOT),
  }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`部署失败：${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
