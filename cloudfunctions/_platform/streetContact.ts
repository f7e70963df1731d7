import { appendAudit } from './audit';
import { findById, type Db } from './db';
import { forget, warm } from './warm';

/** The street's public phone number: the one staff set (settings/street), else the 代表之家's (the street office). */
export function streetPhone(db: Db): Promise<string> {
  return warm('settings:street', () => readStreetPhone(db));
}

async function readStreetPhone(db: Db): Promise<string> {
  const setting = await findById(db, 'settings', 'street');
  if (typeof setting?.phone === 'string' && setting.phone.trim()) return setting.phone.trim();
  const home = (await db.collection('stations').where({ kind: 'home' }).limit(1).get()).data[0];
  return typeof home?.phone === 'string' ? home.phone : '';
}

/** Staff set the street's phone (audited; a console edit of settings/street is read the same way). */
export async function setStreetPhone(db: Db, phone: string, by: string, at: Date): Promise<void> {
  const old = await readStreetPhone(db);
  await db.collection('settings').doc('street').set({ data: { phone, updatedAt: at, updatedBy: by } });
  forget('settings:street');
  await appendAudit(db, { entityType: 'setting', entityId: 'street', action: 'update', actorOpenid: by, actorRole: 'staff', source: 'app', from: old, to: phone, at, note: '街道联系电话' });
}
