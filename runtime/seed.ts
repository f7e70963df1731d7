import type { DevUser } from '../contracts/user';
import { categories, communities, deputies, stations, users } from '../database/seed/street';
import type { LocalDatabase } from './db';

/** Fill an empty database with the street's network and the seeded identities. */
export function seedStreet(db: LocalDatabase, at: Date): void {
  db.collection('categories').insertMany(categories);
  db.collection('stations').insertMany(stations);
  db.collection('communities').insertMany(communities);
  db.collection('deputies').insertMany(deputies);
  db.collection('users').insertMany(users.map((u) => ({ ...u, createdAt: at })));
}

export function isEmpty(db: LocalDatabase): boolean {
  return db.listCollections().every((c) => c.count === 0);
}

/** The identities a developer may act as on h5 (local runtime only). */
export function listDevUsers(db: LocalDatabase): DevUser[] {
  const deputyDocs = new Map(db.collection('deputies').find({}, { limit: 100 }).map((d) => [d._id as string, d]));
  const seeded = db.collection('users').find({ seeded: true }, { limit: 100 });
  const order = { resident: 0, deputy: 1, staff: 2 } as const;
  return seeded
    .map((u): DevUser => {
      const dev: DevUser = { openid: u.openid, role: u.role, name: u.name };
      if (u.deputyId) {
        dev.deputyId = u.deputyId;
        dev.communityIds = deputyDocs.get(u.deputyId)?.communityIds ?? [];
      } else if (u.communityId) dev.communityIds = [u.communityId];
      return dev;
    })
    .sort((a, b) => order[a.role] - order[b.role] || a.openid.localeCompare(b.openid));
}
