// Platform-neutral part of the client gateway: envelopes, typed errors, timeout and retry.
// The platform files (cloud.weapp.ts / cloud.h5.ts) only supply a transport.
import type { TypedCallCloud } from './api';
import type { CloudErrorBody, CloudEvent, Envelope } from './types';

export const NETWORK_MESSAGE = '网络不太好，请稍后重试';

const DEFAULT_MESSAGES: Record<CloudErrorBody['code'], string> = {
  INVALID_ARGUMENT: '填写的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  PERMISSION_DENIED: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '操作冲突，请刷新后重试',
  FAILED_PRECONDITION: '当前状态下无法进行此操作',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONTENT_REJECTED: '内容未通过安全检查，请修改后重试',
  INTERNAL: '服务开小差了，请稍后重试',
  NETWORK: NETWORK_MESSAGE,
};

export class CloudError extends Error {
  readonly code: CloudErrorBody['code'];

  constructor(code: CloudErrorBody['code'], message?: string) {
    super(message || DEFAULT_MESSAGES[code] || DEFAULT_MESSAGES.INTERNAL);
    this.name = 'CloudError';
    this.code = code;
  }

  static from(body: CloudErrorBody): CloudError {
    return new CloudError(body.code, body.message);
  }
}

export function errorEnvelope(code: CloudErrorBody['code'], message?: string): Envelope<never> {
  return { ok: false, error: { code, message: message || DEFAULT_MESSAGES[code] || DEFAULT_MESSAGES.INTERNAL } };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

export function isEnvelope(x: unknown): x is Envelope<unknown> {
  if (!isObject(x)) return false;
  if (x.ok === true) return 'data' in x;
  return x.ok === false && isObject(x.error) && typeof x.error.code === 'string';
}

/** Anything a function returned, as an envelope; unknown shapes become INTERNAL. */
export function toEnvelope<T>(raw: unknown): Envelope<T> {
  if (!isEnvelope(raw)) return errorEnvelope('INTERNAL');
  if (raw.ok) return raw as Envelope<T>;
  const code = raw.error.code as CloudErrorBody['code'];
  const message = typeof raw.error.message === 'string' ? raw.error.message : '';
  return errorEnvelope(code in DEFAULT_MESSAGES ? code : 'INTERNAL', message);
}

/** data of an ok envelope, or throws the CloudError. */
export function unwrap<T>(env: Envelope<T>): T {
  if (env.ok) return env.data;
  throw CloudError.from(env.error);
}

/** HTTP reply (h5 dev backend) → raw value for toEnvelope; gateway/proxy failures → NETWORK. */
export function fromHttpResponse(status: number, text: string): unknown {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (isEnvelope(body)) return body;
  if (status === 0 || status === 502 || status === 503 || status === 504) throw new CloudError('NETWORK');
  return body;
}

function isFunctionCrash(err: unknown): boolean {
  if (!isObject(err)) return false;
  return err.errCode === -504002 || /FUNCTIONS_EXECUTE_FAIL|execute fail/i.test(String(err.errMsg ?? ''));
}

export type Transport = (name: string, event: CloudEvent) => Promise<unknown>;

export interface CallOptions {
  /** Give up after this long (ms) and answer NETWORK. */
  timeoutMs?: number;
  /** Extra attempts after a NETWORK failure (use only for reads). */
  retries?: number;
}

export const DEFAULT_TIMEOUT_MS = 15000;
const RETRY_DELAY_MS = 600;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function attempt<T>(transport: Transport, name: string, event: CloudEvent, timeoutMs: number): Promise<Envelope<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CloudError('NETWORK')), timeoutMs);
  });
  try {
    return toEnvelope<T>(await Promise.race([transport(name, event), timeout]));
  } catch (err) {
    if (err instanceof CloudError) return errorEnvelope(err.code, err.message);
    // wx.cloud: the function itself crashed (not the network).
    if (isFunctionCrash(err)) return errorEnvelope('INTERNAL');
    // Other transport rejections (offline, timeout, fetch failure) read as network trouble.
    return errorEnvelope('NETWORK');
  } finally {
    clearTimeout(timer);
  }
}

/** The call without the manifest's types (hooks that pass a typed call on use it inside). */
export type LooseCallCloud = <T>(name: string, event?: CloudEvent, options?: CallOptions) => Promise<Envelope<T>>;

/** Builds callCloud over a platform transport. It never rejects: failures come back as envelopes. */
export function createCallCloud(transport: Transport): TypedCallCloud {
  const call: LooseCallCloud = async function callCloud<T>(name: string, event: CloudEvent = {}, options: CallOptions = {}) {
    const retries = Math.max(0, options.retries ?? 0);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    for (let n = 0; ; n++) {
      const env = await attempt<T>(transport, name, event, timeoutMs);
      if (env.ok || env.error.code !== 'NETWORK' || n >= retries) return env;
      await sleep(RETRY_DELAY_MS * (n + 1));
    }
  };
  return call as TypedCallCloud;
}
