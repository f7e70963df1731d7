import type { RunningRuntime } from './runtime';

/**
 * The cloud database as the cloud console (or a deployer's script) writes it: the real wx-server-sdk,
 * without a WeChat identity, against the runtime's /admin endpoint. For records no function creates —
 * a draft regulation out for comment is entered by a clerk in the console.
 */
const SDK_ENV = { TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y', TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-shanghai', SCF_NAMESPACE: 'lianxin-local', TCB_ENV: 'lianxin-local', SILENCE: 'true' };

/** wx-server-sdk initialised against the runtime, as a caller without an identity (console, deployer). */
export function adminCloud(rt: RunningRuntime): any {
  Object.assign(process.env, SDK_ENV);
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'lianxin-local', serviceUrl: rt.adminUrl() });
  return cloud;
}

export const adminDatabase = (rt: RunningRuntime): any => adminCloud(rt).database();

/** Add one document as the console does; answers its _id. */
export async function consoleAdd(rt: RunningRuntime, collection: string, doc: Record<string, unknown>): Promise<string> {
  const res = await adminDatabase(rt).collection(collection).add({ data: doc });
  return res._id as string;
}
