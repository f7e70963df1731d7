// Brings a cloud environment to the plan: reads the current state first, compares, writes only the
// difference, so a rerun with nothing changed writes nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionSpec, IndexChange, ManagerLike, RemoteFunction, RemoteIndex } from './manager';
import type { ApiIndex, Plan, PlannedFunction, Rule } from './plan';
import { defaultRandom, resolveVariables, type RandomBytes } from './variables';

export interface DeployContext {
  manager: ManagerLike;
  plan: Plan;
  /** dist/cloudfunctions: one built folder per function. */
  functionRoot: string;
  /** The deployer's environment (variable values such as LXQ_BOOTSTRAP_CODE). */
  env: NodeJS.ProcessEnv;
  random?: RandomBytes;
  /** Upload code even when the recorded hash matches (after an upload from DevTools). */
  forceCode?: boolean;
  log?: (line: string) => void;
}

export interface DeployReport {
  changes: string[];
  warnings: string[];
  /** Values generated in this run that someone must see once (never secrets). */
  printed: { fn: string; name: string; value: string }[];
}

/** Files of a built function folder that make up what is uploaded. */
const CODE_FILES = ['index.js', 'package.json', 'config.json'];
const MARK = 'lxq-code=';

export function codeHash(functionRoot: string, name: string): string {
  const h = createHash('sha256');
  for (const f of CODE_FILES) h.update(f).update('\0').update(readFileSync(join(functionRoot, name, f))).update('\0');
  return h.digest('hex').slice(0, 16);
}

/** The code hash is kept in the function's description: the cloud keeps no comparable checksum of ours. */
export const describeCode = (hash: string) => `连心桥 ${MARK}${hash}`;
export function recordedHash(description: string | undefined): string | undefined {
  const i = description?.indexOf(MARK) ?? -1;
  return i >= 0 ? description!.slice(i + MARK.length).split(/\s/)[0] : undefined;
}

/** Timer TriggerDesc is the cron itself; some API versions wrap it as {"cron": "..."}. */
function triggerCron(desc: string | undefined): string {
  if (!desc) return '';
  try {
    const parsed = JSON.parse(desc) as { cron?: string };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron.trim();
  } catch {
    /* a plain cron */
  }
  return desc.trim();
}

const stable = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
const sameRule = (a: unknown, b: unknown) => stable(a) === stable(b);

function variablesOf(fn: RemoteFunction): Record<string, string> {
  return Object.fromEntries((fn.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
}

function sameIndex(remote: RemoteIndex, want: ApiIndex): boolean {
  const keys = (remote.Keys ?? []).map((k) => `${k.Name}:${Number(k.Direction) === -1 ? -1 : 1}`);
  const wanted = want.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}:${Number(k.Direction)}`);
  return keys.join(',') === wanted.join(',') && Boolean(remote.Unique) === want.MgoKeySchema.MgoIsUnique;
}

export async function deploy(ctx: DeployContext): Promise<DeployReport> {
  const log = ctx.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const report: DeployReport = { changes: [], warnings: [], printed: [] };
  const change = (line: string) => {
    report.changes.push(line);
    log(`  ✓ ${line}`);
  };
  const warn = (line: string) => {
    report.warnings.push(line);
    log(`  ! ${line}`);
  };
  const { manager, plan } = ctx;
  const random = ctx.random ?? defaultRandom;

  log(`环境 ${plan.env}：云函数`);
  const existing = new Set((await manager.functions.listAllFunctions({ envId: plan.env })).map((f) => String(f.FunctionName)));
  for (const fn of plan.functions) {
    await deployFunction(ctx, fn, existing.has(fn.name), random, { change, warn, report });
  }

  log('数据库集合、索引与安全规则');
  const collections = await listCollectionNames(manager);
  const api = manager.commonService('tcb', '2018-06-08');
  for (const c of plan.collections) {
    let remote: RemoteIndex[] = [];
    if (!collections.has(c.name)) {
      await manager.database.createCollection(c.name);
      change(`集合 ${c.name} 已创建`);
    } else {
      remote = (await manager.database.describeCollection(c.name)).Indexes ?? [];
    }
    const byName = new Map(remote.map((r) => [r.Name, r]));
    const create = c.indexes.filter((i) => !byName.has(i.IndexName) || !sameIndex(byName.get(i.IndexName)!, i));
    const drop = create.filter((i) => byName.has(i.IndexName)).map((i) => ({ IndexName: i.IndexName }));
    const planned = new Set(c.indexes.map((i) => i.IndexName));
    for (const r of remote) if (r.Name !== '_id_' && !planned.has(r.Name)) warn(`集合 ${c.name} 有 database/indexes.json 之外的索引 ${r.Name}（未删除）`);
    // A changed index is dropped first: one call cannot drop and re-create the same name.
    if (drop.length) {
      await manager.database.updateCollection(c.name, { DropIndexes: drop } satisfies IndexChange);
      change(`集合 ${c.name} 删除已变更的索引 ${drop.map((d) => d.IndexName).join('、')}`);
    }
    if (create.length) {
      await manager.database.updateCollection(c.name, { CreateIndexes: create } satisfies IndexChange);
      change(`集合 ${c.name} 创建索引 ${create.map((i) => i.IndexName).join('、')}`);
    }
    const param = { EnvId: plan.env, CollectionName: c.name, WxAppId: plan.appid };
    const current = await api.call({ Action: 'DescribeSafeRule', Param: param });
    if (!(current?.AclTag === 'CUSTOM' && sameRule(parseRule(current.Rule), c.rules))) {
      await api.call({ Action: 'ModifySafeRule', Param: { ...param, AclTag: 'CUSTOM', Rule: JSON.stringify(c.rules) } });
      change(`集合 ${c.name} 安全规则已设为 ${JSON.stringify(c.rules)}`);
    }
  }

  log('云存储安全规则');
  const storage = await manager.storage.getStorageAcl({ withRule: true });
  if (!(storage.acl === 'CUSTOM' && sameRule(storage.rule, plan.storageRules))) {
    await manager.storage.setStorageAcl('CUSTOM', plan.storageRules as { read: boolean | string; write: boolean | string });
    change(`云存储安全规则已设为 ${JSON.stringify(plan.storageRules)}`);
  }
  if (!report.changes.length) log('  云端已是最新，无需变更');
  return report;
}

function parseRule(rule: unknown): Rule | undefined {
  if (typeof rule !== 'string') return rule as Rule | undefined;
  try {
    return JSON.parse(rule) as Rule;
  } catch {
    return undefined;
  }
}

async function listCollectionNames(manager: ManagerLike): Promise<Set<string>> {
  const names = new Set<string>();
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const res = await manager.database.listCollections({ MgoLimit: limit, MgoOffset: offset });
    const page = res.Collections ?? [];
    for (const c of page) names.add(c.CollectionName);
    if (page.length < limit || names.size >= (res.Pager?.Total ?? 0)) return names;
  }
}

interface Sinks {
  change: (line: string) => void;
  warn: (line: string) => void;
  report: DeployReport;
}

async function deployFunction(ctx: DeployContext, fn: PlannedFunction, exists: boolean, random: RandomBytes, { change, warn, report }: Sinks): Promise<void> {
  const { manager } = ctx;
  const hash = codeHash(ctx.functionRoot, fn.name);
  const triggers = fn.triggers.map((t) => ({ name: t.name, type: t.type, config: t.config }));
  const remote = exists ? await manager.functions.getFunctionDetail(fn.name) : undefined;
  const vars = resolveVariables(fn.envVariables, remote ? variablesOf(remote) : {}, ctx.env, random);
  for (const g of vars.generated) {
    if (g.print) report.printed.push({ fn: fn.name, name: g.name, value: g.value });
    change(`${fn.name}：已生成 ${g.name}${g.print ? '（见下方输出，只显示这一次）' : '（不显示）'}`);
  }
  for (const name of vars.ignored) warn(`${fn.name}：云端已有 ${name}，保持不变（部署者环境中的值被忽略）`);
  const config: FunctionSpec = { name: fn.name, timeout: fn.timeout, memorySize: fn.memorySize, envVariables: vars.values, description: describeCode(hash) };

  // A function whose creation failed (e.g. the cloud's npm install) is re-created: createFunction
  // removes the failed leftover itself. Variables it already had are kept.
  if (!remote || remote.Status === 'CreateFailed') {
    if (remote) warn(`${fn.name}：云端函数处于 CreateFailed 状态，重新创建`);
    await manager.functions.createFunction({
      func: { ...config, runtime: fn.runtime, handler: fn.handler, installDependency: fn.installDependency, triggers: triggers.length ? triggers : undefined },
      functionRootPath: ctx.functionRoot,
      force: false,
    });
    change(`云函数 ${fn.name} 已创建（${fn.runtime}，${fn.timeout} 秒，${fn.memorySize} MB${triggers.length ? `，定时触发器 ${triggers.map((t) => t.name).join('、')}` : ''}）`);
    return;
  }

  if (remote.Runtime && remote.Runtime !== fn.runtime) {
    warn(`${fn.name}：云端运行时是 ${remote.Runtime}，计划为 ${fn.runtime}；运行时创建后不可更改，如需更换请在控制台删除该函数后重新部署`);
  }
  const codeChanged = ctx.forceCode === true || remote.Status === 'UpdateFailed' || recordedHash(remote.Description) !== hash;
  if (codeChanged) {
    await manager.functions.updateFunctionCode({
      func: { name: fn.name, runtime: fn.runtime, handler: fn.handler, installDependency: fn.installDependency },
      functionRootPath: ctx.functionRoot,
    });
    await manager.functions.waitFunctionActive(fn.name);
    change(`云函数 ${fn.name} 代码已更新（云端安装依赖）`);
  }
  const current = variablesOf(remote);
  const varsChanged = stable(current) !== stable(vars.values);
  const configChanged = remote.Timeout !== fn.timeout || remote.MemorySize !== fn.memorySize || varsChanged || remote.Description !== config.description;
  if (configChanged) {
    await manager.functions.updateFunctionConfig(config);
    const what = [
      remote.Timeout !== fn.timeout ? `超时 ${remote.Timeout}→${fn.timeout} 秒` : '',
      remote.MemorySize !== fn.memorySize ? `内存 ${remote.MemorySize}→${fn.memorySize} MB` : '',
      varsChanged ? `环境变量 ${Object.keys(vars.values).sort().join('、')}` : '',
    ].filter(Boolean);
    change(`云函数 ${fn.name} 配置已更新${what.length ? `（${what.join('，')}）` : '（代码标记）'}`);
  }

  const remoteTimers = (remote.Triggers ?? []).filter((t) => t.Type === 'timer').map((t) => ({ name: String(t.TriggerName ?? t.Name), config: triggerCron(t.TriggerDesc ?? t.Config) }));
  const wanted = new Map(triggers.map((t) => [t.name, t]));
  for (const r of remoteTimers) {
    const w = wanted.get(r.name);
    if (!w || w.config !== r.config) {
      await manager.functions.deleteFunctionTrigger(fn.name, r.name);
      change(`云函数 ${fn.name} 删除定时触发器 ${r.name}（${r.config}）`);
    }
  }
  const kept = new Set(remoteTimers.filter((r) => wanted.get(r.name)?.config === r.config).map((r) => r.name));
  const toCreate = triggers.filter((t) => !kept.has(t.name));
  if (toCreate.length) {
    await manager.functions.createFunctionTriggers(fn.name, toCreate);
    change(`云函数 ${fn.name} 创建定时触发器 ${toCreate.map((t) => `${t.name}（${t.config}）`).join('、')}`);
  }
}
