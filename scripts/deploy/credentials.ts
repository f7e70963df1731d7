// Deploy credentials come from the environment or from the git-ignored file .env.deploy (KEY=VALUE
// lines); never from the repository. The environment wins over the file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_KEY_ENV } from './plan';

export const CREDENTIALS_FILE = '.env.deploy';
export const SECRET_ID = 'TENCENTCLOUD_SECRETID';
export const SECRET_KEY = 'TENCENTCLOUD_SECRETKEY';
export const SESSION_TOKEN = 'TENCENTCLOUD_SESSIONTOKEN';

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** process.env over .env.deploy (when present). */
export function deployEnvironment(root: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const file = join(root, CREDENTIALS_FILE);
  const fromFile = existsSync(file) ? parseEnvFile(readFileSync(file, 'utf8')) : {};
  const merged: NodeJS.ProcessEnv = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') merged[k] = v;
  return merged;
}

export interface CredentialCheck {
  missing: string[];
  message?: string;
}

/** Which variables a real deploy still needs, with one Chinese message naming them. */
export function checkCredentials(env: NodeJS.ProcessEnv, opts: { miniprogram?: boolean } = {}): CredentialCheck {
  const missing = [SECRET_ID, SECRET_KEY].filter((k) => !env[k]);
  if (opts.miniprogram) {
    const key = env[PRIVATE_KEY_ENV];
    if (!key || !existsSync(key)) missing.push(PRIVATE_KEY_ENV);
  }
  if (!missing.length) return { missing };
  const lines = [`缺少部署凭据：请设置 ${missing.join('、')}（环境变量，或写入仓库根目录的 ${CREDENTIALS_FILE}，该文件已被 git 忽略）。`];
  if (missing.includes(SECRET_ID) || missing.includes(SECRET_KEY)) {
    lines.push(`  ${SECRET_ID} / ${SECRET_KEY}：腾讯云 API 密钥（用小程序账号登录腾讯云控制台 → 访问管理 → API 密钥管理；子账号需有云开发权限）。`);
  }
  if (missing.includes(PRIVATE_KEY_ENV)) {
    lines.push(`  ${PRIVATE_KEY_ENV}：小程序代码上传密钥文件的路径（公众平台 → 开发 → 开发管理 → 开发设置 → 小程序代码上传；并配置 IP 白名单）。`);
  }
  lines.push('  不需要凭据的预览：npm run -s deploy -- --dry-run');
  return { missing, message: lines.join('\n') };
}
