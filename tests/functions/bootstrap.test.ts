/**
 * A street starting from an empty cloud database (LXQ_SEED=empty): claim the first staff member with the
 * bootstrap code → import the template street → invite and bind a deputy → a resident's appeal reaches
 * that deputy. Then the bootstrap code's race and death, and binding: one-time, expiring, revocable, rebind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIND_PAGE } from '../../contracts/account';
import { demoStreetPlan } from '../../database/seed/street';
import { planStreet, sheetsFromPlan } from '../../domain/street';
import { startRuntime, type RunningRuntime } from '../support/runtime';
import { dbQuery, uploadToStorage } from '../support/storage';

const CODE = 'bootstrap-code-for-tests-7f3a';
const TEMPLATE = join(__dirname, '..', '..', 'database', 'seed', 'street-template.xlsx');
const DAY = 24 * 3600_000;

let rt: RunningRuntime;
/** The staff member the concurrent claim made, and the invite the journey binds with. */
let clerk = '';
let inviteCode = '';
beforeAll(async () => { rt = await startRuntime({ env: { LXQ_SEED: 'empty', LXQ_BOOTSTRAP_CODE: CODE } }); });
afterAll(async () => { await rt?.stop(); });

const code = async (fn: string, event: object, openid: string) => (await rt.call(fn, event, openid)).body.error?.code ?? 'ok';
const strip = (docs: Record<string, unknown>[]) => docs.map(({ importedAt: _i, boundAt: _b, openid: _o, ...d }) => d).sort((a, b) => String(a._id).localeCompare(String(b._id)));

describe('an empty database', () => {
  it('has every collection of database/indexes.json and no documents, no demo users', async () => {
    const collections: { name: string; count: number }[] = await rt.dev('db');
    const declared = Object.keys(JSON.parse(readFileSync(join(__dirname, '..', '..', 'database', 'indexes.json'), 'utf8')).collections);
    expect(collections.map((c) => c.name).sort()).toEqual(expect.arrayContaining(declared.sort()));
    expect(collections.filter((c) => c.count > 0)).toEqual([]);
    expect(await rt.dev('users')).toEqual([]);
  });
});

describe('the first staff member', () => {
  it('two concurrent claims with the right code make exactly one staff member', async () => {
    const results = await Promise.all(['wx_clerk_a', 'wx_clerk_b'].map((openid) => rt.call('user', { action: 'claimStaff', code: CODE }, openid)));
    const won = results.filter((r) => r.body.ok);
    expect(won).toHaveLength(1);
    expect(results.find((r) => !r.body.ok)!.body.error).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    const staff = (await dbQuery(rt, 'users', { role: 'staff' })).docs;
    expect(staff).toHaveLength(1);
    clerk = staff[0].openid;
  });
  it('is dead afterwards for everyone, a wrong code never worked, and the claim is audited', async () => {
    expect(await code('user', { action: 'claimStaff', code: CODE }, 'wx_latecomer')).toBe('PERMISSION_DENIED');
    expect(await code('user', { action: 'claimStaff', code: 'wrong-code-123456' }, 'wx_latecomer')).toBe('PERMISSION_DENIED');
    expect(await code('user', { action: 'claimStaff', code: { $ne: '' } }, 'wx_latecomer')).toBe('INVALID_ARGUMENT');
    // The winner retrying is not an error.
    expect(await rt.ok('user', { action: 'claimStaff', code: CODE }, clerk)).toEqual({ role: 'staff' });
    expect(await rt.ok('user', { action: 'whoami' }, clerk)).toMatchObject({ role: 'staff' });
    expect(await rt.ok('user', { action: 'whoami' }, 'wx_latecomer')).toMatchObject({ role: 'resident' });
    const audit = (await dbQuery(rt, 'audit', { action: 'claim_staff' })).docs;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: 'user', actorOpenid: clerk, from: 'resident', to: 'staff' });
  });
  it('staff add staff (audited); only staff may', async () => {
    await rt.ok('user', { action: 'whoami' }, 'wx_second_clerk');
    expect(await code('staff', { action: 'addStaff', openid: 'wx_second_clerk' }, 'wx_latecomer')).toBe('PERMISSION_DENIED');
    expect(await code('staff', { action: 'addStaff', openid: 'wx_never_seen' }, clerk)).toBe('NOT_FOUND');
    expect(await rt.ok('staff', { action: 'addStaff', openid: 'wx_second_clerk' }, clerk)).toMatchObject({ openid: 'wx_second_clerk' });
    expect(await code('staff', { action: 'addStaff', openid: 'wx_second_clerk' }, clerk)).toBe('CONFLICT');
    const members = await rt.ok('staff', { action: 'staffMembers' }, 'wx_second_clerk');
    expect(members.map((m: { openid: string }) => m.openid).sort()).toEqual([clerk, 'wx_second_clerk'].sort());
    expect(await code('staff', { action: 'removeStaff', openid: 'wx_second_clerk' }, 'wx_second_clerk')).toBe('FAILED_PRECONDITION');
    const trail = await rt.ok('staff', { action: 'history', entityType: 'user', entityId: (await dbQuery(rt, 'users', { openid: 'wx_second_clerk' })).docs[0]._id }, clerk);
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['add_staff']);
    // The h5 identity switcher now offers the people who became staff.
    expect((await rt.dev('users')).map((u: { openid: string }) => u.openid).sort()).toEqual([clerk, 'wx_second_clerk'].sort());
  });
});

describe('the journey: import the template street, invite and bind a deputy, an appeal reaches them', () => {
  let fileId: string;

  it('checks, then imports the template: the documents are the ones the default seed has', async () => {
    fileId = await uploadToStorage(rt, 'street/template.xlsx', readFileSync(TEMPLATE));
    expect(await code('street', { action: 'importStreet', fileId }, 'wx_latecomer')).toBe('PERMISSION_DENIED');
    const check = await rt.ok('street', { action: 'importStreet', fileId, dryRun: true }, clerk);
    expect(check).toMatchObject({ imported: false, dryRun: true, errors: [] });
    expect((await rt.dev('db')).filter((c: { name: string; count: number }) => ['communities', 'deputies'].includes(c.name) && c.count > 0)).toEqual([]);
    const done = await rt.ok('street', { action: 'importStreet', fileId }, clerk);
    expect(done).toMatchObject({ imported: true, errors: [], counts: { communities: { created: 17 }, stations: { created: 18 }, deputies: { created: 14 }, categories: { created: 10 } } });
    const planned = planStreet(sheetsFromPlan(demoStreetPlan()));
    if (!planned.ok) throw new Error('demo street must plan');
    for (const c of ['communities', 'stations', 'deputies', 'categories'] as const) {
      expect(strip((await dbQuery(rt, c, {}, 200)).docs)).toEqual(strip(planned.plan[c] as unknown as Record<string, unknown>[]));
    }
    expect((await dbQuery(rt, 'deputies', {})).docs.every((d: { openid?: string }) => !d.openid)).toBe(true);
    const trail = await rt.ok('staff', { action: 'history', entityType: 'street', entityId: 'network' }, clerk);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'import', actorRole: 'staff', source: 'app', note: expect.stringContaining('社区 17（新增 17') });
  });

  it('routes nothing to deputies who have not bound an account yet: the appeal goes to staff', async () => {
    const a = await rt.ok('appeal', { action: 'submit', requestId: 'journey-before-bind', communityId: 'c02', category: 'traffic', content: '柳岸街公交站台破损，下雨天无处避雨' }, 'wx_resident_lin');
    expect(a.status).toBe('triage');
    // …and staff cannot assign it to an unbound deputy either.
    expect(await code('staff', { action: 'assign', id: a._id, deputyId: 'd03' }, clerk)).toBe('FAILED_PRECONDITION');
  });

  it('invites deputy 李志强 (d03): a one-time code and a 小程序码 from wxacode.getUnlimited, recorded', async () => {
    expect(await code('staff', { action: 'inviteDeputy', deputyId: 'd03' }, 'wx_latecomer')).toBe('PERMISSION_DENIED');
    expect(await code('staff', { action: 'inviteDeputy', deputyId: 'nobody' }, clerk)).toBe('NOT_FOUND');
    const invite = await rt.ok('staff', { action: 'inviteDeputy', deputyId: 'd03' }, clerk);
    expect(invite).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{8}$/), deputyId: 'd03', deputyName: '李志强', qr: expect.stringMatching(/^cloud:\/\//) });
    expect(new Date(invite.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * DAY);
    const calls: { apiName: string; result: string }[] = await rt.dev('outbox');
    expect(calls.filter((c) => c.apiName === 'wxacode.getUnlimited')).toEqual([expect.objectContaining({ result: 'ok', data: { scene: invite.code, page: BIND_PAGE, check_path: false, env_version: 'release' } })]);
    const png = await fetch(`${rt.url}/__storage/files/${invite.qr.replace(/^cloud:\/\/[^/]+\//, '')}`).then((r) => r.arrayBuffer());
    expect(Buffer.from(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const accounts = await rt.ok('staff', { action: 'deputyAccounts' }, clerk);
    expect(accounts.find((d: { _id: string }) => d._id === 'd03')).toMatchObject({ name: '李志强', bound: false, invite: { code: invite.code } });
    expect(JSON.stringify(accounts)).not.toContain('openid');
    inviteCode = invite.code;
  });

  it('the deputy binds their own account with the code (typed in lower case with a space)', async () => {
    const typed = `${inviteCode.slice(0, 4).toLowerCase()} ${inviteCode.slice(4)}`;
    expect(await rt.ok('user', { action: 'bindDeputy', code: typed }, 'wx_li_zhiqiang')).toEqual({ role: 'deputy', deputyId: 'd03', name: '李志强', replacedAccount: false });
    expect(await rt.ok('user', { action: 'whoami' }, 'wx_li_zhiqiang')).toEqual({ openid: 'wx_li_zhiqiang', role: 'deputy', name: '李志强', deputyId: 'd03' });
    expect(await code('user', { action: 'bindDeputy', code: inviteCode }, 'wx_someone_else')).toBe('FAILED_PRECONDITION');
  });

  it("a resident's appeal in 柳岸社区 about traffic reaches that deputy, with a push", async () => {
    const a = await rt.ok('appeal', { action: 'submit', requestId: 'journey-after-bind', communityId: 'c02', category: 'traffic', content: '柳岸街路口红绿灯时间太短，老人过马路困难' }, 'wx_resident_lin');
    expect(a).toMatchObject({ status: 'assigned', assignee: { deputyId: 'd03', name: '李志强' } });
    expect(a.routeReason).toContain('李志强');
    const queue = await rt.ok('deputy', { action: 'queue' }, 'wx_li_zhiqiang');
    expect(queue.items.map((i: { _id: string }) => i._id)).toContain(a._id);
    const inbox = await rt.ok('user', { action: 'inbox' }, 'wx_li_zhiqiang');
    expect(inbox.items[0]).toMatchObject({ title: '新诉求待受理' });
    expect(await rt.ok('deputy', { action: 'accept', id: a._id }, 'wx_li_zhiqiang')).toMatchObject({ status: 'in_progress' });
  });
});

describe('invites: one-time, expiring, revocable; a rebind moves the role', () => {
  const invite = async (deputyId: string) => (await rt.ok('staff', { action: 'inviteDeputy', deputyId }, clerk)).code as string;
  afterAll(async () => { await rt.dev('clock', { offsetMs: 0 }); });

  it('rebinding d03 to a new phone makes the old account a resident; the appeals follow the roster entry', async () => {
    const next = await invite('d03');
    expect(await rt.ok('user', { action: 'bindDeputy', code: next }, 'wx_li_new_phone')).toMatchObject({ deputyId: 'd03', replacedAccount: true });
    expect(await rt.ok('user', { action: 'whoami' }, 'wx_li_zhiqiang')).toEqual({ openid: 'wx_li_zhiqiang', role: 'resident' });
    expect(await code('deputy', { action: 'queue' }, 'wx_li_zhiqiang')).toBe('PERMISSION_DENIED');
    expect((await rt.ok('deputy', { action: 'queue' }, 'wx_li_new_phone')).items.length).toBeGreaterThanOrEqual(1);
    expect((await dbQuery(rt, 'deputies', { _id: 'd03' })).docs[0].openid).toBe('wx_li_new_phone');
    const trail = await rt.ok('staff', { action: 'history', entityType: 'deputy', entityId: 'd03' }, clerk);
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['invite', 'bind', 'invite', 'rebind']);
    expect(trail[3].note).toContain('原账号已改为居民身份');
  });

  it('a revoked code is dead; revoking twice is refused', async () => {
    const c = await invite('d05');
    expect(await rt.ok('staff', { action: 'revokeInvite', code: c }, clerk)).toEqual({ code: c, status: 'revoked' });
    expect(await code('staff', { action: 'revokeInvite', code: c }, clerk)).toBe('FAILED_PRECONDITION');
    const { body } = await rt.call('user', { action: 'bindDeputy', code: c }, 'wx_liu');
    expect(body.error).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('失效') });
    expect((await dbQuery(rt, 'deputies', { _id: 'd05' })).docs[0].openid).toBeUndefined();
  });

  it('a new invite replaces the open one', async () => {
    const first = await invite('d07');
    const second = await invite('d07');
    expect(await code('user', { action: 'bindDeputy', code: first }, 'wx_sun')).toBe('FAILED_PRECONDITION');
    expect(await rt.ok('user', { action: 'bindDeputy', code: second }, 'wx_sun')).toMatchObject({ deputyId: 'd07' });
  });

  it('expires after 7 days', async () => {
    const c = await invite('d06');
    await rt.dev('clock', { offsetMs: 7 * DAY + 60_000 });
    const { body } = await rt.call('user', { action: 'bindDeputy', code: c }, 'wx_zhao');
    expect(body.error).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('过期') });
    await rt.dev('clock', { offsetMs: 0 });
  });

  it('refuses staff accounts, an account bound to another deputy, unknown and malformed codes', async () => {
    const c = await invite('d08');
    expect(await code('user', { action: 'bindDeputy', code: c }, clerk)).toBe('FAILED_PRECONDITION');
    expect(await code('user', { action: 'bindDeputy', code: c }, 'wx_sun')).toBe('FAILED_PRECONDITION');
    expect(await code('user', { action: 'bindDeputy', code: 'ZZZZ9999' }, 'wx_zhou')).toBe('NOT_FOUND');
    expect(await code('user', { action: 'bindDeputy', code: '12' }, 'wx_zhou')).toBe('INVALID_ARGUMENT');
    expect(await code('user', { action: 'bindDeputy', code: { $gt: '' } }, 'wx_zhou')).toBe('INVALID_ARGUMENT');
    // Two taps on the same code from two phones: one deputy account.
    const raced = await Promise.all(['wx_zhou', 'wx_zhou_2'].map((o) => rt.call('user', { action: 'bindDeputy', code: c }, o)));
    expect(raced.filter((r) => r.body.ok)).toHaveLength(1);
    expect((await dbQuery(rt, 'users', { deputyId: 'd08' })).docs).toHaveLength(1);
  });

  it('still answers the code when the 小程序码 cannot be made', async () => {
    await rt.dev('faults', { rules: [{ apiName: 'wxacode.getUnlimited', fault: { kind: 'errcode', errcode: 45009 }, remaining: 1 }] });
    const inv = await rt.ok('staff', { action: 'inviteDeputy', deputyId: 'd09' }, clerk);
    expect(inv).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{8}$/), qr: null, qrError: expect.stringContaining('邀请码') });
  });
});

describe('no code configured, or staff already there', () => {
  it('claimStaff is refused on the seeded demo street even with a code set', async () => {
    const seeded = await startRuntime({ env: { LXQ_BOOTSTRAP_CODE: CODE } });
    try {
      expect((await seeded.call('user', { action: 'claimStaff', code: CODE }, 'wx_newcomer')).body.error.code).toBe('PERMISSION_DENIED');
    } finally {
      await seeded.stop();
    }
  });
  it('claimStaff is refused on an empty street when LXQ_BOOTSTRAP_CODE is empty', async () => {
    const bare = await startRuntime({ env: { LXQ_SEED: 'empty', LXQ_BOOTSTRAP_CODE: '' } });
    try {
      expect((await bare.call('user', { action: 'claimStaff', code: 'anything-at-all' }, 'wx_newcomer')).body.error.code).toBe('PERMISSION_DENIED');
      expect((await bare.call('user', { action: 'claimStaff', code: '' }, 'wx_newcomer')).body.error.code).toBe('INVALID_ARGUMENT');
    } finally {
      await bare.stop();
    }
  });
});
