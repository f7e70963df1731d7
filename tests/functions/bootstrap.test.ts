/**
 * A street starting from an empty cloud database (LXQ_SEED=empty): claim the first staff member with the
 * bootstrap code → import the template street → invite and bind a deputy → a resident's appeal reaches
 * that deputy. Then the bootstrap code's race and death, and binding: one-time, expiring, revocable, rebind.
 * Stories that need the database empty, or a street nobody claimed yet, run on a street of their own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIND_PAGE } from '../../contracts/account';
import { demoStreetPlan } from '../../database/seed/street';
import { planStreet, sheetsFromPlan } from '../../domain/street';
import { routedAppeal, submitAppeal } from '../factories/appeals';
import { BOOTSTRAP_CODE, emptyStreetOptions, firstStaff, importedTemplate, onEmptyStreet, uploadTemplate } from '../factories/bootstrap';
import { advanceClock, DAY, MINUTE, resetClock, runtimeNow } from '../factories/clock';
import { freshOpenid } from '../factories/ids';
import { bindNewAccount, deputyAccount, identities, invite, resident } from '../factories/people';
import { unboundCorner, unboundDeputy } from '../factories/street';
import { dbAll, dbQuery, openApiCalls } from '../support/console';
import { useRuntime, withRuntime, type RunningRuntime } from '../support/runtime';

const strip = (docs: Record<string, unknown>[]) => docs.map(({ importedAt: _i, boundAt: _b, openid: _o, ...d }) => d).sort((a, b) => String(a._id).localeCompare(String(b._id)));

describe('an empty database', () => {
  it('has every collection of database/indexes.json and no documents, no demo users', () =>
    onEmptyStreet(async (rt) => {
      const collections: { name: string; count: number }[] = await rt.dev('db');
      const declared = Object.keys(JSON.parse(readFileSync(join(__dirname, '..', '..', 'database', 'indexes.json'), 'utf8')).collections);
      expect(collections.map((c) => c.name).sort()).toEqual(expect.arrayContaining(declared.sort()));
      expect(collections.filter((c) => c.count > 0)).toEqual([]);
      expect(await identities(rt)).toEqual([]);
    }));
});

describe('the first staff member', () => {
  it('two clerks claiming at once with the right code make exactly one staff member', () =>
    onEmptyStreet(async (rt) => {
      const clerks = [freshOpenid('clerk'), freshOpenid('clerk')];
      const results = await Promise.all(clerks.map((openid) => rt.call('user', { action: 'claimStaff', code: BOOTSTRAP_CODE }, openid)));
      expect(results.filter((r) => r.body.ok)).toHaveLength(1);
      expect(results.find((r) => !r.body.ok)!.body.error).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
      const staff = (await dbQuery(rt, 'users', { role: 'staff' })).docs;
      expect(staff).toHaveLength(1);
      expect(clerks[results.findIndex((r) => r.body.ok)]).toBe(staff[0].openid);
    }));

  it('once claimed the code is dead for everyone, a wrong code never worked, and the claim is audited', () =>
    onEmptyStreet(async (rt) => {
      const latecomer = freshOpenid('latecomer');
      expect(await rt.code('user', { action: 'claimStaff', code: 'wrong-code-123456' }, latecomer)).toBe('PERMISSION_DENIED');
      const clerk = await firstStaff(rt);
      expect(await rt.code('user', { action: 'claimStaff', code: BOOTSTRAP_CODE }, latecomer)).toBe('PERMISSION_DENIED');
      expect(await rt.code('user', { action: 'claimStaff', code: 'wrong-code-123456' }, latecomer)).toBe('PERMISSION_DENIED');
      expect(await rt.code('user', { action: 'claimStaff', code: { $ne: '' } }, latecomer)).toBe('INVALID_ARGUMENT');
      // The winner retrying is not an error.
      expect(await rt.ok('user', { action: 'claimStaff', code: BOOTSTRAP_CODE }, clerk)).toEqual({ role: 'staff' });
      expect(await rt.ok('user', { action: 'whoami' }, clerk)).toMatchObject({ role: 'staff' });
      expect(await rt.ok('user', { action: 'whoami' }, latecomer)).toMatchObject({ role: 'resident' });
      const audit = (await dbQuery(rt, 'audit', { action: 'claim_staff' })).docs;
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entityType: 'user', actorOpenid: clerk, from: 'resident', to: 'staff' });
    }));

  it('staff add a colleague by their 用户编号 (audited); only staff may, and nobody removes themselves', () =>
    onEmptyStreet(async (rt) => {
      const clerk = await firstStaff(rt);
      const colleague = await resident(rt, { label: 'colleague' });
      expect(await rt.code('staff', { action: 'addStaff', openid: colleague }, await resident(rt))).toBe('PERMISSION_DENIED');
      expect(await rt.code('staff', { action: 'addStaff', openid: freshOpenid('never_seen') }, clerk)).toBe('NOT_FOUND');
      expect(await rt.ok('staff', { action: 'addStaff', openid: colleague }, clerk)).toMatchObject({ openid: colleague });
      expect(await rt.code('staff', { action: 'addStaff', openid: colleague }, clerk)).toBe('CONFLICT');
      const members = await rt.ok('staff', { action: 'staffMembers' }, colleague);
      expect(members.map((m: { openid: string }) => m.openid).sort()).toEqual([clerk, colleague].sort());
      expect(await rt.code('staff', { action: 'removeStaff', openid: colleague }, colleague)).toBe('FAILED_PRECONDITION');
      const trail = (await rt.ok('staff', { action: 'history', entityType: 'user', entityId: (await dbQuery(rt, 'users', { openid: colleague })).docs[0]._id }, clerk)).items;
      expect(trail.map((e: { action: string }) => e.action)).toEqual(['add_staff']);
      // The h5 identity switcher now offers the people who became staff.
      expect((await identities(rt)).map((u) => u.openid).sort()).toEqual([clerk, colleague].sort());
    }));
});

describe('the template street', () => {
  it('staff check the template, then import it: the documents are the ones the default seed has, and the import is audited', () =>
    onEmptyStreet(async (rt) => {
      const clerk = await firstStaff(rt);
      const fileId = await uploadTemplate(rt);
      expect(await rt.code('street', { action: 'importStreet', fileId }, await resident(rt))).toBe('PERMISSION_DENIED');
      const check = await rt.ok('street', { action: 'importStreet', fileId, dryRun: true }, clerk);
      expect(check).toMatchObject({ imported: false, dryRun: true, errors: [] });
      expect((await rt.dev('db')).filter((c: { name: string; count: number }) => ['communities', 'deputies'].includes(c.name) && c.count > 0)).toEqual([]);
      const done = await rt.ok('street', { action: 'importStreet', fileId }, clerk);
      expect(done).toMatchObject({ imported: true, errors: [], counts: { communities: { created: 17 }, stations: { created: 18 }, deputies: { created: 14 }, categories: { created: 10 } } });
      const planned = planStreet(sheetsFromPlan(demoStreetPlan()));
      if (!planned.ok) throw new Error('demo street must plan');
      for (const c of ['communities', 'stations', 'deputies', 'categories'] as const) {
        expect(strip(await dbAll(rt, c))).toEqual(strip(planned.plan[c] as unknown as Record<string, unknown>[]));
      }
      expect((await dbAll(rt, 'deputies')).every((d: { openid?: string }) => !d.openid)).toBe(true);
      const trail = (await rt.ok('staff', { action: 'history', entityType: 'street', entityId: 'network' }, clerk)).items;
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ action: 'import', actorRole: 'staff', source: 'app', note: expect.stringContaining('社区 17（新增 17') });
    }));
});

describe('deputies bind their own WeChat accounts', () => {
  let rt: RunningRuntime;
  let clerk: string;
  useRuntime(async (r) => {
    rt = r;
    clerk = await firstStaff(r);
    await importedTemplate(r, clerk);
  }, emptyStreetOptions());
  afterEach(async () => {
    await resetClock(rt);
    await rt.dev('faults', { rules: [] });
  });

  it('until a deputy binds an account, their community’s appeals go to staff, who cannot assign them to the unbound deputy either', async () => {
    const corner = await unboundCorner(rt);
    const { body } = await submitAppeal(rt, { communityId: corner.community._id, category: corner.category._id, content: '公交站台破损，下雨天无处避雨' });
    expect(body.data.status).toBe('triage');
    expect(await rt.code('staff', { action: 'assign', id: body.data._id, deputyId: corner.deputy._id }, clerk)).toBe('FAILED_PRECONDITION');
  });

  it('staff invite a deputy: a one-time code and a 小程序码 from wxacode.getUnlimited, shown on 邀请代表 without any openid', async () => {
    const deputy = await unboundDeputy(rt);
    expect(await rt.code('staff', { action: 'inviteDeputy', deputyId: deputy._id }, await resident(rt))).toBe('PERMISSION_DENIED');
    expect(await rt.code('staff', { action: 'inviteDeputy', deputyId: 'no-such-deputy' }, clerk)).toBe('NOT_FOUND');
    const inv = await invite(rt, deputy._id, clerk);
    expect(inv).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{8}$/), deputyId: deputy._id, deputyName: deputy.name, qr: expect.stringMatching(/^cloud:\/\//) });
    expect(new Date(inv.expiresAt as string).getTime() - (await runtimeNow(rt)).getTime()).toBeGreaterThan(7 * DAY - MINUTE);
    const calls = (await openApiCalls(rt)).filter((c) => c.apiName === 'wxacode.getUnlimited' && c.data?.scene === inv.code);
    expect(calls).toEqual([expect.objectContaining({ result: 'ok', data: { scene: inv.code, page: BIND_PAGE, check_path: false, env_version: 'release' } })]);
    const png = await fetch(`${rt.url}/__storage/files/${(inv.qr as string).replace(/^cloud:\/\/[^/]+\//, '')}`).then((r) => r.arrayBuffer());
    expect(Buffer.from(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const accounts = await rt.ok('staff', { action: 'deputyAccounts' }, clerk);
    expect(accounts.find((d: { _id: string }) => d._id === deputy._id)).toMatchObject({ name: deputy.name, bound: false, invite: { code: inv.code } });
    expect(JSON.stringify(accounts)).not.toContain('openid');
  });

  it('a deputy binds their own account with the code, typed in lower case with a space; the code is used up', async () => {
    const deputy = await unboundDeputy(rt);
    const { code: inviteCode } = await invite(rt, deputy._id, clerk);
    const phone = freshOpenid('deputy');
    const typed = `${inviteCode.slice(0, 4).toLowerCase()} ${inviteCode.slice(4)}`;
    expect(await rt.ok('user', { action: 'bindDeputy', code: typed }, phone)).toEqual({ role: 'deputy', deputyId: deputy._id, name: deputy.name, replacedAccount: false });
    expect(await rt.ok('user', { action: 'whoami' }, phone)).toEqual({ openid: phone, role: 'deputy', name: deputy.name, deputyId: deputy._id, uploadDir: expect.stringMatching(/^u\/[A-Za-z0-9_-]+$/) });
    expect(await rt.code('user', { action: 'bindDeputy', code: inviteCode }, freshOpenid('someone_else'))).toBe('FAILED_PRECONDITION');
  });

  it('once bound, a resident’s appeal in the deputy’s community and specialty reaches them, in their inbox and queue', async () => {
    const corner = await unboundCorner(rt);
    const deputy = await bindNewAccount(rt, corner.deputy._id, { staff: clerk });
    const a = await routedAppeal(rt, { communityId: corner.community._id, category: corner.category._id, content: '路口红绿灯时间太短，老人过马路困难' });
    expect(a.submitted).toMatchObject({ assignee: { deputyId: deputy.deputyId, name: deputy.name } });
    expect(a.submitted.routeReason).toContain(deputy.name);
    expect((await rt.ok('deputy', { action: 'queue' }, deputy.openid)).items.map((i: { _id: string }) => i._id)).toContain(a.id);
    expect((await rt.ok('user', { action: 'inbox' }, deputy.openid)).items[0]).toMatchObject({ title: '新诉求待受理' });
    expect(await rt.ok('deputy', { action: 'accept', id: a.id }, deputy.openid)).toMatchObject({ status: 'in_progress' });
  });

  it('rebinding a deputy to a new phone makes the old account a resident; the appeals follow the roster entry', async () => {
    const corner = await unboundCorner(rt);
    const oldPhone = await bindNewAccount(rt, corner.deputy._id, { staff: clerk });
    const a = await routedAppeal(rt, { communityId: corner.community._id, category: corner.category._id });
    const { code: next } = await invite(rt, corner.deputy._id, clerk);
    const newPhone = freshOpenid('new_phone');
    expect(await rt.ok('user', { action: 'bindDeputy', code: next }, newPhone)).toMatchObject({ deputyId: corner.deputy._id, replacedAccount: true });
    expect(await rt.ok('user', { action: 'whoami' }, oldPhone.openid)).toEqual({ openid: oldPhone.openid, role: 'resident', uploadDir: expect.stringMatching(/^u\//) });
    expect(await rt.code('deputy', { action: 'queue' }, oldPhone.openid)).toBe('PERMISSION_DENIED');
    expect((await rt.ok('deputy', { action: 'queue' }, newPhone)).items.map((i: { _id: string }) => i._id)).toContain(a.id);
    expect((await deputyAccount(rt, corner.deputy._id)).openid).toBe(newPhone);
    expect((await dbQuery(rt, 'deputies', { _id: corner.deputy._id })).docs[0].openid).toBe(newPhone);
    const trail = (await rt.ok('staff', { action: 'history', entityType: 'deputy', entityId: corner.deputy._id }, clerk)).items;
    expect(trail.map((e: { action: string }) => e.action).slice(-4)).toEqual(['invite', 'bind', 'invite', 'rebind']);
    expect(trail[trail.length - 1].note).toContain('原账号已改为居民身份');
  });

  it('a revoked code is dead; revoking twice is refused', async () => {
    const deputy = await unboundDeputy(rt);
    const { code: c } = await invite(rt, deputy._id, clerk);
    expect(await rt.ok('staff', { action: 'revokeInvite', code: c }, clerk)).toEqual({ code: c, status: 'revoked' });
    expect(await rt.code('staff', { action: 'revokeInvite', code: c }, clerk)).toBe('FAILED_PRECONDITION');
    const { body } = await rt.call('user', { action: 'bindDeputy', code: c }, freshOpenid('deputy'));
    expect(body.error).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('失效') });
    expect((await dbQuery(rt, 'deputies', { _id: deputy._id })).docs[0].openid).toBeUndefined();
  });

  it('a new invite replaces the open one', async () => {
    const deputy = await unboundDeputy(rt);
    const { code: first } = await invite(rt, deputy._id, clerk);
    const { code: second } = await invite(rt, deputy._id, clerk);
    const phone = freshOpenid('deputy');
    expect(await rt.code('user', { action: 'bindDeputy', code: first }, phone)).toBe('FAILED_PRECONDITION');
    expect(await rt.ok('user', { action: 'bindDeputy', code: second }, phone)).toMatchObject({ deputyId: deputy._id });
  });

  it('an invite expires after 7 days', async () => {
    const deputy = await unboundDeputy(rt);
    const { code: c } = await invite(rt, deputy._id, clerk);
    await advanceClock(rt, 7 * DAY + MINUTE);
    const { body } = await rt.call('user', { action: 'bindDeputy', code: c }, freshOpenid('deputy'));
    expect(body.error).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('过期') });
  });

  it('binding refuses staff accounts, an account bound to another deputy, unknown and malformed codes; two phones racing on one code make one deputy', async () => {
    const other = await bindNewAccount(rt, (await unboundDeputy(rt))._id, { staff: clerk });
    const deputy = await unboundDeputy(rt);
    const { code: c } = await invite(rt, deputy._id, clerk);
    const someone = freshOpenid('someone');
    expect(await rt.code('user', { action: 'bindDeputy', code: c }, clerk)).toBe('FAILED_PRECONDITION');
    expect(await rt.code('user', { action: 'bindDeputy', code: c }, other.openid)).toBe('FAILED_PRECONDITION');
    expect(await rt.code('user', { action: 'bindDeputy', code: 'ZZZZ9999' }, someone)).toBe('NOT_FOUND');
    expect(await rt.code('user', { action: 'bindDeputy', code: '12' }, someone)).toBe('INVALID_ARGUMENT');
    expect(await rt.code('user', { action: 'bindDeputy', code: { $gt: '' } }, someone)).toBe('INVALID_ARGUMENT');
    const raced = await Promise.all([someone, freshOpenid('someone')].map((o) => rt.call('user', { action: 'bindDeputy', code: c }, o)));
    expect(raced.filter((r) => r.body.ok)).toHaveLength(1);
    expect((await dbQuery(rt, 'users', { deputyId: deputy._id })).docs).toHaveLength(1);
  });

  it('staff still get the code when the 小程序码 cannot be made', async () => {
    await rt.dev('faults', { rules: [{ apiName: 'wxacode.getUnlimited', fault: { kind: 'errcode', errcode: 45009 }, remaining: 1 }] });
    const inv = await invite(rt, (await unboundDeputy(rt))._id, clerk);
    expect(inv).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{8}$/), qr: null, qrError: expect.stringContaining('邀请码') });
  });
});

describe('no code configured, or staff already there', () => {
  it('claimStaff is refused on the seeded demo street even with a code set', () =>
    withRuntime({ env: { LXQ_BOOTSTRAP_CODE: BOOTSTRAP_CODE } }, async (seeded) => {
      expect(await seeded.code('user', { action: 'claimStaff', code: BOOTSTRAP_CODE }, freshOpenid('newcomer'))).toBe('PERMISSION_DENIED');
    }));
  it('claimStaff is refused on an empty street when LXQ_BOOTSTRAP_CODE is empty', () =>
    onEmptyStreet(async (bare) => {
      expect(await bare.code('user', { action: 'claimStaff', code: 'anything-at-all' }, freshOpenid('newcomer'))).toBe('PERMISSION_DENIED');
      expect(await bare.code('user', { action: 'claimStaff', code: '' }, freshOpenid('newcomer'))).toBe('INVALID_ARGUMENT');
    }, ''));
});
