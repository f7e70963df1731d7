import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
beforeAll(async () => { rt = await startRuntime(); });
afterAll(async () => { await rt?.stop(); });

describe('envelope and transport', () => {
  it('refuses a call without identity', async () => {
    const { status, body } = await rt.call('directory', { action: 'communities' });
    expect(status).toBe(401);
    expect(body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/[\u4e00-\u9fff]/) } });
  });
  it('answers malformed JSON with INVALID_ARGUMENT', async () => {
    const { status, body } = await rt.call('directory', '{"action":', 'dev_resident_1');
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_ARGUMENT');
  });
  it('answers an unknown action with INVALID_ARGUMENT', async () => {
    const { body } = await rt.call('directory', { action: 'dropDatabase' }, 'dev_resident_1');
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
  it('answers an unknown function with NOT_FOUND', async () => {
    const { status, body } = await rt.call('nope', { action: 'x' }, 'dev_resident_1');
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });
  it('never runs a timer job for a caller with an identity', async () => {
    const { body } = await rt.call('appeal', { Type: 'Timer', TriggerName: 'closeUnrated' }, 'dev_resident_1');
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await rt.dev('trigger/appeal', {})).toMatchObject({ ok: true, data: { closed: 0 } });
  });
  it('rejects operator injection in the action field', async () => {
    const { body } = await rt.call('user', { action: { $gt: '' } }, 'dev_resident_1');
    expect(body.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('directory', () => {
  it('lists the 17 communities with their stations', async () => {
    const communities = await rt.ok('directory', { action: 'communities' }, 'dev_resident_1');
    expect(communities).toHaveLength(17);
    expect(communities[0]).toEqual({ _id: 'c01', name: '青石社区', stationId: 'st1' });
  });
  it('lists the home, 6 stations and 11 contact points', async () => {
    const stations: { kind: string; communityIds: string[]; address: string }[] = await rt.ok('directory', { action: 'stations' }, 'dev_resident_1');
    const count = (kind: string) => stations.filter((s) => s.kind === kind).length;
    expect([count('home'), count('station'), count('contact_point')]).toEqual([1, 6, 11]);
    // A station's phone is its public office number (tap to call on the home page).
    for (const s of stations) expect(Object.keys(s).sort()).toEqual(['_id', 'address', 'communityIds', 'kind', 'name', 'phone']);
  });
  it('shows deputies without private fields', async () => {
    const deputies: Record<string, unknown>[] = await rt.ok('directory', { action: 'deputies' }, 'dev_resident_2');
    expect(deputies.length).toBeGreaterThanOrEqual(12);
    for (const d of deputies) expect(Object.keys(d).sort()).toEqual(['_id', 'communityIds', 'name', 'specialties', 'stationId']);
  });
  it('lists categories', async () => {
    const categories = await rt.ok('directory', { action: 'categories' }, 'dev_resident_1');
    expect(categories).toContainEqual({ _id: 'housing', name: '住房物业' });
  });
});

describe('user.whoami', () => {
  it('knows seeded roles from the database', async () => {
    expect(await rt.ok('user', { action: 'whoami' }, 'dev_deputy_d03')).toEqual({ openid: 'dev_deputy_d03', role: 'deputy', name: '李志强', deputyId: 'd03' });
    expect(await rt.ok('user', { action: 'whoami' }, 'dev_staff_1')).toMatchObject({ role: 'staff' });
    expect(await rt.ok('user', { action: 'whoami' }, 'dev_resident_1')).toMatchObject({ role: 'resident', communityId: 'c01' });
  });
  it('makes a never-seen OPENID a resident exactly once, even under concurrent first calls', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => rt.ok('user', { action: 'whoami' }, 'brand_new_person')));
    for (const r of results) expect(r).toEqual({ openid: 'brand_new_person', role: 'resident' });
  });
  it('ignores a role claimed by the client', async () => {
    const me = await rt.ok('user', { action: 'whoami', role: 'staff', openid: 'dev_staff_1' }, 'dev_resident_3');
    expect(me).toMatchObject({ openid: 'dev_resident_3', role: 'resident' });
  });
  it('keeps identities apart under concurrent calls', async () => {
    const ids = ['dev_resident_1', 'dev_deputy_d01', 'dev_staff_2', 'dev_resident_4'];
    const calls = Array.from({ length: 80 }, (_, i) => ids[i % ids.length]);
    const answers = await Promise.all(calls.map((openid) => rt.ok('user', { action: 'whoami' }, openid)));
    answers.forEach((a, i) => expect(a.openid).toBe(calls[i]));
  });
});

describe('dev endpoints', () => {
  it('lists seeded identities of every role', async () => {
    const users: { role: string; openid: string; communityIds?: string[] }[] = await rt.dev('users');
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(['resident', 'deputy', 'staff']));
    expect(users.find((u) => u.openid === 'dev_deputy_d01')?.communityIds).toEqual(expect.arrayContaining(['c01', 'c07', 'c08']));
  });
});
