import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appealEvent } from '../factories/appeals';
import { cast, openBallot, recount } from '../factories/ballots';
import { freshOpenid, uniqueTag } from '../factories/ids';
import { specialistCase } from '../factories/street';
import { dbAll, dbCount } from '../support/console';
import { startRuntime, type RunningRuntime } from '../support/runtime';


describe('races', () => {
  let rt: RunningRuntime;
  beforeAll(async () => { rt = await startRuntime(); });
  afterAll(async () => { await rt?.stop(); });

  it('500 voters each casting twice at once → exactly 500 votes, tallies = recount', async () => {
    const ballot = await openBallot(rt, { candidates: 9, maxChoices: 1 });
    const voters = Array.from({ length: 500 }, () => freshOpenid('vote_race'));
    const pick = (i: number) => [ballot.projectIds[i % 9]];
    const replies = await Promise.all(voters.flatMap((v, i) => [0, 1].map((k) => cast(rt, ballot, v, pick(i + k)))));
    expect(replies.filter((r) => !r.ok && r.error?.code !== 'CONFLICT')).toEqual([]);
    expect(replies.filter((r) => r.ok)).toHaveLength(500);
    expect(replies.filter((r) => r.error?.code === 'CONFLICT')).toHaveLength(500);
    const recounted = await recount(rt, ballot.ballotId);
    expect(recounted.voters).toBe(500);
    const results = await rt.ok('ballot', { action: 'results', ballotId: ballot.ballotId }, ballot.staff);
    expect(results.voters).toBe(500);
    for (const t of results.tallies) expect(t.online).toBe(recounted.byProject.get(t.projectId) ?? 0);
  }, 120_000);

  it('200 concurrent retries of one requestId → one appeal, one routing, one notice to the deputy', async () => {
    const place = await specialistCase(rt);
    const { event, resident } = await appealEvent(rt, { communityId: place.community._id, category: place.category._id, content: '大道公交站台缺少遮雨棚，雨天等车很困难' });
    const replies = await Promise.all(Array.from({ length: 200 }, () => rt.call('appeal', event, resident)));
    expect(replies.every((r) => r.body.ok)).toBe(true);
    expect(new Set(replies.map((r) => r.body.data._id)).size).toBe(1);
    expect(new Set(replies.map((r) => r.body.data.trackingNo)).size).toBe(1);
    const { _id: id, trackingNo, assignee } = replies[0].body.data;
    expect(assignee.deputyId).toBe(place.deputy.deputyId);
    expect(await dbCount(rt, 'appeals', { submitterOpenid: resident })).toBe(1);
    expect((await dbAll(rt, 'audit', { entityId: id })).map((d: { action: string }) => d.action)).toEqual(['submit', 'route']);
    expect((await dbAll(rt, 'outbox', { openid: place.deputy.openid })).filter((d) => d.data.character_string1?.value === trackingNo)).toHaveLength(1);
  }, 120_000);
});

describe('durability', () => {
  it('keeps every acknowledged write across kill -9 in the middle of 2,000 writes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lxq-durable-'));
    const rt = await startRuntime({ dataDir });
    const reader = freshOpenid('reader');
    const communities = await rt.ok('directory', { action: 'communities' }, reader);
    const prefix = `durable_${uniqueTag()}_`;
    const acked: string[] = [];
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (next < 2000 && !killed) {
        const openid = `${prefix}${next++}`;
        try {
          const res = await rt.call('user', { action: 'whoami' }, openid);
          if (res.body.ok) acked.push(openid);
        } catch {
          return; // connection refused/reset after the kill: not acknowledged
        }
      }
    };
    const workers = Array.from({ length: 16 }, writer);
    while (acked.length < 1000) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    rt.child.kill('SIGKILL');
    await Promise.all(workers);
    await new Promise((r) => rt.child.exitCode !== null || rt.child.signalCode !== null ? r(null) : rt.child.once('exit', r));
    // The kill came in the middle (the loop above waited for 1,000 acknowledgements): not all 2,000 made it.
    expect(acked.length).toBeLessThan(2000);

    const again = await startRuntime({ dataDir });
    try {
      const found = new Set((await dbAll(again, 'users', { openid: { $regex: `^${prefix}` } })).map((d) => d.openid as string));
      const lost = acked.filter((o) => !found.has(o));
      expect(lost).toEqual([]);
      // The database opens cleanly and serves normal calls.
      expect(await again.ok('directory', { action: 'communities' }, reader)).toEqual(communities);
      expect(await again.ok('user', { action: 'whoami' }, acked[0])).toMatchObject({ openid: acked[0], role: 'resident' });
    } finally {
      await again.stop({ keepData: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
