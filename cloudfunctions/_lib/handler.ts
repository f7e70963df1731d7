import type * as v from 'valibot';
import { DEFAULT_MESSAGES, type Envelope } from '../../contracts/envelope';
import { parseInput } from '../../contracts/validation';
import type { Role } from '../../domain/roles';
import { AppError } from './errors';
import { database, getCloud, now, type Database } from './cloud';
import { loadOrCreateUser, type UserDoc } from './users';

export interface ActionContext {
  openid: string;
  user: UserDoc;
  db: Database;
  now: () => Date;
  cloud: ReturnType<typeof getCloud>;
}

export interface SystemContext {
  db: Database;
  now: () => Date;
  cloud: ReturnType<typeof getCloud>;
  /**
   * Wall-clock time (Date.now()) by which a timer job stops starting new work: the function's timeout
   * minus a reserve for finishing the item in hand and answering. The next run picks up the rest.
   */
  deadline: number;
}

/** The cloud's default timeout, when the invocation context does not say (seconds × 1000). */
const DEFAULT_TIME_LIMIT_MS = 3000;

export function timerDeadline(timeLimitMs: number, startedAt = Date.now()): number {
  return startedAt + timeLimitMs - Math.max(1000, timeLimitMs * 0.2);
}

export interface ActionDef<S extends v.GenericSchema = v.GenericSchema> {
  input: S;
  /** Roles allowed; omitted = any signed-in person. */
  roles?: readonly Role[];
  run: (input: v.InferOutput<S>, ctx: ActionContext) => Promise<unknown>;
}

/** Helper that keeps the input type flowing into run(). */
export function action<S extends v.GenericSchema>(def: ActionDef<S>): ActionDef<S> {
  return def;
}

export type TimerDef = (ctx: SystemContext) => Promise<unknown>;

/**
 * An operation for the deployer: invoked without a WeChat identity (console 云端测试, CLI with the
 * environment's credentials, the local runtime's /api/dev/invoke) as `{ Type: 'Admin', action, … }`.
 * Like timers, a caller from the mini-program (who always has an OPENID) can never reach it.
 */
export interface AdminDef<S extends v.GenericSchema = v.GenericSchema> {
  input: S;
  run: (input: v.InferOutput<S>, ctx: SystemContext) => Promise<unknown>;
}

export function adminAction<S extends v.GenericSchema>(def: AdminDef<S>): AdminDef<S> {
  return def;
}

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
}

function isAdminEvent(event: unknown): event is { Type: 'Admin'; action?: unknown } {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Admin';
}

function isTimerEvent(event: unknown): event is TimerEvent {
  return !!event && typeof event === 'object' && (event as TimerEvent).Type === 'Timer';
}

/** A cloud function entry: validate, authenticate, authorise by role from the database, run, answer an envelope. */
/** When a system invocation (timer, admin) should stop starting new work, from the cloud's time limit. */
function deadlineOf(context: { time_limit_in_ms?: unknown } | undefined, startedAt: number): number {
  const limit = Number(context?.time_limit_in_ms);
  return timerDeadline(Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_TIME_LIMIT_MS, startedAt);
}

export function defineFunction(name: string, actions: Record<string, ActionDef<any>>, timers: Record<string, TimerDef> = {}, admin: Record<string, AdminDef<any>> = {}) {
  return async function main(event: unknown, context?: { time_limit_in_ms?: unknown }): Promise<Envelope<unknown>> {
    const startedAt = Date.now();
    try {
      const cloud = getCloud();
      const db = database();
      const { OPENID } = cloud.getWXContext();
      // Timer invocations carry no OPENID; a caller with an identity can never run a timer job.
      if (isTimerEvent(event) && !OPENID) {
        const timer = timers[event.TriggerName];
        if (!timer) throw new AppError('INVALID_ARGUMENT', '未知的定时任务');
        return { ok: true, data: await timer({ db, now, cloud, deadline: deadlineOf(context, startedAt) }) };
      }
      if (isAdminEvent(event) && !OPENID) {
        const { Type: _t, ...rest } = event;
        const def = typeof rest.action === 'string' && Object.prototype.hasOwnProperty.call(admin, rest.action) ? admin[rest.action] : undefined;
        if (!def) throw new AppError('INVALID_ARGUMENT', '不支持的操作');
        const parsed = parseInput(def.input, rest);
        if (!parsed.ok) throw new AppError('INVALID_ARGUMENT', parsed.message);
        return { ok: true, data: (await def.run(parsed.value, { db, now, cloud, deadline: deadlineOf(context, startedAt) })) ?? null };
      }
      const actionName = event && typeof event === 'object' ? (event as { action?: unknown }).action : undefined;
      if (typeof actionName !== 'string' || !Object.prototype.hasOwnProperty.call(actions, actionName)) {
        throw new AppError('INVALID_ARGUMENT', '不支持的操作');
      }
      const def = actions[actionName];
      if (typeof OPENID !== 'string' || OPENID.length === 0) throw new AppError('UNAUTHENTICATED');
      const parsed = parseInput(def.input, event);
      if (!parsed.ok) throw new AppError('INVALID_ARGUMENT', parsed.message);
      const user = await loadOrCreateUser(db, OPENID, now());
      if (def.roles && !def.roles.includes(user.role)) throw new AppError('PERMISSION_DENIED');
      const data = await def.run(parsed.value, { openid: OPENID, user, db, now, cloud });
      return { ok: true, data: data ?? null };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
      console.error(`[${name}] internal error`, err);
      return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } };
    }
  };
}
