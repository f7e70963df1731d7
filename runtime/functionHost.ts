import type { RequestMeter } from './meter';
import { Cron } from 'croner';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { withEnv } from './scopedEnv';

export interface TimerTrigger { name: string; type: 'timer'; config: string }
/** httpAccess: the function is reachable over HTTP (HTTP 访问服务 on the cloud; /http/<fn>/… locally). */
export interface FunctionConfig { timeout?: number; permissions?: { openapi?: string[] }; triggers?: TimerTrigger[]; httpAccess?: { path: string } }

interface LoadedFunction {
  name: string;
  main: (event: unknown, context: unknown) => Promise<unknown>;
  config: FunctionConfig;
  timeoutS: number;
}

export interface Identity { openid?: string; appid?: string; unionid?: string }

export class FunctionTimeout extends Error {}

/** WeChat cloud's default function timeout when deploy sets none, and its maximum (seconds). */
export const DEFAULT_TIMEOUT_S = 3;
export const MAX_TIMEOUT_S = 60;

/** The timeout a function runs with: the deployed value (config.json `timeout`, applied by deploy) or the default. */
export function timeoutOf(name: string, config: FunctionConfig): number {
  const t = config.timeout;
  if (t === undefined) return DEFAULT_TIMEOUT_S;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > MAX_TIMEOUT_S) {
    throw new Error(`function ${name}: timeout ${JSON.stringify(t)} is not an integer from 1 to ${MAX_TIMEOUT_S} seconds (WeChat cloud's range)`);
  }
  return t;
}

/** Marker the SDK sends back with every backend call of an invocation (header X-TCB-Source). */
const SOURCE_PREFIX = 'lxq-invocation:';

/** The invocation a backend request belongs to, from its X-TCB-Source header. */
export function invocationOf(source: unknown): string | undefined {
  const text = Array.isArray(source) ? source[0] : source;
  if (typeof text !== 'string') return undefined;
  const at = text.indexOf(SOURCE_PREFIX);
  if (at < 0) return undefined;
  return text.slice(at + SOURCE_PREFIX.length).split(',')[0];
}

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
  /** Invocations that ran out of time (bounded): their remaining backend calls are refused. */
  private readonly timedOut = new Set<string>();
  /**
   * The cloud runs each concurrent request on its own instance; this one process runs at most this many
   * invocations at once and queues the rest, so an invocation's timeout counts its own run, not time
   * spent waiting for the CPU behind hundreds of others (a queued request is not running yet).
   */
  private readonly maxConcurrent: number;
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly dirs: string[],
    private readonly clockOffset: () => number,
    opts: { maxConcurrent?: number; meter?: RequestMeter } = {},
  ) {
    this.maxConcurrent = Math.max(1, opts.maxConcurrent ?? 16);
    this.meter = opts.meter;
  }

  /** Counts each invocation's database requests (runtime/meter.ts). */
  private readonly meter: RequestMeter | undefined;

  private async slot(): Promise<() => void> {
    if (this.running >= this.maxConcurrent) await new Promise<void>((r) => this.queue.push(r));
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      this.queue.shift()?.();
    };
  }

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
      this.functions.set(entry.name, { name: entry.name, main: mod.main, config, timeoutS: timeoutOf(entry.name, config) });
    }
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  config(name: string): FunctionConfig | undefined {
    return this.functions.get(name)?.config;
  }

  /** Seconds the function may run (deployed timeout, default 3). */
  timeoutS(name: string): number | undefined {
    return this.functions.get(name)?.timeoutS;
  }

  /** True when a backend request comes from an invocation that already ran out of time. */
  isTimedOut(invocation: string | undefined): boolean {
    return invocation !== undefined && this.timedOut.has(invocation);
  }

  /**
   * nested: called by another function (it already holds a slot; waiting for another could deadlock).
   * onInvocation: told the invocation id before the function runs (its database requests are metered by it).
   */
  async invoke(name: string, event: unknown, identity: Identity, opts: { nested?: boolean; onInvocation?: (id: string) => void } = {}): Promise<unknown> {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`unknown function ${name}`);
    const release = opts.nested ? () => undefined : await this.slot();
    try {
      return await this.run(fn, event, identity, opts.onInvocation);
    } finally {
      release();
    }
  }

  private async run(fn: LoadedFunction, event: unknown, identity: Identity, onInvocation?: (id: string) => void): Promise<unknown> {
    const name = fn.name;
    const requestId = `local-${Date.now().toString(36)}-${(this.seq++).toString(36)}`;
    const action = event && typeof event === 'object' && typeof (event as { action?: unknown }).action === 'string' ? (event as { action: string }).action : undefined;
    this.meter?.start(requestId, name, action ?? ((event as { Type?: unknown } | null)?.Type === 'Timer' ? `timer:${String((event as { TriggerName?: unknown }).TriggerName)}` : undefined));
    onInvocation?.(requestId);
    const timeoutMs = fn.timeoutS * 1000;
    const vars = {
      WX_OPENID: identity.openid,
      WX_APPID: identity.openid ? (identity.appid ?? 'wx_local_app') : undefined,
      WX_UNIONID: identity.unionid,
      LXQ_CLOCK_OFFSET_MS: String(this.clockOffset()),
      // The SDK echoes this in X-TCB-Source on every backend call: the server knows whose call it is.
      TCB_SOURCE: `${SOURCE_PREFIX}${requestId}`,
    };
    const payload = JSON.parse(JSON.stringify(event ?? {}));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // As on the cloud the invocation is over: whatever it still tries to do is refused.
        this.timedOut.add(requestId);
        if (this.timedOut.size > 10_000) this.timedOut.delete(this.timedOut.values().next().value as string);
        reject(new FunctionTimeout(`function ${name} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    });
    const context = { request_id: requestId, function_name: name, time_limit_in_ms: timeoutMs, memory_limit_in_mb: 256 };
    try {
      const result = await Promise.race([withEnv(vars, () => fn.main(payload, context)), timeout]);
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
