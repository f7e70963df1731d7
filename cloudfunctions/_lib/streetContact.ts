import type { Db } from './db';
import { findById } from './db';

/** The street's public phone number: the one staff set (settings/street), else the 代表之家's (the street office). */
export async function streetPhone(db: Db): Promise<string> {
  const setting = await findById(db, 'settings', 'street');
  if (typeof setting?.phone === 'string' && setting.phone.trim()) return setting.phone.trim();
  const home = (await db.collection('stations').where({ kind: 'home' }).limit(1).get()).data[0];
  return typeof home?.phone === 'string' ? home.phone : '';
}
