import type { Role } from '../../domain/roles';
import { isRole } from '../../domain/roles';
import type { Database } from './cloud';
import { isDuplicateKey } from './db';

export interface UserDoc {
  _id: string;
  openid: string;
  role: Role;
  name?: string;
  deputyId?: string;
  communityId?: string;
  blocked?: boolean;
  createdAt: Date;
}


/** The caller's user record; an OPENID never seen before becomes a new resident (race-safe via the unique openid index). */
export async function loadOrCreateUser(db: Database, openid: string, at: Date): Promise<UserDoc> {
  const users = db.collection('users');
  const found = await users.where({ openid }).limit(1).get();
  if (found.data.length > 0) return normalise(found.data[0] as unknown as UserDoc);
  const fresh = { openid, role: 'resident' as const, createdAt: at };
  try {
    const added = await users.add({ data: fresh });
    return { _id: String(added._id), ...fresh };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const again = await users.where({ openid }).limit(1).get();
    return normalise(again.data[0] as unknown as UserDoc);
  }
}

function normalise(doc: UserDoc): UserDoc {
  // A hand edit in the console with an unknown role must not grant anything.
  return { ...doc, role: isRole(doc.role) ? doc.role : 'resident' };
}
