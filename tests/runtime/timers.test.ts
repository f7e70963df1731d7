import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cron } from 'croner';
import { FunctionHost, toCronerPattern } from '../../runtime/functionHost';

describe('timer triggers', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lxq-timers-'));
    mkdirSync(join(dir, 'tick'));
    writeFileSync(join(dir, 'tick', 'index.js'), 'const calls = []; exports.calls = calls; exports.main = async (event) => { calls.push(event); return { ok: true }; };');
    writeFileSync(join(dir, 'tick', 'config.json'), JSON.stringify({ timeout: 5, triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a function on its 7-field cron with a Timer event', async () => {
    const host = new FunctionHost([dir], () => 0);
    expect(host.load()).toEqual(['tick']);
    host.startTimers((err) => { throw err; });
    await new Promise((r) => setTimeout(r, 2300));
    host.stopTimers();
    const calls = require(join(dir, 'tick', 'index.js')).calls as { Type: string; TriggerName: string }[];
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls[0]).toMatchObject({ Type: 'Timer', TriggerName: 'everySecond' });
  });

  it('reads schedules in China time (UTC+8), like WeChat cloud', () => {
    const next = new Cron(toCronerPattern('0 0 2 * * * *'), { timezone: 'Asia/Shanghai', paused: true }).nextRun(new Date('2026-11-28T00:00:00Z'));
    expect(next?.toISOString()).toBe('2026-11-28T18:00:00.000Z');
  });
});
