import type { RequestMeter } from './meter';
import Busboy from 'busboy';
import { timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { DEFAULT_MESSAGES, type Envelope } from '../contracts/envelope';
import { nestsDeeperThan } from '../contracts/validation';
import { consoleRequest } from './consoleApi';
import type { ExecStats, LocalDatabase } from './db';
import { FunctionHost, FunctionTimeout, invocationOf } from './functionHost';
import { OpenApiStandIns, type FaultRule } from './openapi';
import { decodeOpenApiParams, encodeOpenApiBinaryResponse, encodeOpenApiJsonResponse } from './protobuf';
import type { LocalStorage } from './storage';

export interface RuntimeParts {
  db: LocalDatabase;
  host: FunctionHost;
  openapi: OpenApiStandIns;
  storage: LocalStorage;
  clock: { offsetMs: number };
  h5Dir: string;
  consolePage: string;
  /** Evidence for the deploy check: how each database request was served (LXQ_QUERY_LOG). */
  queryLog?: (action: string, stats: ExecStats) => void;
  /** Database requests per invocation (X-LXQ-DB-Requests, /api/dev/requests). */
  meter?: RequestMeter;
  /** LXQ_DB_LATENCY_MS: added before every database request, as the network hop on the cloud. */
  dbLatencyMs?: number;
  devUsers: () => unknown[];
  /**
   * The per-process token of the runtime's own SDK calls (in the functions' TCB_CONTEXT_CNFG URL as
   * ?lxq_token=): /admin answers nothing else. Unset only in tests that host a bare server.
   */
  adminToken?: string;
}

/** Loopback peers only: /admin, storage uploads and the dev API are never served to the network. */
const isLoopback = (req: IncomingMessage): boolean => {
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
};

function sameToken(got: string | null, want: string): boolean {
  const a = Buffer.from(got ?? '');
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

const MAX_BODY = 10 * 1024 * 1024;
const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'application/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.webp': 'image/webp',
};

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { reject(new HttpError(413, 'body too large')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function readMultipart(req: IncomingMessage): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, Buffer> = {};
    const bb = Busboy({ headers: req.headers, limits: { fileSize: MAX_BODY } });
    bb.on('field', (name, value) => { fields[name] = Buffer.from(value, 'utf8'); });
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { fields[name] = Buffer.concat(chunks); });
    });
    bb.on('close', () => resolve(fields));
    bb.on('error', reject);
    req.pipe(bb);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const envelopeError = (code: keyof typeof DEFAULT_MESSAGES, message?: string): Envelope<never> => ({ ok: false, error: { code, message: message ?? DEFAULT_MESSAGES[code] } });

export function createRuntimeServer(parts: RuntimeParts): Server {
  const { db, host, openapi, storage, clock } = parts;

  async function handleAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const invocation = invocationOf(req.headers['x-tcb-source']);
    if (host.isTimedOut(invocation)) {
      // The cloud stops a function at its timeout; the local host cannot stop the code, so it refuses its calls.
      req.resume();
      return sendJson(res, 200, { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: `[local runtime] invocation ${invocation} already timed out: its calls are refused, as the cloud would have stopped it` });
    }
    const type = String(req.headers['content-type'] ?? '');
    if (type.startsWith('multipart/form-data')) {
      const fields = await readMultipart(req);
      const action = fields.action?.toString('utf8');
      if (action !== 'wx.openApi') return sendJson(res, 200, { code: 'INVALID_PARAM', message: `unsupported multipart action ${action}` });
      const apiName = fields.apiName?.toString('utf8') ?? '';
      const params = fields.requestData ? decodeOpenApiParams(fields.requestData) : {};
      const outcome = openapi.handle(apiName, params);
      if (outcome.kind === 'binary') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(encodeOpenApiBinaryResponse(outcome.body, outcome.contentType));
        return;
      }
      if (outcome.kind === 'hang') {
        await new Promise((r) => setTimeout(r, outcome.ms));
        res.destroy();
        return;
      }
      if (outcome.kind === 'http') return sendJson(res, outcome.status, { code: 'SYS_ERR', message: `injected HTTP ${outcome.status}` });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(encodeOpenApiJsonResponse(outcome.body));
      return;
    }
    let body: Record<string, any>;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8'));
    } catch {
      return sendJson(res, 200, { code: 'INVALID_PARAM', message: 'malformed JSON' });
    }
    const action = String(body.action ?? '');
    if (action.startsWith('database.')) {
      parts.meter?.count(invocation, action);
      if (process.env.LXQ_TRACE_ADMIN) console.error('[admin]', invocation, action, JSON.stringify(body.collectionName ?? body.collection_name ?? ''), JSON.stringify(body.query ?? body.queryType ?? '').slice(0, 160));
      if (parts.dbLatencyMs) await new Promise((r) => setTimeout(r, parts.dbLatencyMs));
      const before = db.lastStats();
      const reply = await db.handle(body);
      const stats = db.lastStats();
      if (parts.queryLog && stats && stats !== before) parts.queryLog(action, stats);
      return sendJson(res, 200, reply);
    }
    if (action === 'storage.getUploadMetadata') return sendJson(res, 200, { data: storage.uploadMetadata(String(body.path ?? '')), requestId: 'local' });
    if (action === 'storage.batchGetDownloadUrl') {
      const ids = Array.isArray(body.file_list) ? body.file_list.map((f: { fileid?: unknown }) => String(f.fileid ?? '')) : [];
      return sendJson(res, 200, { data: { download_list: storage.downloadList(ids) }, requestId: 'local' });
    }
    if (action === 'functions.invokeFunction') {
      const name = String(body.function_name ?? '');
      if (!host.has(name)) return sendJson(res, 200, { code: 'FUNCTIONS_EXECUTE_FAIL', message: `function ${name} not found` });
      // A function called by another function does not see the original caller's OPENID.
      const result = await host.invoke(name, JSON.parse(String(body.request_data ?? '{}')), {}, { nested: true });
      return sendJson(res, 200, { data: { response_data: JSON.stringify(result) }, requestId: 'local' });
    }
    sendJson(res, 200, { code: 'INVALID_PARAM', message: `action ${action} is not emulated locally` });
  }

  async function handleCloudCall(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!host.has(name)) return sendJson(res, 404, envelopeError('NOT_FOUND', '没有这个服务'));
    const openid = req.headers['x-wx-openid'];
    if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) return sendJson(res, 401, envelopeError('UNAUTHENTICATED'));
    let event: unknown;
    try {
      const raw = (await readBody(req)).toString('utf8');
      event = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch (err) {
      if (err instanceof HttpError) return sendJson(res, err.status, envelopeError('INVALID_ARGUMENT', '提交的内容过大'));
      return sendJson(res, 400, envelopeError('INVALID_ARGUMENT', '请求格式不正确'));
    }
    if (!event || typeof event !== 'object' || Array.isArray(event)) return sendJson(res, 400, envelopeError('INVALID_ARGUMENT', '请求格式不正确'));
    // As the cloud's gateway would: absurd nesting never reaches a function (copying it would overflow the stack).
    if (nestsDeeperThan(event, 64)) return sendJson(res, 400, envelopeError('INVALID_ARGUMENT', '参数嵌套过深'));
    try {
      let invocation = '';
      const result = await host.invoke(name, event, { openid }, { onInvocation: (id) => (invocation = id) });
      const metered = parts.meter?.get(invocation);
      if (metered) res.setHeader('x-lxq-db-requests', String(metered.total));
      sendJson(res, 200, result);
    } catch (err) {
      if (err instanceof FunctionTimeout) return sendJson(res, 504, envelopeError('INTERNAL', '服务响应超时，请稍后再试'));
      throw err;
    }
  }

  async function handleClientUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const openid = req.headers['x-wx-openid'];
    if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) return sendJson(res, 401, envelopeError('UNAUTHENTICATED'));
    let body: { path?: unknown };
    try {
      body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
    } catch {
      return sendJson(res, 400, envelopeError('INVALID_ARGUMENT', '请求格式不正确'));
    }
    const cloudPath = typeof body.path === 'string' ? body.path : '';
    if (!/^[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}$/.test(cloudPath) || cloudPath.includes('..')) return sendJson(res, 400, envelopeError('INVALID_ARGUMENT', '文件路径不正确'));
    return sendJson(res, 200, { data: storage.uploadMetadata(cloudPath) });
  }

  async function handleDev(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (path === '/api/dev/db' || path.startsWith('/api/dev/db/')) {
      let body: unknown;
      if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
        try {
          body = JSON.parse((await readBody(req)).toString('utf8') || 'null');
        } catch {
          return sendJson(res, 400, { error: 'JSON 格式不正确' });
        }
      }
      const reply = consoleRequest(db, req.method ?? 'GET', path, body);
      return sendJson(res, reply.status, reply.body);
    }
    if (req.method === 'GET' && path === '/api/dev/users') return sendJson(res, 200, parts.devUsers());
    // Database requests of the latest invocations (runtime/meter.ts), newest last.
    if (req.method === 'GET' && path === '/api/dev/requests') return sendJson(res, 200, parts.meter?.recent() ?? []);
    if (req.method === 'GET' && path === '/api/dev/outbox') {
      return sendJson(res, 200, openapi.calls.map(({ apiName, touser, templateId, data, at, result, errcode }) => ({ apiName, touser, templateId, data, at, result, errcode })));
    }
    if (req.method === 'GET' && path === '/api/dev/health') return sendJson(res, 200, { ok: true, timers: host.timers().map((t) => `${t.fn}/${t.trigger.name}`), clockOffsetMs: clock.offsetMs });
    if (req.method === 'POST' && path === '/api/dev/clock') {
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      if (typeof body.offsetMs !== 'number' || !Number.isFinite(body.offsetMs)) return sendJson(res, 400, { error: 'offsetMs must be a number' });
      clock.offsetMs = body.offsetMs;
      return sendJson(res, 200, { offsetMs: clock.offsetMs, now: new Date(Date.now() + clock.offsetMs).toISOString() });
    }
    if (req.method === 'POST' && path === '/api/dev/faults') {
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      openapi.setFaults(Array.isArray(body.rules) ? (body.rules as FaultRule[]) : []);
      return sendJson(res, 200, { ok: true });
    }
    // security.mediaCheckAsync's delayed answer: { mode: auto|hold, delayMs, rules }, and deliver the held ones.
    if (req.method === 'POST' && path === '/api/dev/media-check') {
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      return sendJson(res, 200, openapi.setMediaChecks(body));
    }
    if (req.method === 'POST' && path === '/api/dev/media-check/deliver') {
      await readBody(req);
      return sendJson(res, 200, { delivered: await openapi.deliverMediaChecks() });
    }
    // Like the cloud console's 云端测试: invoke a function with an event and no WeChat identity.
    const invoke = /^\/api\/dev\/invoke\/([A-Za-z0-9_-]+)$/.exec(path);
    if (req.method === 'POST' && invoke) {
      if (!host.has(invoke[1])) return sendJson(res, 404, { error: `no function ${invoke[1]}` });
      let event: unknown;
      try {
        event = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      } catch {
        return sendJson(res, 400, { error: 'JSON 格式不正确' });
      }
      return sendJson(res, 200, await host.invoke(invoke[1], event, {}));
    }
    const trigger = /^\/api\/dev\/trigger\/([A-Za-z0-9_-]+)(?:\/([A-Za-z0-9_-]+))?$/.exec(path);
    if (req.method === 'POST' && trigger) {
      if (!host.has(trigger[1])) return sendJson(res, 404, { error: `no function ${trigger[1]}` });
      try {
        return sendJson(res, 200, await host.runTimer(trigger[1], trigger[2]));
      } catch (err) {
        return sendJson(res, 400, { error: String((err as Error).message) });
      }
    }
    sendJson(res, 404, { error: 'unknown dev endpoint' });
  }

  /**
   * An HTTP-accessible function (config.json httpAccess), as the cloud's HTTP access service calls it: the
   * request as an event (path, httpMethod, headers, queryStringParameters, body), no WeChat identity; the
   * answer's statusCode, headers and body become the response.
   */
  async function handleHttpAccess(name: string, rest: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const base = host.config(name)?.httpAccess?.path;
    if (!host.has(name) || !base) return sendJson(res, 404, [{ code: 404, description: 'not found' }]);
    const body = req.method === 'GET' || req.method === 'HEAD' ? '' : (await readBody(req)).toString('utf8');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v ?? '')]));
    const event = { path: `${base}${rest}`, httpMethod: req.method ?? 'GET', headers, queryStringParameters: Object.fromEntries(url.searchParams), body, isBase64Encoded: false };
    let answer: { statusCode?: number; headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean };
    try {
      answer = (await host.invoke(name, event, {})) as typeof answer;
    } catch (err) {
      if (err instanceof FunctionTimeout) return sendJson(res, 504, [{ code: 504, description: 'timeout' }]);
      throw err;
    }
    res.writeHead(answer?.statusCode ?? 502, answer?.headers ?? {});
    res.end(answer?.isBase64Encoded ? Buffer.from(answer.body ?? '', 'base64') : answer?.body ?? '');
  }

  function serveStatic(path: string, res: ServerResponse): void {
    const rel = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '');
    let file = join(parts.h5Dir, rel);
    if (!file.startsWith(parts.h5Dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(parts.h5Dir, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('H5 build missing: run npm run build:h5 (npm start does this for you).');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  }

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const route = async () => {
      if (path === '/admin' || path.startsWith('/__storage/upload/') || path.startsWith('/api/dev/')) {
        if (!isLoopback(req)) return sendJson(res, 403, { code: 'PERMISSION_DENIED', message: 'loopback only' });
      }
      if (req.method === 'POST' && path === '/admin') {
        if (parts.adminToken !== undefined && !sameToken(url.searchParams.get('lxq_token'), parts.adminToken)) {
          req.resume();
          return sendJson(res, 403, { code: 'PERMISSION_DENIED', message: 'only the runtime\'s own SDK calls reach /admin' });
        }
        return handleAdmin(req, res);
      }
      // The H5 app's upload (weapp: Taro.cloud.uploadFile): an identity, then a signed URL for one path.
      if (req.method === 'POST' && path === '/api/storage/upload-url') return handleClientUpload(req, res);
      const call = /^\/api\/cloud\/([A-Za-z0-9_-]+)$/.exec(path);
      if (call) {
        if (req.method !== 'POST') return sendJson(res, 405, envelopeError('INVALID_ARGUMENT', '请求方式不正确'));
        return handleCloudCall(call[1], req, res);
      }
      if (path.startsWith('/api/dev/')) return handleDev(path, req, res);
      const http = /^\/http\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(path);
      if (http) return handleHttpAccess(http[1], http[2] ?? '', url, req, res);
      if (req.method === 'GET' && (path === '/console' || path === '/console/')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(readFileSync(parts.consolePage));
      }
      if (req.method === 'PUT' && path.startsWith('/__storage/upload/')) {
        const cloudPath = decodeURIComponent(path.slice('/__storage/upload/'.length));
        if (!storage.mayUpload(cloudPath, url.searchParams.get('sign'))) {
          req.resume();
          res.writeHead(403);
          return void res.end('');
        }
        const ok = storage.write(cloudPath, await readBody(req));
        res.writeHead(ok ? 200 : 400);
        return void res.end('');
      }
      if (req.method === 'GET' && path.startsWith('/__storage/files/')) {
        const content = storage.read(path.slice('/__storage/files/'.length).split('/').map(decodeURIComponent).join('/'));
        res.writeHead(content ? 200 : 404, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' });
        return void res.end(content ?? '');
      }
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(path, res);
      sendJson(res, 404, { error: 'not found' });
    };
    route().catch((err) => {
      console.error('[runtime] request failed', req.method, path, err);
      if (!res.headersSent) sendJson(res, 500, path.startsWith('/api/cloud/') ? envelopeError('INTERNAL') : { code: 'SYS_ERR', message: String(err) });
      else res.destroy();
    });
  });
}
