import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import projectAppid from '../../config/plugins/project-appid';
import { loadWechatConfig, placeholderProblems, PlaceholderConfigError, requireReleaseConfig } from '../../config/wechat-config';
import { invocationsPerMonth, parseCron } from '../../scripts/deploy/cron';
import { resolveVariables, VARIABLES } from '../../scripts/deploy/variables';

const ROOT = resolve(__dirname, '../..');
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lxq-config-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const real = {
  appid: 'wx0123456789abcdef',
  cloudEnv: 'lxq-prod-9z8y',
  subscribeTemplates: { appealAssigned: { templateId: 'aBcD-1234567890', title: 't', fields: {}, page: 'p' } },
};

describe('config/wechat.json is the one source of AppID, env id and template ids', () => {
  test('the shipped file holds placeholders: dev reads them, a release names every field', () => {
    const shipped = loadWechatConfig({});
    expect(shipped.cloudEnv).toBe('your-env-id');
    const problems = placeholderProblems(shipped);
    expect(problems).toHaveLength(2 + Object.keys(shipped.subscribeTemplates).length);
    expect(() => requireReleaseConfig({})).toThrow(PlaceholderConfigError);
    expect(() => requireReleaseConfig({})).toThrow(/appid[\s\S]*cloudEnv[\s\S]*subscribeTemplates\.appealAssigned\.templateId/);
  });

  test('LXQ_APPID / LXQ_CLOUD_ENV override the file at build time; a real config passes', () => {
    const file = join(dir, 'wechat.json');
    writeFileSync(file, JSON.stringify(real));
    expect(requireReleaseConfig({}, file)).toEqual(real);
    expect(loadWechatConfig({ LXQ_CLOUD_ENV: 'other-env', LXQ_APPID: 'wxffffffffffffffff' }, file)).toMatchObject({ cloudEnv: 'other-env', appid: 'wxffffffffffffffff' });
    expect(placeholderProblems(loadWechatConfig({ LXQ_APPID: 'touristappid' }, file))).toEqual([expect.stringContaining('appid')]);
    expect(placeholderProblems(loadWechatConfig({ LXQ_APPID: 'wx123' }, file))).toEqual([expect.stringContaining('不是小程序 AppID')]);
    writeFileSync(file, JSON.stringify({ ...real, subscribeTemplates: { supervision: { templateId: 'TEMPLATE_ID_SUPERVISION' } } }));
    expect(placeholderProblems(loadWechatConfig({}, file))).toEqual([expect.stringContaining('subscribeTemplates.supervision.templateId')]);
  });

  test('the Taro config takes the env id from config/wechat.json and refuses placeholders under LXQ_RELEASE=1', () => {
    const tsx = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const script = "const c=require('./config/index.ts').default;Promise.resolve(typeof c==='function'?c():c).then(x=>console.log(x.defineConstants.CLOUD_ENV))";
    const dev = spawnSync(process.execPath, [tsx, '-e', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(dev.stdout.trim()).toBe(JSON.stringify(JSON.parse(readFileSync(join(ROOT, 'config/wechat.json'), 'utf8')).cloudEnv));
    const release = spawnSync(process.execPath, [tsx, '-e', script], { cwd: ROOT, env: { ...env, LXQ_RELEASE: '1', LXQ_APPID: 'wx0123456789abcdef', LXQ_CLOUD_ENV: 'lxq-prod' }, encoding: 'utf8', timeout: 60_000 });
    expect(release.status).toBe(1);
    expect(release.stderr).toContain('subscribeTemplates.appealAssigned.templateId');
    expect(release.stderr).not.toContain('的 appid');
  });

  test('the weapp output gets a real AppID; a placeholder leaves the tourist AppID alone', () => {
    const file = join(dir, 'project.config.json');
    const build = (appid: string) => {
      writeFileSync(file, JSON.stringify({ appid: 'touristappid', miniprogramRoot: './' }));
      let finish = () => {};
      const ctx = { onBuildFinish: (cb: () => void) => (finish = cb), paths: { outputPath: dir } };
      const previous = process.env.TARO_ENV;
      process.env.TARO_ENV = 'weapp';
      projectAppid(ctx as never, { appid });
      finish();
      process.env.TARO_ENV = previous;
      return JSON.parse(readFileSync(file, 'utf8')).appid;
    };
    expect(build('wx0123456789abcdef')).toBe('wx0123456789abcdef');
    expect(build('wx_YOUR_APPID')).toBe('touristappid');
  });
});

describe('timer crons (7 fields, UTC+8)', () => {
  test('monthly invocations of the shipped timers', () => {
    expect(invocationsPerMonth('0 */1 * * * * *')).toBe(43_200);
    expect(invocationsPerMonth('0 */10 * * * * *')).toBe(4_320);
    expect(invocationsPerMonth('0 0 * * * * *')).toBe(720);
    expect(invocationsPerMonth('0 0 2 * * * *')).toBe(30);
    expect(invocationsPerMonth('*/5 * * * * * *')).toBe(518_400);
  });

  test('weekday names, ranges and the day-or-weekday rule', () => {
    // Weekdays only, at 10:15: 261 weekdays in 2026 → 21.45 a month.
    expect(invocationsPerMonth('0 15 10 * * MON-FRI *')).toBe(21);
    // 1st of the month at 02:00 → 12 a year → 0.99 a month.
    expect(invocationsPerMonth('0 0 2 1 * * *')).toBe(1);
    // Day and weekday both given: either matches (1st of each month or every Sunday).
    const c = parseCron('0 0 0 1 * 0 *');
    expect(c.dayRestricted && c.weekdayRestricted).toBe(true);
    expect(invocationsPerMonth('0 0 0 1 * 0 *')).toBe(Math.round(((12 + 52 - 3) * 30) / 365)); // Feb, Mar and Nov 1st 2026 are Sundays
    expect(() => parseCron('0 */1 * * * *')).toThrow(/7 fields/);
    expect(() => parseCron('0 61 * * * * *')).toThrow(/minute/);
  });
});

describe('environment variable sources', () => {
  const random = (n: number) => Buffer.alloc(n, 7);
  test('every variable a config.json names has a source', () => {
    expect(Object.keys(VARIABLES).sort()).toEqual(['LXQ_BOOTSTRAP_CODE', 'LXQ_VOTE_SECRET']);
    expect(() => resolveVariables(['LXQ_UNKNOWN'], {}, {}, random)).toThrow(/no source/);
  });
  test('generated once, kept after, deployer overrides only where the table allows it', () => {
    const first = resolveVariables(['LXQ_VOTE_SECRET', 'LXQ_BOOTSTRAP_CODE'], {}, {}, random);
    expect(first.generated.map((g) => [g.name, g.print])).toEqual([['LXQ_VOTE_SECRET', false], ['LXQ_BOOTSTRAP_CODE', true]]);
    const again = resolveVariables(['LXQ_VOTE_SECRET', 'LXQ_BOOTSTRAP_CODE'], first.values, { LXQ_VOTE_SECRET: 'x', LXQ_BOOTSTRAP_CODE: 'y' }, random);
    expect(again.values).toEqual({ LXQ_VOTE_SECRET: first.values.LXQ_VOTE_SECRET, LXQ_BOOTSTRAP_CODE: 'y' });
    expect(again.ignored).toEqual(['LXQ_VOTE_SECRET']);
    expect(again.generated).toEqual([]);
  });
});
