/**
 * Issue 12, part B, as an attacker and a careful clerk try it: votes cannot be linked to voters, nobody is
 * assigned their own appeal, duty points mean what they say, absurd input is refused, public documents carry
 * no staff openid, and the local runtime's backend answers only its own SDK.
 */
import { createHash } from 'node:crypto';
import { acceptedAppeal, repliedAppeal, triagedAppeal, REPLY_TEXT } from '../factories/appeals';
import { cast, closedBallot, openBallot } from '../factories/ballots';
import { boundDeputies, resident, staffMember } from '../factories/people';
import { candidateProject } from '../factories/projects';
import { adminDatabase } from '../support/cloudAdmin';
import { dbAll, dbGet, dbPatch } from '../support/console';
import { startRuntime, useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
useRuntime((r) => { rt = r; });

const legacyKey = (openid: string) => createHash('sha256').update(`lxq-vote\n${openid}`).digest('hex').slice(0, 24);

describe('finding 8: vote secrecy', () => {
  test('a vote is keyed by an HMAC nobody can compute from the openid; one person still votes once', async () => {
    const b = await openBallot(rt);
    const voter = await resident(rt);
    expect((await cast(rt, b, voter)).ok).toBe(true);
    expect((await cast(rt, b, voter)).error?.code).toBe('CONFLICT');
    const votes = await dbAll(rt, 'votes', { ballotId: b.ballotId });
    expect(votes).toHaveLength(1);
    expect(votes[0]._id).not.toContain(legacyKey(voter));
    expect(JSON.stringify(votes[0])).not.toContain(voter);
    expect((await rt.ok('ballot', { action: 'detail', ballotId: b.ballotId }, voter)).myVote).toBeDefined();
  });

  test('a vote cast under the old public key still counts as that person\'s vote (no second vote)', async () => {
    // A ballot made before votes were keyed by HMAC (it has no voteKeys).
    const b = await openBallot(rt);
    await dbPatch(rt, 'ballots', b.ballotId, { voteKeys: null });
    const voter = await resident(rt);
    await adminDatabase(rt).collection('votes').add({ data: { _id: `${b.ballotId}_${legacyKey(voter)}`, ballotId: b.ballotId, projectIds: b.projectIds.slice(0, b.minChoices), at: new Date(), communityId: null, channel: 'online' } });
    expect((await cast(rt, b, voter)).error?.code).toBe('CONFLICT');
    expect((await rt.ok('ballot', { action: 'detail', ballotId: b.ballotId }, voter)).myVote).toBeDefined();
  });

  test('the local secret lives in DATA_DIR and survives a restart: a voter keeps their key', async () => {
    const own = await startRuntime();
    try {
      const b = await openBallot(own);
      const voter = await resident(own);
      expect((await cast(own, b, voter)).ok).toBe(true);
      await own.stop({ keepData: true });
      const again = await startRuntime({ dataDir: own.dataDir });
      try {
        expect((await cast(again, b, voter)).error?.code).toBe('CONFLICT');
      } finally {
        await again.stop({ keepData: true });
      }
    } finally {
      await own.stop();
    }
  });
});

describe('finding 10: nobody handles their own appeal', () => {
  test('staff cannot assign a deputy the appeal that deputy submitted; the appeal is untouched', async () => {
    const deputy = (await boundDeputies(rt))[0];
    const a = await triagedAppeal(rt, { resident: deputy.openid });
    const staff = await staffMember(rt);
    const { body } = await rt.call('staff', { action: 'assign', id: a.id, deputyId: deputy.deputyId }, staff);
    expect(body.error?.code).toBe('FAILED_PRECONDITION');
    expect(body.error.message).toMatch(/本人/);
    expect(await dbGet(rt, 'appeals', a.id)).toMatchObject({ status: 'triage', version: expect.any(Number) });
    expect((await dbGet(rt, 'appeals', a.id)).assigneeDeputyId).toBeUndefined();
  });

  test('nor can a console edit', async () => {
    const deputy = (await boundDeputies(rt))[0];
    const a = await triagedAppeal(rt, { resident: deputy.openid });
    await dbPatch(rt, 'appeals', a.id, { staffDecision: 'assign', staffAssignDeputyId: deputy.deputyId });
    await rt.dev('trigger/reconcile', {});
    const after = await dbGet(rt, 'appeals', a.id);
    expect(after.status).toBe('triage');
    expect(after.assigneeDeputyId).toBeUndefined();
    expect(after.consoleError.reason).toMatch(/本人/);
  });
});

describe('finding 11: duty points', () => {
  const entriesOf = async (appealId: string) => dbAll(rt, 'dutyPoints', { refId: appealId });
  const counted = (entries: any[]) => entries.filter((e) => e.status !== 'reversed' && e.status !== 'rejected').reduce((n, e) => n + e.points, 0);

  test('落实 waits for the resident; a redo reverses the disputed reply; one entry per appeal and kind', async () => {
    const a = await repliedAppeal(rt, { resolution: 'implemented' });
    const deputy = a.deputy!;
    // The deputy's claim alone earns the reply, not 落实.
    expect((await entriesOf(a.id)).map((e) => e.event).sort()).toEqual(['appeal_replied']);
    await rt.ok('appeal', { action: 'rate', id: a.id, rating: 'unsatisfied', comment: '灯还是不亮' }, a.resident);
    const disputed = await entriesOf(a.id);
    expect(disputed.find((e) => e.event === 'appeal_replied')).toMatchObject({ status: 'reversed', reversedReason: expect.stringContaining(a.trackingNo) });
    expect(counted(disputed)).toBe(-1);
    // The redo: accepted and answered again, then the resident is satisfied.
    await rt.ok('deputy', { action: 'accept', id: a.id }, deputy.openid);
    await rt.ok('deputy', { action: 'reply', id: a.id, content: REPLY_TEXT, resolution: 'implemented' }, deputy.openid);
    await rt.ok('appeal', { action: 'rate', id: a.id, rating: 'satisfied' }, a.resident);
    const final = await entriesOf(a.id);
    expect(final.map((e) => e.event).sort()).toEqual(['appeal_implemented', 'appeal_replied', 'rated_satisfied', 'rated_unsatisfied']);
    // 答复 +2 once, 落实 +1 once, 满意 +1, 不满意 -1.
    expect(counted(final)).toBe(3);
    for (const e of final) {
      expect(e.trackingNo).toBe(a.trackingNo);
      expect(e.reason).toContain(a.trackingNo);
    }
  });

  test('a reviewed 答复 taken back keeps its review; two redo rounds earn it again each time and 不满意 once', async () => {
    const a = await repliedAppeal(rt, { resolution: 'explained' });
    const deputy = a.deputy!;
    const replied = `appeal_replied-${a.id}-${deputy.deputyId}`;
    const staff = await staffMember(rt);
    await rt.ok('staff', { action: 'reviewPoints', ids: [replied], decision: 'approve' }, staff);
    for (const round of [1, 2]) {
      await rt.ok('appeal', { action: 'rate', id: a.id, rating: 'unsatisfied', comment: `第${round}次：还是没解决` }, a.resident);
      const entry = await dbGet(rt, 'dutyPoints', replied);
      expect({ round, status: entry.status }).toEqual({ round, status: 'reversed' });
      if (round === 1) expect(entry).toMatchObject({ reviewedAs: 'approved', reviewedBy: expect.any(String) });
      expect((await dbGet(rt, 'appeals', a.id)).reversedDutyKeys).toEqual([replied]);
      await rt.ok('deputy', { action: 'accept', id: a.id }, deputy.openid);
      await rt.ok('deputy', { action: 'reply', id: a.id, content: REPLY_TEXT, resolution: 'explained' }, deputy.openid);
      // Earned again, for review anew.
      expect(await dbGet(rt, 'dutyPoints', replied)).toMatchObject({ status: 'pending', reinstated: true });
      expect((await dbGet(rt, 'appeals', a.id)).reversedDutyKeys).toEqual([]);
    }
    const final = await entriesOf(a.id);
    expect(final.map((e) => e.event).sort()).toEqual(['appeal_replied', 'rated_unsatisfied']);
    expect(counted(final)).toBe(1);
  });

  test('an appeal stored before its reversed entries were kept is settled by looking them up', async () => {
    const a = await repliedAppeal(rt, { resolution: 'explained' });
    const replied = `appeal_replied-${a.id}-${a.deputy!.deputyId}`;
    await dbPatch(rt, 'appeals', a.id, { reversedDutyKeys: null });
    await rt.ok('appeal', { action: 'rate', id: a.id, rating: 'unsatisfied' }, a.resident);
    expect((await dbGet(rt, 'dutyPoints', replied)).status).toBe('reversed');
    await rt.ok('deputy', { action: 'accept', id: a.id }, a.deputy!.openid);
    await rt.ok('deputy', { action: 'reply', id: a.id, content: REPLY_TEXT, resolution: 'explained' }, a.deputy!.openid);
    expect(await dbGet(rt, 'dutyPoints', replied)).toMatchObject({ status: 'pending', reinstated: true });
    expect((await dbGet(rt, 'appeals', a.id)).reversedDutyKeys).toBeNull();
  });

  test('a clerk refusing an entry gives a reason, and the deputy reads it on their record', async () => {
    const a = await acceptedAppeal(rt);
    await rt.ok('deputy', { action: 'reply', id: a.id, content: REPLY_TEXT, resolution: 'explained' }, a.deputy!.openid);
    const [entry] = await entriesOf(a.id);
    const staff = await staffMember(rt);
    expect(await rt.code('staff', { action: 'reviewPoints', ids: [entry._id], decision: 'reject' }, staff)).toBe('INVALID_ARGUMENT');
    expect((await dbGet(rt, 'dutyPoints', entry._id)).status).toBe('pending');
    await rt.ok('staff', { action: 'reviewPoints', ids: [entry._id], decision: 'reject', note: '答复未说明依据' }, staff);
    const record = await rt.ok('deputy', { action: 'record' }, a.deputy!.openid);
    expect(record.recent.find((p: any) => p._id === entry._id)).toMatchObject({ status: 'rejected', reviewNote: '答复未说明依据', trackingNo: a.trackingNo });
  });
});

describe('finding 12: absurd input', () => {
  test('a 200,000-deep nested ignored field is INVALID_ARGUMENT, not HTTP 500', async () => {
    const deep = '{"x":'.repeat(200_000) + '1' + '}'.repeat(200_000);
    const { status, body } = await rt.call('appeal', `{"action":"mine","ignored":${deep}}`, await resident(rt));
    expect(status).toBeLessThan(500);
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    // The runtime still serves.
    expect((await rt.call('appeal', { action: 'mine' }, await resident(rt))).body.ok).toBe(true);
  });

  test('moderate nesting past the schema depth is refused by the function too', async () => {
    let nested: object = { v: 1 };
    for (let i = 0; i < 40; i++) nested = { x: nested };
    expect(await rt.code('appeal', { action: 'mine', ignored: nested }, await resident(rt))).toBe('INVALID_ARGUMENT');
  });
});

describe('finding 13: secrecy of staff and of the backend', () => {
  test('ballots and projects carry no staff openid', async () => {
    const staff = await staffMember(rt);
    const open = await openBallot(rt, { staff });
    const closed = await closedBallot(rt, { staff });
    const p = await candidateProject(rt, { staff });
    await rt.ok('project', { action: 'progress', projectId: p.projectId, percent: 20, milestone: '完成选址' }, staff);
    for (const doc of [await dbGet(rt, 'ballots', open.ballotId), await dbGet(rt, 'ballots', closed.ballotId), await dbGet(rt, 'projects', p.projectId)]) {
      expect(JSON.stringify(doc)).not.toContain(staff);
    }
  });

  test('/admin refuses calls without the runtime\'s own token, so no timer or admin job runs from outside', async () => {
    const post = (url: string, body: object) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const timer = { action: 'functions.invokeFunction', function_name: 'supervise', request_data: JSON.stringify({ Type: 'Timer', TriggerName: 'supervise', Time: new Date().toISOString() }) };
    expect((await post(`${rt.url}/admin`, timer)).status).toBe(403);
    expect((await post(`${rt.url}/admin`, { action: 'database.getDocument', collectionName: 'users', query: '{}' })).status).toBe(403);
    expect((await post(`${rt.url}/admin?lxq_token=guess&`, { action: 'storage.getUploadMetadata', path: 'appeals/x/1.jpg' })).status).toBe(403);
  });

  test('a storage upload URL works only as handed out for its path', async () => {
    const target = 'appeals/someone/photo.jpg';
    expect((await fetch(`${rt.url}/__storage/upload/${encodeURIComponent(target)}`, { method: 'PUT', body: 'overwritten' })).status).toBe(403);
    const meta = await fetch(rt.adminUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'appeals/mine/1.jpg' }) }).then((r) => r.json());
    const other = meta.data.url.replace(encodeURIComponent('appeals/mine/1.jpg'), encodeURIComponent(target));
    expect((await fetch(other, { method: 'PUT', body: 'overwritten' })).status).toBe(403);
    expect((await fetch(meta.data.url, { method: 'PUT', body: 'mine' })).status).toBe(200);
  });

  test('a timer job runs only for the trigger event as the cloud sends it', async () => {
    const invoke = (event: object) => rt.dev('invoke/supervise', event);
    expect(await invoke({ Type: 'Timer', TriggerName: 'supervise' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invoke({ Type: 'Timer', TriggerName: 'nope', Time: new Date().toISOString() })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
