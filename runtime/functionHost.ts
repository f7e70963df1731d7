import { Cron } from 'croner';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { withEnv } from './scopedEnv';

export interface TimerTrigger { name: string; type: 'timer'; config: string }
export interface FunctionConfig { timeout?: number; permissions?: { openapi?: string[] }; triggers?: TimerTrigger[] }

interface LoadedFunction {
  name: string;
  main: (event: unknown, context: unknown) => Promise<unknown>;
  config: FunctionConfig;
}

export interface Identity { openid?: string; appid?: string; unionid?: string }

export class FunctionTimeout extends Error {}

/** WeChat timer cron has 7 fields (sec min hour day month weekday year); croner takes the first 6. */
export function toCronerPattern(config: string): string {
  const fields = config.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`timer config must have 7 fields: "${config}"`);
  if (fields[6] !== '*') throw new Error(`only "*" is supported for the year field: "${config}"`);
  return fields.slice(0, 6).join(' ');
}

/** Loads the built function bundles and invokes them the way the cloud does: JSON in, JSON out, one identity per call. */
export class FunctionHost {
  private readonly functions = new Map<string, LoadedFunction>();
  private readonly crons: Cron[] = [];
  private seq = 0;

  constructor(
    private readonly dirs: string[],
    private readonly clockOffset: () => number,
  ) {}

  load(): string[] {
    for (const dir of this.dirs) this.loadDir(dir);
    return [...this.functions.keys()].sort();
  }

  private loadDir(dir: string): void {
    if (!existsSync(dir)) throw new Error(`no built functions in ${dir}; run npm run build:functions`);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const index = join(dir, entry.name, 'index.js');
      if (!entry.isDirectory() || !existsSync(index)) continue;
      const req = createRequire(index);
      const mod = req(index) as { main?: LoadedFunction['main'] };
      if (typeof mod.main !== 'function') throw new Error(`function ${entry.name} exports no main`);
      const config = JSON.parse(readFileSync(join(dir, entry.name, 'config.json'), 'utf8')) as FunctionConfig;
      this.functions.set(entry.name, { name: entry.name, main: mod.main, config });
    }
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  config(name: string): FunctionConfig | undefined {
    return this.functions.get(name)?.config;
  }

  async invoke(name: string, event: unknown, identity: Identity): Promise<unknown> {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`unknown function ${name}`);
    const requestId = `local-${Date.now().toString(36)}-${(this.seq++).toString(36)}`;
    const vars = {
      WX_OPENID: identity.openid,
      WX_APPID: identity.openid ? (identity.appid ?? 'wx_local_app') : undefined,
      WX_UNIONID: identity.unionid,
      LXQ_CLOCK_OFFSET_MS: String(this.clockOffset()),
    };
    const payload = JSON.parse(JSON.stringify(event ?? {}));
    const timeoutMs = (fn.config.timeout ?? 3) * 1000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeout(`function ${name} timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([withEnv(vars, () => fn.main(payload, { request_id: requestId, function_name: name })), timeout]);
      // The cloud serialises results to JSON: Dates become strings, undefined disappears.
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } finally {
      clearTimeout(timer);
    }
  }

  timers(): { fn: string; trigger: TimerTrigger }[] {
    return [...this.functions.values()].flatMap((f) => (f.config.triggers ?? []).filter((t) => t.type === 'timer').map((trigger) => ({ fn: f.name, trigger })));
  }

  async runTimer(name: string, triggerName?: string): Promise<unknown> {
    const trigger = this.timers().find((t) => t.fn === name && (!triggerName || t.trigger.name === triggerName));
    if (!trigger) throw new Error(`function ${name} has no timer trigger${triggerName ? ` ${triggerName}` : ''}`);
    const at = new Date(Date.now() + this.clockOffset()).toISOString();
    return this.invoke(name, { Type: 'Timer', TriggerName: trigger.trigger.name, Time: at }, {});
  }

  /** Schedule every timer trigger on its cron (UTC+8, like the cloud). */
  startTimers(onError: (err: unknown) => void): void {
    for (const { fn, trigger } of this.timers()) {
      const cron = new Cron(toCronerPattern(trigger.config), { timezone: 'Asia/Shanghai', protect: true }, () => {
        this.runTimer(fn, trigger.name).catch(onError);
      });
      this.crons.push(cron);
    }
  }

  stopTimers(): void {
    for (const c of this.crons.splice(0)) c.stop();
  }
}
