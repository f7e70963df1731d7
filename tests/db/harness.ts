/**
 * Runs the REAL wx-server-sdk against a LocalDatabase: a tiny HTTP /admin endpoint on 127.0.0.1:0
 * that JSON-parses each POST and answers db.handle(body).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type DatabaseOptions, type IndexFile, type LocalDatabase } from '../../runtime/db';

export const SDK_ENV: Record<string, string> = {
  TENCENTCLOUD_SECRETID: 'x',
  TENCENTCLOUD_SECRETKEY: 'y',
  TENCENTCLOUD_RUNENV: 'SCF',
  TENCENTCLOUD_REGION: 'ap-shanghai',
  SCF_NAMESPACE: 'dev',
  TCB_ENV: 'dev',
  SILENCE: 'true',
};

export interface Harness {
  url: string;
  /** wx-server-sdk module (initialised against url) */
  cloud: any;
  /** cloud.database() */
  sdb: any;
  /** Every request body the SDK sent, in order. */
  requests: Record<string, any>[];
  /** Swap the backend (e.g. after a restart); the SDK keeps its URL. */
  use(db: LocalDatabase): void;
  close(): Promise<void>;
}

export async function startHarness(backend: LocalDatabase): Promise<Harness> {
  Object.assign(process.env, SDK_ENV);
  let db = backend;
  const requests: Record<string, any>[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      let reply: unknown;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        requests.push(body);
        reply = await db.handle(body);
      } catch (e: any) {
        res.statusCode = 400;
        reply = { code: 'INVALID_PARAM', message: String(e?.message ?? e) };
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(reply));
    });
  });
  // The SDK's keep-alive agent drops idle sockets after 4.8 s; the server must not close first,
  // or a reused socket fails with ECONNRESET (the SDK does not retry it).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`;
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'dev', serviceUrl: url });
  return {
    url,
    cloud,
    sdb: cloud.database(),
    requests,
    use(next) {
      db = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A controllable clock (ms). */
export function testClock(start = Date.UTC(2026, 0, 1, 0, 0, 0)): { now: () => number; set(ms: number): void; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function openTestDb(indexes: IndexFile, extra: Partial<DatabaseOptions> = {}): LocalDatabase {
  return openDatabase({ file: ':memory:', indexes, strict: false, now: () => Date.now(), ...extra });
}

/** SDK errors carry errCode/errMsg; TcbErrors (commit) carry code/message. */
export async function sdkError(p: Promise<unknown>): Promise<{ errCode?: number; code?: string; message: string }> {
  try {
    await p;
  } catch (e: any) {
    return { errCode: e?.errCode, code: e?.code, message: String(e?.errMsg ?? e?.message ?? e) };
  }
  throw new Error('expected the SDK call to fail, it succeeded');
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
