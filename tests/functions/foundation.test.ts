/** The envelope, the directory and identities: what every function call stands on. */
import { demoStreetPlan, users as seededUsers } from '../../database/seed/street';
import { appealDetail, repliedAppeal } from '../factories/appeals';
import { advanceClock, DAY, resetClock } from '../factories/clock';
import { freshOpenid } from '../factories/ids';
import { identities, resident, type Identity } from '../factories/people';
import { directory } from '../factories/street';
import { dbCount } from '../support/console';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
useRuntime((r) => { rt = r; });

const someone = async (role: Identity['role']): Promise<Identity> => (await identities(rt)).find((u) => u.role === role)!;

describe('envelope and transport', () => {
  it('a call without an identity is refused with UNAUTHENTICATED in Chinese', async () => {
    const { status, body } = await rt.call('directory', { action: 'communities' });
    expect(status).toBe(401);
    expect(body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/[\u4e00-\u9fff]/) } });
  });
  it('malformed JSON is answered INVALID_ARGUMENT', async () => {
    const { status, body } = await rt.call('directory', '{"action":', await resident(rt));
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_ARGUMENT');
  });
  it('an unknown action is answered INVALID_ARGUMENT', async () => {
    expect((await rt.call('directory', { action: 'dropDatabase' }, await resident(rt))).body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
  it('an unknown function is answered NOT_FOUND', async () => {
    const { status, body } = await rt.call('nope', { action: 'x' }, await resident(rt));
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });
  it('a caller with an identity cannot run a timer job: an answer left unrated 8 days stays open until the real timer runs', async () => {
    const a = await repliedAppeal(rt);
    try {
      await advanceClock(rt, 8 * DAY);
      expect((await rt.call('appeal', { Type: 'Timer', TriggerName: 'closeUnrated' }, a.resident)).body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect((await appealDetail(rt, a)).status).toBe('replied');
      const run = await rt.dev('trigger/appeal', {});
      expect(run).toMatchObject({ ok: true });
      expect(run.data.closed).toBeGreaterThanOrEqual(1);
      expect((await appealDetail(rt, a)).status).toBe('closed');
    } finally {
      await resetClock(rt);
    }
  });
  it('operator injection in the action field is refused', async () => {
    expect((await rt.call('user', { action: { $gt: '' } }, await resident(rt))).body.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('directory (the demo street)', () => {
  const plan = demoStreetPlan();

  it('lists the communities, each with the station that covers it', async () => {
    const communities = await rt.ok('directory', { action: 'communities' }, await resident(rt));
    expect(communities).toEqual(plan.communities.map(({ _id, name, stationId }) => ({ _id, name, stationId })));
  });
  it('lists the deputies’ home, the stations and the contact points with public fields only', async () => {
    const stations: { kind: string; communityIds: string[]; address: string }[] = await rt.ok('directory', { action: 'stations' }, await resident(rt));
    const count = (list: { kind: string }[], kind: string) => list.filter((s) => s.kind === kind).length;
    expect(['home', 'station', 'contact_point'].map((k) => count(stations, k))).toEqual(['home', 'station', 'contact_point'].map((k) => count(plan.stations, k)));
    expect([count(stations, 'home'), count(stations, 'station'), count(stations, 'contact_point')]).toEqual([1, 6, 11]);
    for (const s of stations) expect(Object.keys(s).sort()).toEqual(['_id', 'address', 'communityIds', 'kind', 'name', 'phone']);
  });
  it('shows deputies without private fields (no openid, no phone)', async () => {
    const deputies: Record<string, unknown>[] = await rt.ok('directory', { action: 'deputies' }, await resident(rt));
    expect(deputies.map((d) => d._id)).toEqual(plan.deputies.filter((d) => d.active).map((d) => d._id));
    for (const d of deputies) expect(Object.keys(d).sort()).toEqual(['_id', 'communityIds', 'name', 'specialties', 'stationId']);
  });
  it('lists the categories by their order, names only', async () => {
    const categories = await rt.ok('directory', { action: 'categories' }, await resident(rt));
    expect(categories).toEqual([...plan.categories].sort((a, b) => a.order - b.order).map(({ _id, name }) => ({ _id, name })));
  });
});

describe('user.whoami', () => {
  it('knows each person’s role from the database', async () => {
    const street = await directory(rt);
    const deputy = await someone('deputy');
    const entry = street.deputies.find((d) => d._id === deputy.deputyId)!;
    expect(await rt.ok('user', { action: 'whoami' }, deputy.openid)).toEqual({ openid: deputy.openid, role: 'deputy', name: entry.name, deputyId: entry._id, uploadDir: expect.stringMatching(/^u\//) });
    expect(await rt.ok('user', { action: 'whoami' }, (await someone('staff')).openid)).toMatchObject({ role: 'staff' });
    const seeded = seededUsers.find((u) => u.role === 'resident' && u.communityId)!;
    expect(await rt.ok('user', { action: 'whoami' }, seeded.openid)).toMatchObject({ role: 'resident', communityId: seeded.communityId });
  });
  it('a never-seen OPENID becomes a resident exactly once, even under 20 concurrent first calls', async () => {
    const newcomer = freshOpenid('newcomer');
    const results = await Promise.all(Array.from({ length: 20 }, () => rt.ok('user', { action: 'whoami' }, newcomer)));
    for (const r of results) expect(r).toEqual({ openid: newcomer, role: 'resident', uploadDir: results[0].uploadDir });
    expect(await dbCount(rt, 'users', { openid: newcomer })).toBe(1);
  });
  it('a role or openid claimed by the client is ignored', async () => {
    const r = await resident(rt);
    const staff = await someone('staff');
    expect(await rt.ok('user', { action: 'whoami', role: 'staff', openid: staff.openid }, r)).toMatchObject({ openid: r, role: 'resident' });
  });
  it('identities stay apart under 80 concurrent calls of four people', async () => {
    const people = [await resident(rt), (await someone('deputy')).openid, (await someone('staff')).openid, await resident(rt)];
    const calls = Array.from({ length: 80 }, (_, i) => people[i % people.length]);
    const answers = await Promise.all(calls.map((openid) => rt.ok('user', { action: 'whoami' }, openid)));
    answers.forEach((a, i) => expect(a.openid).toBe(calls[i]));
  });
});

describe('dev endpoints', () => {
  it('the h5 identity switcher lists people of every role, deputies with the communities they serve', async () => {
    const people = await identities(rt);
    expect(new Set(people.map((u) => u.role))).toEqual(new Set(['resident', 'deputy', 'staff']));
    const street = await directory(rt);
    for (const d of people.filter((u) => u.role === 'deputy')) expect(d.communityIds).toEqual(street.deputies.find((e) => e._id === d.deputyId)!.communityIds);
  });
});
