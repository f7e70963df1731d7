// What `npm run deploy` wants the cloud environment to look like, read from the repository alone (no
// credentials, no network): the dry-run prints it; the deploy engine compares it with the environment.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadWechatConfig, placeholderProblems } from '../../config/wechat-config';
import { invocationsPerMonth } from './cron';
import { VARIABLES } from './variables';

/**
 * Runtime of every function, fixed at creation (WeChat cloud offers Nodejs16.13 and Nodejs18.15 and
 * cannot change it later). 16.13: the bundles are built for node16 (scripts/build-functions.mjs) and the
 * local runtime holds them to Node 16; code built for 16 also runs on 18, not the other way round.
 */
export const RUNTIME = 'Nodejs16.13';
export const DEFAULT_TIMEOUT = 3; // seconds, WeChat's default
export const DEFAULT_MEMORY = 256; // MB, WeChat's default
export const HANDLER = 'index.main';
export const MINIPROGRAM_CI = 'miniprogram-ci@2.1.42';
export const PRIVATE_KEY_ENV = 'LXQ_MP_PRIVATE_KEY_PATH';

export interface FunctionConfigFile {
  timeout?: number;
  memorySize?: number;
  envVariables?: string[];
  permissions?: { openapi?: string[] };
  triggers?: { name: string; type: string; config: string }[];
}

export interface PlannedTrigger {
  name: string;
  type: 'timer';
  config: string;
  invocationsPerMonth: number;
}

export interface PlannedFunction {
  name: string;
  runtime: string;
  handler: string;
  timeout: number;
  memorySize: number;
  installDependency: true;
  triggers: PlannedTrigger[];
  openapi: string[];
  /** Names only; values come from the deployer's environment or are generated (variables.ts). */
  envVariables: string[];
}

/** An index as the CloudBase UpdateTable API takes it. */
export interface ApiIndex {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: '1' | '-1' }[]; MgoIsUnique: boolean };
}

export type Rule = Record<string, boolean | string>;

export interface PlannedCollection {
  name: string;
  indexes: ApiIndex[];
  rules: Rule;
}

export interface Plan {
  env: string;
  appid: string;
  /** Placeholders a real deploy refuses (the dry-run still prints the plan). */
  configProblems: string[];
  functions: PlannedFunction[];
  collections: PlannedCollection[];
  storageRules: Rule;
  variables: Record<string, { purpose: string; onExisting: string; fromDeployer: boolean; usedBy: string[] }>;
  miniprogram: { upload: boolean; tool: string; appid: string; projectPath: string; version: string; desc: string; robot: number; privateKeyPathEnv: string };
}

export interface IndexFile {
  collections: Record<string, { smallCollection?: boolean; indexes: { name: string; unique?: boolean; fields: { field: string; direction: 1 | -1 }[] }[] }>;
}

export const ROOT = resolve(__dirname, '..', '..');

const readJson = <T>(p: string): T => JSON.parse(readFileSync(p, 'utf8')) as T;

/** Function folders (same rule as scripts/build-functions.mjs: not `_`-prefixed, has index.ts). */
export function functionNames(root = ROOT): string[] {
  const src = join(root, 'cloudfunctions');
  return readdirSync(src, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(src, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export function planFunction(name: string, cfg: FunctionConfigFile): PlannedFunction {
  return {
    name,
    runtime: RUNTIME,
    handler: HANDLER,
    timeout: cfg.timeout ?? DEFAULT_TIMEOUT,
    memorySize: cfg.memorySize ?? DEFAULT_MEMORY,
    installDependency: true,
    triggers: (cfg.triggers ?? []).map((t) => {
      if (t.type !== 'timer') throw new Error(`${name}: trigger ${t.name} has type ${t.type}; only timer triggers exist`);
      return { name: t.name, type: 'timer', config: t.config, invocationsPerMonth: invocationsPerMonth(t.config) };
    }),
    openapi: cfg.permissions?.openapi ?? [],
    envVariables: cfg.envVariables ?? [],
  };
}

/** database/indexes.json → the UpdateTable form: unique flag, "1"/"-1" directions, fields in order. */
export function toApiIndex(index: IndexFile['collections'][string]['indexes'][number]): ApiIndex {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: index.fields.map((f) => ({ Name: f.field, Direction: f.direction === -1 ? '-1' : '1' })),
      MgoIsUnique: index.unique === true,
    },
  };
}

export interface PlanOptions {
  root?: string;
  env?: NodeJS.ProcessEnv;
  miniprogram?: boolean;
  version?: string;
}

export function buildPlan(opts: PlanOptions = {}): Plan {
  const root = opts.root ?? ROOT;
  const env = opts.env ?? process.env;
  const wechat = loadWechatConfig(env, join(root, 'config/wechat.json'));
  const functions = functionNames(root).map((name) => planFunction(name, readJson<FunctionConfigFile>(join(root, 'cloudfunctions', name, 'config.json'))));
  const index = readJson<IndexFile>(join(root, 'database/indexes.json'));
  const collections = Object.entries(index.collections).map(([name, def]) => ({
    name,
    indexes: def.indexes.map(toApiIndex),
    rules: readJson<Rule>(join(root, 'database/security-rules', `${name}.json`)),
  }));
  const variables: Plan['variables'] = {};
  for (const fn of functions) {
    for (const v of fn.envVariables) {
      const spec = VARIABLES[v];
      if (!spec) throw new Error(`${fn.name}: environment variable ${v} has no source in scripts/deploy/variables.ts`);
      variables[v] ??= { purpose: spec.purpose, onExisting: spec.onExisting, fromDeployer: Boolean(env[v]), usedBy: [] };
      variables[v].usedBy.push(fn.name);
    }
  }
  const version = opts.version ?? readJson<{ version: string }>(join(root, 'package.json')).version;
  return {
    env: wechat.cloudEnv,
    appid: wechat.appid,
    configProblems: placeholderProblems(wechat),
    functions,
    collections,
    storageRules: readJson<Rule>(join(root, 'storage/security-rules.json')),
    variables,
    miniprogram: {
      upload: opts.miniprogram === true,
      tool: MINIPROGRAM_CI,
      appid: wechat.appid,
      projectPath: 'dist/weapp',
      version,
      desc: `连心桥 ${version}`,
      robot: 1,
      privateKeyPathEnv: PRIVATE_KEY_ENV,
    },
  };
}
