// Request ids and the small storage wrappers behind the drafts kept while a form is being filled in.
import Taro from '@tarojs/taro';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** 24 url-safe characters (the server accepts [A-Za-z0-9_-]{8,64}); one per submission, reused on retry. */
export function newRequestId(): string {
  let id = Date.now().toString(36);
  while (id.length < 24) id += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return id;
}

/** A request id the server would accept (e.g. one restored from storage). */
export function isRequestId(x: unknown): x is string {
  return typeof x === 'string' && REQUEST_ID.test(x);
}

/** The stored value, or undefined when storage is unavailable. */
export function readStorage(key: string): unknown {
  try {
    return Taro.getStorageSync(key);
  } catch {
    return undefined;
  }
}

/** Stores the value; storage full or unavailable: the form still works, only the value is not kept. */
export function writeStorage(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // ignore
  }
}

export function removeStorage(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // ignore
  }
}
