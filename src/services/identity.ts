// Dev identity is an h5-only local tool (identity.h5.ts). Elsewhere these are no-ops: on weapp the
// caller is the WeChat user (OPENID from the cloud context), there is nothing to switch.
import type { DevUser } from './types';

export const devIdentityEnabled: boolean = false;

export async function loadDevUsers(): Promise<DevUser[]> {
  return [];
}

export function getDevUsers(): DevUser[] {
  return [];
}

export function getDevOpenid(): string | null {
  return null;
}

export async function resolveDevOpenid(): Promise<string | null> {
  return null;
}

export function setDevOpenid(_openid: string): void {}

export function setCustomDevOpenid(_openid: string): boolean {
  return false;
}

export function onIdentityChange(_listener: () => void): () => void {
  return () => {};
}
