import * as cloud from 'wx-server-sdk';

let initialised = false;

/** The SDK, initialised once per instance for the current environment. */
export function getCloud(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

import type { Db } from './db';

export type Database = Db;

export function database(): Db {
  return getCloud().database() as unknown as Db;
}

/**
 * Current time. On WeChat cloud this is the real clock; the local runtime may shift it for demos and
 * tests through LXQ_CLOCK_OFFSET_MS (never set in production).
 */
export function now(): Date {
  const offset = Number(process.env.LXQ_CLOCK_OFFSET_MS || 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}
