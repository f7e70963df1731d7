import type { DevUser } from '../contracts/user';
import { chinaDay, chinaYear, fromChinaWallClock, shiftDay, weekdayOf } from '../domain/time';
import { deputies, demoStreetPlan, projects, receptionPattern, stationProfiles, upcomingActivity, users } from '../database/seed/street';
import { draft, liaisonUnits, pastLegislation } from '../database/seed/legislation';
import { rosterSlotId } from '../domain/presence/roster';
import { planStreet, sheetsFromPlan } from '../domain/street';
import type { LocalDatabase } from './db';

/**
 * Fill an empty database with the demo street and the seeded identities. The network goes through the same
 * planner a spreadsheet import uses (the template file is proven to give the same documents by a test);
 * the seeded deputies are then bound to their dev WeChat identities.
 */
export function seedStreet(db: LocalDatabase, at: Date): void {
  const planned = planStreet(sheetsFromPlan(demoStreetPlan()));
  if (!planned.ok) throw new Error(`demo street does not import: ${planned.errors.map((e) => e.text).join('; ')}`);
  const { plan } = planned;
  const openids = new Map(deputies.map((d) => [d._id, d.openid]));
  db.collection('categories').insertMany(plan.categories);
  db.collection('stations').insertMany(plan.stations);
  db.collection('communities').insertMany(plan.communities);
  db.collection('deputies').insertMany(plan.deputies.map((d) => ({ ...d, openid: openids.get(d._id) })));
  db.collection('users').insertMany(users.map((u) => ({ ...u, createdAt: at })));
  db.collection('projects').insertMany(projects.map((p) => ({ ...p, description: p.summary, images: [], proposalIds: [], status: 'candidate', percent: 0, createdAt: at })));
  const day = 24 * 3600_000;
  const year = chinaYear(at) + 1;
  const common = { projectIds: projects.map((p) => p._id), opensAt: at, closesAt: new Date(at.getTime() + 30 * day), closedAt: null, createdBy: 'seed', createdAt: at, paper: {} };
  const past = pastLegislation(chinaYear(at) - 1);
  db.collection('liaisonUnits').insertMany(liaisonUnits.map((u) => ({ ...u, createdAt: at })));
  db.collection('drafts').insertMany([{ ...draft, opensAt: at, closesAt: new Date(at.getTime() + 30 * day), submittedAt: null, createdAt: at }, ...past.drafts]);
  db.collection('draftComments').insertMany(past.opinions);
  db.collection('draftSubmissions').insertMany(past.submissions);
  db.collection('ballots').insertMany([
    { _id: 'ballot-resident', title: `${year}年度清河街道民生实事项目居民意愿征集`, description: '请从以下候选项目中选出您最希望明年实施的1至3项。结果将提交街道人大代表审议票决时参考。', electorate: 'resident', minChoices: 1, maxChoices: 3, pairedBallotId: 'ballot-deputy', ...common },
    { _id: 'ballot-deputy', title: `${year}年度清河街道民生实事项目代表票决`, description: '街道人大代表审议票决，票决结果作为明年民生实事项目确定依据。请选择3至5项。', electorate: 'deputy', minChoices: 3, maxChoices: 5, pairedBallotId: 'ballot-resident', ...common },
  ]);
  seedPresence(db, at);
}

/** 代表常在: station hours, two weeks of reception roster from today, one upcoming activity. */
function seedPresence(db: LocalDatabase, at: Date): void {
  const names = new Map([...deputies.map((d) => [d._id, d.name] as const)]);
  const stationNames = new Map(demoStreetPlan().stations.map((s) => [s._id, s.name] as const));
  db.collection('stationProfiles').insertMany(stationProfiles.map((p) => ({ ...p, updatedAt: at, updatedBy: 'seed' })));
  const today = chinaDay(at);
  const slots = new Map<string, Record<string, unknown>>();
  const add = (stationId: string, deputyId: string, day: string, half: 'am' | 'pm') => {
    const slot = { stationId, deputyId, day, half };
    slots.set(rosterSlotId(slot), { _id: rosterSlotId(slot), ...slot, deputyName: names.get(deputyId) ?? '', stationName: stationNames.get(stationId) ?? '', remindedAt: null, createdAt: at, createdBy: 'seed' });
  };
  for (let n = 0; n < 14; n++) {
    const day = shiftDay(today, n);
    for (const [stationId, deputyId, weekday, half] of receptionPattern) if (weekdayOf(day) === weekday) add(stationId, deputyId, day, half);
  }
  for (const [stationId, deputyId] of receptionPattern.filter((p, i, all) => all.findIndex((q) => q[0] === p[0]) === i)) add(stationId, deputyId, today, 'am');
  db.collection('receptionRoster').insertMany([...slots.values()]);
  const a = upcomingActivity;
  const startsAt = fromChinaWallClock(shiftDay(today, a.inDays), a.time)!;
  const invitees = a.deputyIds.map((deputyId) => ({ deputyId, name: names.get(deputyId) ?? '', status: 'invited' }));
  db.collection('activities').insertMany([{
    _id: a._id, kind: a.kind, title: a.title, place: a.place, stationId: a.stationId, capacity: a.capacity, startsAt, endsAt: new Date(startsAt.getTime() + a.hours * 3600_000),
    status: 'open', invitees, invitedIds: a.deputyIds, reportStatus: 'none', remindedAt: null, version: 1, createdAt: at, createdBy: 'seed',
  }]);
}

export function isEmpty(db: LocalDatabase): boolean {
  return db.listCollections().every((c) => c.count === 0);
}

/**
 * The identities a developer may act as on h5 (local runtime only): the seeded people, and anyone who
 * became staff or a deputy since (in an empty database that is everybody there is to pick).
 */
export function listDevUsers(db: LocalDatabase): DevUser[] {
  const deputyDocs = new Map(db.collection('deputies').find({}, { limit: 100 }).map((d) => [d._id as string, d]));
  const seeded = [...db.collection('users').find({ seeded: true }, { limit: 100 }), ...db.collection('users').find({ seeded: { $ne: true }, role: { $in: ['staff', 'deputy'] } }, { limit: 50 })];
  const order = { resident: 0, deputy: 1, staff: 2 } as const;
  return seeded
    .map((u): DevUser => {
      const dev: DevUser = { openid: u.openid, role: u.role, name: u.name ?? (u.deputyId ? (deputyDocs.get(u.deputyId)?.name as string | undefined) : undefined) ?? u.openid };
      if (u.deputyId) {
        dev.deputyId = u.deputyId;
        dev.communityIds = deputyDocs.get(u.deputyId)?.communityIds ?? [];
      } else if (u.communityId) dev.communityIds = [u.communityId];
      return dev;
    })
    .sort((a, b) => order[a.role] - order[b.role] || a.openid.localeCompare(b.openid));
}
