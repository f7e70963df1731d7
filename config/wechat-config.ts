// The one source of the AppID, the cloud env id and the subscribe template ids: config/wechat.json, with
// build-time overrides LXQ_APPID and LXQ_CLOUD_ENV. Dev builds and tests run on the placeholders; a
// release build (LXQ_RELEASE=1, what `npm run build:prod` and `npm run deploy` set) and deploy refuse them.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface SubscribeTemplate {
  templateId: string;
  title: string;
  fields: Record<string, string>;
  page: string;
}

export interface WechatConfig {
  appid: string;
  cloudEnv: string;
  subscribeTemplates: Record<string, SubscribeTemplate>;
}

export const WECHAT_JSON = path.resolve(__dirname, 'wechat.json');

/** Placeholders shipped in config/wechat.json (and project.config.json's tourist AppID). */
export const PLACEHOLDER_APPIDS = ['wx_YOUR_APPID', 'touristappid'];
export const PLACEHOLDER_ENV = 'your-env-id';
export const PLACEHOLDER_TEMPLATE_PREFIX = 'TEMPLATE_ID_';

const APPID = /^wx[0-9a-f]{16}$/;

export function isRelease(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LXQ_RELEASE === '1';
}

/** config/wechat.json with the LXQ_APPID / LXQ_CLOUD_ENV overrides applied. Never refuses. */
export function loadWechatConfig(env: NodeJS.ProcessEnv = process.env, file: string = WECHAT_JSON): WechatConfig {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WechatConfig>;
  return {
    appid: env.LXQ_APPID || raw.appid || '',
    cloudEnv: env.LXQ_CLOUD_ENV || raw.cloudEnv || '',
    subscribeTemplates: raw.subscribeTemplates ?? {},
  };
}

/** One Chinese message per field that still holds a placeholder (empty when the config is deployable). */
export function placeholderProblems(cfg: WechatConfig): string[] {
  const problems: string[] = [];
  if (!cfg.appid || PLACEHOLDER_APPIDS.includes(cfg.appid)) {
    problems.push(`config/wechat.json 的 appid 仍是占位符「${cfg.appid}」：请填写小程序 AppID（或构建时设置 LXQ_APPID）`);
  } else if (!APPID.test(cfg.appid)) {
    problems.push(`config/wechat.json 的 appid「${cfg.appid}」不是小程序 AppID（wx 加 16 位十六进制）`);
  }
  if (!cfg.cloudEnv || cfg.cloudEnv === PLACEHOLDER_ENV) {
    problems.push(`config/wechat.json 的 cloudEnv 仍是占位符「${cfg.cloudEnv}」：请填写云开发环境 ID（或构建时设置 LXQ_CLOUD_ENV）`);
  }
  for (const [key, t] of Object.entries(cfg.subscribeTemplates)) {
    if (!t.templateId || t.templateId.startsWith(PLACEHOLDER_TEMPLATE_PREFIX)) {
      problems.push(`config/wechat.json 的 subscribeTemplates.${key}.templateId 仍是占位符「${t.templateId}」：请填写在公众平台「订阅消息 → 我的模板」选用的模板 ID`);
    }
  }
  return problems;
}

export class PlaceholderConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`生产构建拒绝占位配置：\n${problems.map((p) => `  ✗ ${p}`).join('\n')}`);
  }
}

/** The config for a release build or deploy; throws PlaceholderConfigError naming every placeholder field. */
export function requireReleaseConfig(env: NodeJS.ProcessEnv = process.env, file: string = WECHAT_JSON): WechatConfig {
  const cfg = loadWechatConfig(env, file);
  const problems = placeholderProblems(cfg);
  if (problems.length) throw new PlaceholderConfigError(problems);
  return cfg;
}
