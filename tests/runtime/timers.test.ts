/**
 * Timer triggers as deployed: the FunctionHost schedules every trigger the functions' config.json files
 * declare (the files the build copies and deploy applies) on WeChat's 7-field cron read in China time, and
 * invokes the function with a Timer event and no identity. A virtual clock (jest's fake timers, pinned to
 * a fixed instant) runs hours in a moment; the functions themselves are stand-ins that only answer, so this
 * tests the schedule, not the jobs.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionHost } from '../../runtime/functionHost';

const root = join(__dirname, '..', '..');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What the README's timer table promises: how many minutes apart each trigger runs, on the clock (:00, :10 …). */
const SCHEDULE: Record<string, number> = {
  'notify/deliver': 1,
  'ballot/tally': 5,
  'reconcile/reconcile': 1,
  'supervise/supervise': 10,
  'appeal/closeUnrated': 60,
  // Daily at 16:00 China time: outside the two hours the schedule test watches.
  'presence/remind': 1440,
};
/** Timers that run only at night (晴雨表: every ten minutes 01:00–04:50 China time), never in the daytime window below. */
const NIGHT_ONLY = ['pulse/nightly'];

/** A folder of functions: each one's config.json as given, and an index.js that only answers. */
function functionsDir(configs: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lxq-timers-'));
  for (const [name, config] of Object.entries(configs)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'index.js'), 'exports.main = async () => ({ ok: true });');
    if (typeof config === 'string') copyFileSync(config, join(dir, name, 'config.json'));
    else writeFileSync(join(dir, name, 'config.json'), JSON.stringify(config));
  }
  return dir;
}

/** Run the host's timers for a while on the virtual clock; every timer invocation it made. */
async function runTimers(host: FunctionHost, ms: number): Promise<{ fn: string; event: { Type: string; TriggerName: string; Time: string }; identity: object }[]> {
  const invoke = jest.spyOn(host, 'invoke');
  host.startTimers((err) => { throw err; });
  try {
    await jest.advanceTimersByTimeAsync(ms);
  } finally {
    host.stopTimers();
  }
  return invoke.mock.calls.map(([fn, event, identity]) => ({ fn, event: event as { Type: string; TriggerName: string; Time: string }, identity }));
}

const deployed = readdirSync(join(root, 'cloudfunctions')).filter((n) => !n.startsWith('_') && existsSync(join(root, 'cloudfunctions', n, 'config.json')));
const dirs: string[] = [];
const dirOf = (configs: Record<string, string | object>) => {
  const dir = functionsDir(configs);
  dirs.push(dir);
  return dir;
};
const deployedDir = () => dirOf(Object.fromEntries(deployed.map((n) => [n, join(root, 'cloudfunctions', n, 'config.json')])));

afterEach(() => { jest.useRealTimers(); });
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('the deployed timer triggers', () => {
  it('are the ones the README’s timer table documents', () => {
    const host = new FunctionHost([deployedDir()], () => 0);
    expect(host.load()).toEqual([...deployed].sort());
    expect(host.timers().map((t) => `${t.fn}/${t.trigger.name}`).sort()).toEqual([...Object.keys(SCHEDULE), ...NIGHT_ONLY].sort());
  });

  it('fire on their schedule through the FunctionHost, in China time, with a Timer event and no identity', async () => {
    const start = Date.parse('2026-11-28T09:59:30+08:00');
    jest.useFakeTimers({ now: start });
    const host = new FunctionHost([deployedDir()], () => 0);
    host.load();
    const calls = await runTimers(host, 2 * HOUR);
    // Every whole minute in the two hours (10:00 … 11:59 China time), then the ones each trigger runs at.
    const minutes = Array.from({ length: 120 }, (_, i) => start + 30_000 + i * MINUTE);
    for (const [key, every] of Object.entries(SCHEDULE)) {
      const [fn, trigger] = key.split('/');
      const fired = calls.filter((c) => c.fn === fn && c.event.TriggerName === trigger);
      const expected = minutes.filter((t) => ((t - Date.parse('2026-11-28T00:00:00+08:00')) / MINUTE) % every === 0).map((t) => new Date(t).toISOString());
      expect({ key, times: fired.map((c) => c.event.Time) }).toEqual({ key, times: expected });
      for (const c of fired) expect(c).toMatchObject({ event: { Type: 'Timer', TriggerName: trigger }, identity: {} });
    }
    expect(calls.filter((c) => NIGHT_ONLY.includes(`${c.fn}/${c.event.TriggerName}`))).toEqual([]);
    expect(calls).toHaveLength(120 + 120 + 24 + 12 + 2); // notify, reconcile, ballot tally, supervise, closeUnrated
  });

  it('a moved dev clock moves the Time the functions are told, not when the timers fire', async () => {
    const start = Date.parse('2026-11-28T09:59:30+08:00');
    jest.useFakeTimers({ now: start });
    const offset = 3 * 24 * HOUR;
    const host = new FunctionHost([deployedDir()], () => offset);
    host.load();
    const hourly = (await runTimers(host, HOUR)).filter((c) => c.fn === 'appeal');
    expect(hourly.map((c) => c.event.Time)).toEqual([new Date(Date.parse('2026-11-28T10:00:00+08:00') + offset).toISOString()]);
  });
});

describe('a cron the product does not use yet', () => {
  it('a daily trigger at 02:00 fires once a day, at 02:00 China time (18:00 UTC)', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-28T00:00:00Z') });
    const host = new FunctionHost([dirOf({ nightly: { timeout: 5, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }] } })], () => 0);
    expect(host.load()).toEqual(['nightly']);
    const calls = await runTimers(host, 24 * HOUR);
    expect(calls.map((c) => c.event.Time)).toEqual(['2026-11-28T18:00:00.000Z']);
  });
});
