/**
 * People: a fresh resident is just a new OPENID; staff and deputies are resolved from the identity
 * directory the runtime keeps (`/api/dev/users`: everyone who is staff or a bound deputy) and from
 * `directory.deputies`, or made through the product's own actions (addStaff, inviteDeputy → bindDeputy).
 */
import type { RunningRuntime } from '../support/runtime';
import { freshOpenid } from './ids';

export interface Identity { openid: string; role: 'resident' | 'deputy' | 'staff'; name: string; deputyId?: string; communityIds?: string[] }

/** A deputy's roster entry (as `directory.deputies` shows it) and the WeChat account bound to it. */
export interface DeputyAccount {
  deputyId: string;
  name: string;
  openid: string;
  stationId: string;
  communityIds: string[];
  specialties: string[];
}

export const identities = (rt: RunningRuntime): Promise<Identity[]> => rt.dev<Identity[]>('users');

/** Whoever reads the public directory for a factory: one resident for the whole test file. */
export const READER = freshOpenid('reader');

/** A new resident: a new OPENID, known to the app after its first call, optionally living in a community. */
export async function resident(rt: RunningRuntime, opts: { communityId?: string; label?: string } = {}): Promise<string> {
  const openid = freshOpenid(opts.label ?? 'resident');
  // The first call of a new OPENID makes them a resident.
  await rt.ok('user', opts.communityId ? { action: 'setCommunity', communityId: opts.communityId } : { action: 'whoami' }, openid);
  return openid;
}

/** Many residents for one test, made a few at a time: the setup is not the race under test. */
export async function residents(rt: RunningRuntime, homes: (string | undefined)[], label = 'resident'): Promise<string[]> {
  const made: string[] = [];
  for (let i = 0; i < homes.length; i += 10) {
    made.push(...(await Promise.all(homes.slice(i, i + 10).map((communityId) => resident(rt, { label, ...(communityId ? { communityId } : {}) })))));
  }
  return made;
}

/** Someone who is staff already. */
export async function staffMember(rt: RunningRuntime): Promise<string> {
  const staff = (await identities(rt)).find((u) => u.role === 'staff');
  if (!staff) throw new Error('no staff member in this street: claim one with the bootstrap code first');
  return staff.openid;
}

/** A new staff member, added by an existing one (staff.addStaff). */
export async function newStaff(rt: RunningRuntime, opts: { by?: string } = {}): Promise<string> {
  const openid = await resident(rt, { label: 'staff' });
  await rt.ok('staff', { action: 'addStaff', openid }, opts.by ?? (await staffMember(rt)));
  return openid;
}

/** Every deputy with a bound WeChat account, with their public roster entry. */
export async function boundDeputies(rt: RunningRuntime): Promise<DeputyAccount[]> {
  const [people, roster] = await Promise.all([identities(rt), rt.ok<{ _id: string; name: string; stationId: string; communityIds: string[]; specialties: string[] }[]>('directory', { action: 'deputies' }, READER)]);
  const entries = new Map(roster.map((d) => [d._id, d]));
  return people.flatMap((u) => {
    const d = u.role === 'deputy' && u.deputyId ? entries.get(u.deputyId) : undefined;
    return d ? [{ deputyId: d._id, name: d.name, openid: u.openid, stationId: d.stationId, communityIds: d.communityIds, specialties: d.specialties }] : [];
  });
}

/** The account bound to a roster entry right now. */
export async function deputyAccount(rt: RunningRuntime, deputyId: string): Promise<DeputyAccount> {
  const found = (await boundDeputies(rt)).find((d) => d.deputyId === deputyId);
  if (!found) throw new Error(`deputy ${deputyId} has no bound account`);
  return found;
}

/** A bound deputy other than the ones named (an outsider to an appeal). */
export async function otherDeputy(rt: RunningRuntime, not: string[]): Promise<DeputyAccount> {
  const found = (await boundDeputies(rt)).find((d) => !not.includes(d.deputyId));
  if (!found) throw new Error('no other bound deputy');
  return found;
}

/** Staff invite a roster entry (staff.inviteDeputy): the one-time code and the rest of the answer. */
export async function invite(rt: RunningRuntime, deputyId: string, staff?: string): Promise<{ code: string; [k: string]: unknown }> {
  return rt.ok('staff', { action: 'inviteDeputy', deputyId }, staff ?? (await staffMember(rt)));
}

/** A new WeChat account binds to a roster entry with a fresh invite (an earlier account becomes a resident). */
export async function bindNewAccount(rt: RunningRuntime, deputyId: string, opts: { staff?: string; openid?: string } = {}): Promise<DeputyAccount> {
  const { code } = await invite(rt, deputyId, opts.staff);
  const openid = opts.openid ?? freshOpenid('deputy');
  await rt.ok('user', { action: 'bindDeputy', code }, openid);
  return { ...(await deputyAccount(rt, deputyId)), openid };
}
