import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntime, type RunningRuntime } from '../support/runtime';

const query = (rt: RunningRuntime, collection: string, filter: object, skip = 0) =>
  fetch(`${rt.url}/api/dev/db/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection, filter, limit: 200, skip }) }).then((r) => r.json());

describe('races', () => {
  let rt: RunningRuntime;
  beforeAll(async () => { rt = await startRuntime(); });
  afterAll(async () => { await rt?.stop(); });

  it('500 voters each casting twice at once → exactly 500 votes, tallies = recount', async () => {
    const voters = Array.from({ length: 500 }, (_, i) => `vote_race_${i}`);
    const pick = (i: number) => [`p0${(i % 9) + 1}`];
    const replies = await Promise.all(voters.flatMap((v, i) => [0, 1].map((k) => rt.call('ballot', { action: 'cast', ballotId: 'ballot-resident', projectIds: pick(i + k) }, v))));
    expect(replies.filter((r) => r.body.ok)).toHaveLength(500);
    expect(replies.filter((r) => r.body.error?.code === 'CONFLICT')).toHaveLength(500);
    expect(replies.filter((r) => !r.body.ok && r.body.error?.code !== 'CONFLICT')).toEqual([]);
    const recount = new Map<string, number>();
    let stored = 0;
    for (let skip = 0; ; skip += 200) {
      const { docs } = await query(rt, 'votes', { ballotId: 'ballot-resident' }, skip);
      stored += docs.length;
      for (const d of docs) for (const p of d.projectIds) recount.set(p, (recount.get(p) ?? 0) + 1);
      if (docs.length < 200) break;
    }
    expect(stored).toBe(500);
    const results = await rt.ok('ballot', { action: 'results', ballotId: 'ballot-resident' }, 'dev_staff_1');
    expect(results.voters).toBe(500);
    for (const t of results.tallies) expect(t.online).toBe(recount.get(t.projectId) ?? 0);
  }, 120_000);

  it('200 concurrent retries of one requestId → one appeal', async () => {
    await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, 'dev_staff_1');
    const event = { action: 'submit', requestId: 'retry-storm-0001', communityId: 'c04', category: 'traffic', content: '东湖大道公交站台缺少遮雨棚，雨天等车很困难' };
    const replies = await Promise.all(Array.from({ length: 200 }, () => rt.call('appeal', event, 'storm_resident')));
    expect(replies.every((r) => r.body.ok)).toBe(true);
    expect(new Set(replies.map((r) => r.body.data._id)).size).toBe(1);
    expect(new Set(replies.map((r) => r.body.data.trackingNo)).size).toBe(1);
    expect((await query(rt, 'appeals', { submitterOpenid: 'storm_resident' })).total).toBe(1);
    const audit = await query(rt, 'audit', { entityId: replies[0].body.data._id });
    expect(audit.docs.map((d: { action: string }) => d.action)).toEqual(['submit', 'route']);
    const outbox = await query(rt, 'outbox', { openid: 'dev_deputy_d07' });
    expect(outbox.total).toBe(1);
  }, 120_000);
});

describe('durability', () => {
  it('keeps every acknowledged write across kill -9 in the middle of 2,000 writes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lxq-durable-'));
    const rt = await startRuntime({ dataDir });
    const acked: string[] = [];
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (next < 2000 && !killed) {
        const openid = `durable_${next++}`;
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
    expect(acked.length).toBeGreaterThanOrEqual(1000);

    const again = await startRuntime({ dataDir });
    try {
      const found = new Set<string>();
      for (let skip = 0; ; skip += 200) {
        const { docs } = await query(again, 'users', { openid: { $regex: '^durable_' } }, skip);
        for (const d of docs) found.add(d.openid);
        if (docs.length < 200) break;
      }
      const lost = acked.filter((o) => !found.has(o));
      expect(lost).toEqual([]);
      // The database opens cleanly and serves normal calls.
      expect((await again.ok('directory', { action: 'communities' }, 'dev_resident_1')).length).toBe(17);
      expect(await again.ok('user', { action: 'whoami' }, acked[0])).toMatchObject({ openid: acked[0], role: 'resident' });
    } finally {
      await again.stop({ keepData: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
