import type { DevUser } from '../contracts/user';
import { chinaYear } from '../domain/time';
import { categories, communities, deputies, draft, projects, stations, users } from '../database/seed/street';
import type { LocalDatabase } from './db';

/** Fill an empty database with the street's network and the seeded identities. */
export function seedStreet(db: LocalDatabase, at: Date): void {
  db.collection('categories').insertMany(categories);
  db.collection('stations').insertMany(stations);
  db.collection('communities').insertMany(communities);
  db.collection('deputies').insertMany(deputies);
  db.collection('users').insertMany(users.map((u) => ({ ...u, createdAt: at })));
  db.collection('projects').insertMany(projects.map((p) => ({ ...p, description: p.summary, images: [], proposalIds: [], status: 'candidate', percent: 0, createdAt: at })));
  const day = 24 * 3600_000;
  const year = chinaYear(at) + 1;
  const common = { projectIds: projects.map((p) => p._id), opensAt: at, closesAt: new Date(at.getTime() + 30 * day), closedAt: null, createdBy: 'seed', createdAt: at };
  db.collection('drafts').insertMany([{ ...draft, opensAt: at, closesAt: new Date(at.getTime() + 30 * day), createdAt: at }]);
  db.collection('ballots').insertMany([
    { _id: 'ballot-resident', title: `${year}年度清河街道民生实事项目居民意愿征集`, description: '请从以下候选项目中选出您最希望明年实施的1至3项。结果将提交街道人大代表审议票决时参考。', electorate: 'resident', minChoices: 1, maxChoices: 3, pairedBallotId: 'ballot-deputy', ...common },
    { _id: 'ballot-deputy', title: `${year}年度清河街道民生实事项目代表票决`, description: '街道人大代表审议票决，票决结果作为明年民生实事项目确定依据。请选择3至5项。', electorate: 'deputy', minChoices: 3, maxChoices: 5, pairedBallotId: 'ballot-resident', ...common },
  ]);
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
