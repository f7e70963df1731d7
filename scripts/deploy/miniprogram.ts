// Mini-program upload with WeChat's miniprogram-ci, run through npx at a pinned version: it is needed only
// with --miniprogram, and as a devDependency it would add ~1,100 packages / 275 MB to every `npm ci`.
import { spawnSync } from 'node:child_process';
import type { Plan } from './plan';

export interface UploadRequest {
  appid: string;
  projectPath: string;
  privateKeyPath: string;
  version: string;
  desc: string;
  robot: number;
}

export type Uploader = (req: UploadRequest) => Promise<void>;

export function uploadArgs(tool: string, req: UploadRequest): string[] {
  return [
    '--yes', `--package=${tool}`, '--', 'miniprogram-ci', 'upload',
    '--project-path', req.projectPath,
    '--private-key-path', req.privateKeyPath,
    '--appid', req.appid,
    '--upload-version', req.version,
    '--upload-description', req.desc,
    '--robot', String(req.robot),
    // es6 / enhance / minify come from the weapp output's project.config.json (Taro already emits ES5).
    '--use-project-config', 'true',
  ];
}

export function npxUploader(tool: string, cwd: string): Uploader {
  return async (req) => {
    // miniprogram-ci prints progress on stdout; keep our stdout for the result.
    const r = spawnSync('npx', uploadArgs(tool, req), { cwd, stdio: ['ignore', process.stderr, process.stderr] });
    if (r.status !== 0) throw new Error(`miniprogram-ci upload 失败（退出码 ${r.status}）`);
  };
}

export function uploadRequest(plan: Plan, root: string, privateKeyPath: string): UploadRequest {
  const m = plan.miniprogram;
  return { appid: m.appid, projectPath: `${root}/${m.projectPath}`, privateKeyPath, version: m.version, desc: m.desc, robot: m.robot };
}
