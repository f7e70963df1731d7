import type * as v from 'valibot';
import type { ActionName, FunctionName, SpecOf } from '../../contracts/api';
import { DEFAULT_MESSAGES, type Envelope } from '../../contracts/envelope';
import type { ActionSpec, OutputOfSpec } from '../../contracts/manifest';
import { nestsDeeperThan, parseInput } from '../../contracts/validation';
import type { Refusal } from '../../domain/outcome';
import { ROLES } from '../../domain/roles';
import { AppError } from './errors';
import { database, getCloud, now, type Database } from './cloud';
import { loadOrCreateUser, type UserDoc } from './users';

/** What every client action has: the caller's WeChat identity (never from the client) and the platform. */
export interface IdentityContext {
  openid: string;
  db: Database;
  now: () => Date;
  cloud: ReturnType<typeof getCloud>;
}

/** ...and, for actions decided by a role, the caller's user record (the role comes from the database). */
export interface ActionContext extends IdentityContext {
  user: UserDoc;
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

/**
 * A named check of who may run a use case, after the manifest's roles passed: a refusal, or null. Checks
 * that depend on a stored record (the caller's relation to an appeal, a ballot's electorate) are decided by
 * the domain command the use case runs; `decidedBy` names where.
 */
export interface Permission<I = any> {
  readonly name: string;
  readonly decidedBy?: string;
  readonly check: (actor: UserDoc, input: I) => Refusal | null;
}

export function permission<I = any>(name: string, check: (actor: UserDoc, input: I) => Refusal | null = () => null, decidedBy?: string): Permission<I> {
  return decidedBy ? { name, check, decidedBy } : { name, check };
}

type Parsed<S extends ActionSpec> = v.InferOutput<S['input']>;

/**
 * One use case: the manifest entry it serves, its named permission check and what it does. `identityOnly`:
 * decided by the caller's WeChat identity against a stored record alone (e.g. only an appeal's submitter
 * rates it) — open to every role, so the caller's user record is not read.
 */
export type UseCase<S extends ActionSpec = ActionSpec> = {
  readonly spec: S;
  readonly permission: Permission<Parsed<S>>;
} & (
  | { readonly identityOnly?: false; readonly run: (input: Parsed<S>, ctx: ActionContext) => Promise<OutputOfSpec<S>> }
  | { readonly identityOnly: true; readonly run: (input: Parsed<S>, ctx: IdentityContext) => Promise<OutputOfSpec<S>> }
);

export function useCase<S extends ActionSpec>(spec: S, def: { permission: Permission<Parsed<S>>; run: (input: Parsed<S>, ctx: ActionContext) => Promise<OutputOfSpec<S>> }): UseCase<S> {
  return { spec, ...def };
}

/** A use case decided by the caller's identity alone (see UseCase): `decidedBy` names the rule that decides. */
export function identityUseCase<S extends ActionSpec>(spec: S, def: { name: string; decidedBy: string; run: (input: Parsed<S>, ctx: IdentityContext) => Promise<OutputOfSpec<S>> }): UseCase<S> {
  if (!ROLES.every((r) => spec.roles.includes(r))) throw new Error(`identity-only use case ${def.name} must be open to every role`);
  return { spec, permission: permission(def.name, undefined, def.decidedBy), identityOnly: true, run: def.run };
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

/** The trigger event as the cloud sends it: {Type: 'Timer', TriggerName, Time: ISO time, Message?}. */
function isTimerEvent(event: unknown): event is TimerEvent {
  if (!event || typeof event !== 'object') return false;
  const e = event as { Type?: unknown; TriggerName?: unknown; Time?: unknown };
  return e.Type === 'Timer' && typeof e.TriggerName === 'string' && typeof e.Time === 'string' && Number.isFinite(Date.parse(e.Time));
}

/** When a system invocation (timer, admin) should stop starting new work, from the cloud's time limit. */
function deadlineOf(context: { time_limit_in_ms?: unknown } | undefined, startedAt: number): number {
  const limit = Number(context?.time_limit_in_ms);
  return timerDeadline(Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_TIME_LIMIT_MS, startedAt);
}

const own = (table: object, key: unknown): key is string => typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);

/**
 * A WeChat message push the function receives (云开发 → 消息推送 → 云函数, configured per event type; the
 * event is the message's JSON, e.g. wxa_media_check). Its content is not trusted: a handler acts only on
 * what it can match to something it started itself (a trace id it never showed to a client).
 */
export type MessageDef = (message: Record<string, unknown>, ctx: SystemContext) => Promise<unknown>;

function isMessagePush(event: unknown): event is { MsgType: 'event'; Event: string } {
  return !!event && typeof event === 'object' && (event as { MsgType?: unknown }).MsgType === 'event' && typeof (event as { Event?: unknown }).Event === 'string';
}

export interface FunctionOptions {
  timers?: Record<string, TimerDef>;
  admin?: Record<string, AdminDef<any>>;
  messages?: Record<string, MessageDef>;
}

/**
 * A cloud function entry. For a client action: the action must be declared, the caller signed in, the
 * input valid by the manifest's schema, the caller's role (from the database) among the manifest's roles
 * and the use case's permission met — then the use case runs. Every answer is an envelope.
 */
export function defineFunction(name: string, actions: Record<string, UseCase<any>>, { timers = {}, admin = {}, messages = {} }: FunctionOptions = {}) {
  return async function main(event: unknown, context?: { time_limit_in_ms?: unknown }): Promise<Envelope<unknown>> {
    const startedAt = Date.now();
    try {
      const cloud = getCloud();
      const db = database();
      const { OPENID } = cloud.getWXContext();
      if (nestsDeeperThan(event)) throw new AppError('INVALID_ARGUMENT', '参数嵌套过深');
      // Timer invocations carry no OPENID; a caller with an identity can never run a timer job.
      if (isTimerEvent(event) && !OPENID) {
        const timer = own(timers, event.TriggerName) ? timers[event.TriggerName] : undefined;
        if (!timer) throw new AppError('INVALID_ARGUMENT', '未知的定时任务');
        return { ok: true, data: await timer({ db, now, cloud, deadline: deadlineOf(context, startedAt) }) };
      }
      // Type 'Timer' that is not the cloud's trigger event: never run as a job, never as an action.
      if ((event as { Type?: unknown } | null)?.Type === 'Timer') throw new AppError('INVALID_ARGUMENT', '未知的定时任务');
      if (isAdminEvent(event) && !OPENID) {
        const { Type: _t, ...rest } = event;
        const def = own(admin, rest.action) ? admin[rest.action] : undefined;
        if (!def) throw new AppError('INVALID_ARGUMENT', '不支持的操作');
        const parsed = parseInput(def.input, rest);
        if (!parsed.ok) throw new AppError('INVALID_ARGUMENT', parsed.message);
        return { ok: true, data: (await def.run(parsed.value, { db, now, cloud, deadline: deadlineOf(context, startedAt) })) ?? null };
      }
      if (isMessagePush(event)) {
        const def = own(messages, event.Event) ? messages[event.Event] : undefined;
        if (!def) throw new AppError('INVALID_ARGUMENT', '不支持的消息推送');
        return { ok: true, data: (await def(event, { db, now, cloud, deadline: deadlineOf(context, startedAt) })) ?? null };
      }
      const actionName = event && typeof event === 'object' ? (event as { action?: unknown }).action : undefined;
      if (!own(actions, actionName)) throw new AppError('INVALID_ARGUMENT', '不支持的操作');
      const useCase = actions[actionName];
      if (typeof OPENID !== 'string' || OPENID.length === 0) throw new AppError('UNAUTHENTICATED');
      const parsed = parseInput(useCase.spec.input, event);
      if (!parsed.ok) throw new AppError('INVALID_ARGUMENT', parsed.message);
      const base: IdentityContext = { openid: OPENID, db, now, cloud };
      if (useCase.identityOnly) return { ok: true, data: (await useCase.run(parsed.value, base)) ?? null };
      const user = await loadOrCreateUser(db, OPENID, now());
      if (!useCase.spec.roles.includes(user.role)) throw new AppError('PERMISSION_DENIED');
      const refused = useCase.permission.check(user, parsed.value);
      if (refused) throw new AppError(refused.code, refused.message);
      const data = await useCase.run(parsed.value, { ...base, user });
      return { ok: true, data: data ?? null };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
      console.error(`[${name}] internal error`, err);
      return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } };
    }
  };
}

/** The use cases of one deployable function: exactly the actions its manifests declare, each bound to its entry. */
export type ActionTable<F extends FunctionName> = { [A in ActionName<F>]: UseCase<SpecOf<F, A>> };

/** A deployable function: a table from action name to use case (plus its timers and admin operations). */
export function serve<F extends FunctionName>(name: F, actions: ActionTable<F>, opts: FunctionOptions = {}) {
  return defineFunction(name, actions as Record<string, UseCase<any>>, opts);
}
