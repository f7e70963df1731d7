import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeHash, deploy, describeCode, type DeployContext } from '../../scripts/deploy/engine';
import { buildPlan, type Plan } from '../../scripts/deploy/plan';
import { fakeCloud, type Call, type FakeCloud } from './fakeCloud';

const ENV = 'lxq-test-1a2b3c';
const APPID = 'wx0123456789abcdef';
const deployerEnv = { LXQ_CLOUD_ENV: ENV, LXQ_APPID: APPID };

// Deterministic "random" bytes: the counter makes every generated value distinct.
let counter = 0;
const random = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + counter++) % 256));

let functionRoot: string;
let plan: Plan;

function writeBuilt(name: string, code: string) {
  mkdirSync(join(functionRoot, name), { recursive: true });
  writeFileSync(join(functionRoot, name, 'index.js'), code);
  writeFileSync(join(functionRoot, name, 'package.json'), JSON.stringify({ name, dependencies: { 'wx-server-sdk': '4.0.2' } }));
  writeFileSync(join(functionRoot, name, 'config.json'), '{}');
}

beforeEach(() => {
  counter = 0;
  functionRoot = mkdtempSync(join(tmpdir(), 'lxq-deploy-'));
  plan = buildPlan({ env: deployerEnv });
  for (const fn of plan.functions) writeBuilt(fn.name, `exports.main = async () => ${JSON.stringify(fn.name)};`);
});
afterEach(() => rmSync(functionRoot, { recursive: true, force: true }));

const ctx = (cloud: FakeCloud, over: Partial<DeployContext> = {}): DeployContext => ({ manager: cloud, plan, functionRoot, env: deployerEnv, random, log: () => {}, ...over });
const fnPlan = (name: string) => plan.functions.find((f) => f.name === name)!;
const mutate = (name: string, change: (f: Plan['functions'][number]) => void) => {
  plan = JSON.parse(JSON.stringify(plan)) as Plan;
  change(plan.functions.find((f) => f.name === name)!);
};

/** Every read a deploy makes of an environment that already holds the whole plan, in order. */
function expectedReadsOfDeployedEnv(p: Plan): Call[] {
  const calls: Call[] = [{ method: 'functions.listAllFunctions', args: [{ envId: ENV }], write: false }];
  for (const fn of p.functions) calls.push({ method: 'functions.getFunctionDetail', args: [fn.name], write: false });
  calls.push({ method: 'database.listCollections', args: [{ MgoLimit: 100, MgoOffset: 0 }], write: false });
  calls.push({ method: 'commonService', args: ['tcb', '2018-06-08'], write: false });
  for (const c of p.collections) {
    calls.push({ method: 'database.describeCollection', args: [c.name], write: false });
    calls.push({ method: 'tcb.DescribeSafeRule', args: [{ EnvId: ENV, CollectionName: c.name, WxAppId: APPID }], write: false });
  }
  calls.push({ method: 'storage.getStorageAcl', args: [{ withRule: true }], write: false });
  return calls;
}

async function deployedCloud(): Promise<FakeCloud> {
  const cloud = fakeCloud(ENV);
  await deploy(ctx(cloud));
  cloud.reset();
  return cloud;
}

test('the plan reads the repository: every function, timer, collection and rule file', () => {
  expect(plan.env).toBe(ENV);
  expect(plan.functions.map((f) => f.name)).toEqual(['appeal', 'ballot', 'deputy', 'directory', 'legislation', 'notify', 'opendata', 'presence', 'project', 'pulse', 'reconcile', 'staff', 'street', 'suggestion', 'supervise', 'user']);
  expect(plan.functions.every((f) => f.runtime === 'Nodejs16.13' && f.installDependency && f.memorySize === 256)).toBe(true);
  expect(fnPlan('notify').triggers).toEqual([{ name: 'deliver', type: 'timer', config: '0 */1 * * * * *', invocationsPerMonth: 43200 }]);
  expect(fnPlan('user').envVariables).toEqual(['LXQ_BOOTSTRAP_CODE']);
  expect(fnPlan('ballot').envVariables).toEqual(['LXQ_VOTE_SECRET']);
  const appeals = plan.collections.find((c) => c.name === 'appeals')!;
  expect(appeals.indexes[0]).toEqual({ IndexName: 'trackingNo_unique', MgoKeySchema: { MgoIndexKeys: [{ Name: 'trackingNo', Direction: '1' }], MgoIsUnique: true } });
  expect(appeals.indexes[1].MgoKeySchema.MgoIndexKeys).toEqual([
    { Name: 'submitterOpenid', Direction: '1' },
    { Name: 'createdAt', Direction: '-1' },
    { Name: '_id', Direction: '-1' },
  ]);
  expect(appeals.rules).toEqual({ read: false, write: false });
});

test('first deploy on an empty environment creates everything, with every call as expected', async () => {
  const cloud = fakeCloud(ENV);
  const report = await deploy(ctx(cloud));

  const expected: Call[] = [{ method: 'functions.listAllFunctions', args: [{ envId: ENV }], write: false }];
  for (const fn of plan.functions) {
    const envVariables: Record<string, string> = {};
    for (const v of fn.envVariables) envVariables[v] = expect.any(String) as unknown as string;
    expected.push({
      method: 'functions.createFunction',
      write: true,
      args: [{
        func: {
          name: fn.name, timeout: fn.timeout, memorySize: 256, envVariables, description: describeCode(codeHash(functionRoot, fn.name)),
          runtime: 'Nodejs16.13', handler: 'index.main', installDependency: true,
          ...(fn.triggers.length ? { triggers: fn.triggers.map((t) => ({ name: t.name, type: 'timer', config: t.config })) } : {}),
        },
        functionRootPath: functionRoot,
        force: false,
      }],
    });
  }
  expected.push({ method: 'database.listCollections', args: [{ MgoLimit: 100, MgoOffset: 0 }], write: false });
  expected.push({ method: 'commonService', args: ['tcb', '2018-06-08'], write: false });
  for (const c of plan.collections) {
    expected.push({ method: 'database.createCollection', args: [c.name], write: true });
    if (c.indexes.length) expected.push({ method: 'database.updateCollection', args: [c.name, { CreateIndexes: c.indexes }], write: true });
    const param = { EnvId: ENV, CollectionName: c.name, WxAppId: APPID };
    expected.push({ method: 'tcb.DescribeSafeRule', args: [param], write: false });
    expected.push({ method: 'tcb.ModifySafeRule', args: [{ ...param, AclTag: 'CUSTOM', Rule: JSON.stringify(c.rules) }], write: true });
  }
  expected.push({ method: 'storage.getStorageAcl', args: [{ withRule: true }], write: false });
  expected.push({ method: 'storage.setStorageAcl', args: ['CUSTOM', { read: 'resource.openid == auth.openid', write: 'resource.openid == auth.openid' }], write: true });
  expect(cloud.calls).toEqual(expected);

  // The timer triggers came with their functions; functions without config.json triggers have none.
  expect(cloud.state.functions.get('supervise')!.Triggers).toEqual([{ TriggerName: 'supervise', Type: 'timer', TriggerDesc: '0 */10 * * * * *' }]);
  expect(cloud.state.functions.get('ballot')!.Triggers).toEqual([{ TriggerName: 'tally', Type: 'timer', TriggerDesc: '0 */5 * * * * *' }]);
  expect(cloud.state.functions.get('user')!.Triggers).toEqual([]);
  // A unique, multi-field index arrived as the API expects it.
  expect(cloud.state.collections.get('users')!.indexes).toContainEqual({ Name: 'openid_unique', Keys: [{ Name: 'openid', Direction: '1' }], Unique: true });

  // The bootstrap code is printed once; the vote secret is generated but never shown.
  const created = (name: string) => Object.fromEntries(cloud.state.functions.get(name)!.Environment!.Variables!.map((v) => [v.Key, v.Value]));
  expect(created('user').LXQ_BOOTSTRAP_CODE).toMatch(/^[A-HJ-NP-Z2-9]{16}$/);
  expect(created('ballot').LXQ_VOTE_SECRET).toMatch(/^[0-9a-f]{64}$/);
  expect(report.printed).toEqual([{ fn: 'user', name: 'LXQ_BOOTSTRAP_CODE', value: created('user').LXQ_BOOTSTRAP_CODE }]);
  expect(JSON.stringify(report)).not.toContain(created('ballot').LXQ_VOTE_SECRET);
});

test('a second run with nothing changed only reads', async () => {
  const cloud = await deployedCloud();
  const report = await deploy(ctx(cloud));
  expect(cloud.calls).toEqual(expectedReadsOfDeployedEnv(plan));
  expect(cloud.writes()).toEqual([]);
  expect(report.changes).toEqual([]);
  expect(report.printed).toEqual([]);
});

test('a changed timeout updates only that function', async () => {
  const cloud = await deployedCloud();
  const before = cloud.state.functions.get('appeal')!;
  mutate('appeal', (f) => (f.timeout = 30));
  await deploy(ctx(cloud));
  expect(cloud.writes()).toEqual([
    { method: 'functions.updateFunctionConfig', write: true, args: [{ name: 'appeal', timeout: 30, memorySize: 256, envVariables: {}, description: before.Description }] },
  ]);
  expect(cloud.calls.filter((c) => !c.write)).toEqual(expectedReadsOfDeployedEnv(plan));
  expect(cloud.state.functions.get('appeal')!.Timeout).toBe(30);
});

test('an existing LXQ_VOTE_SECRET is kept, even when the deployer sets another one', async () => {
  const cloud = await deployedCloud();
  const ballot = cloud.state.functions.get('ballot')!;
  ballot.Environment = { Variables: [{ Key: 'LXQ_VOTE_SECRET', Value: 'secret-already-in-use' }, { Key: 'TZ', Value: 'Asia/Shanghai' }] };
  const report = await deploy(ctx(cloud, { env: { ...deployerEnv, LXQ_VOTE_SECRET: 'another-secret' } }));
  expect(cloud.writes()).toEqual([]);
  expect(cloud.state.functions.get('ballot')!.Environment!.Variables).toEqual([{ Key: 'LXQ_VOTE_SECRET', Value: 'secret-already-in-use' }, { Key: 'TZ', Value: 'Asia/Shanghai' }]);
  expect(report.warnings).toEqual([expect.stringContaining('LXQ_VOTE_SECRET')]);
  expect(JSON.stringify(report)).not.toContain('secret-already-in-use');
});

test('a vote secret missing on an existing function is generated once and other variables survive', async () => {
  const cloud = await deployedCloud();
  const ballot = cloud.state.functions.get('ballot')!;
  ballot.Environment = { Variables: [{ Key: 'TZ', Value: 'Asia/Shanghai' }] };
  await deploy(ctx(cloud));
  const [w] = cloud.writes();
  expect(cloud.writes()).toHaveLength(1);
  expect(w.method).toBe('functions.updateFunctionConfig');
  const vars = (w.args[0] as { envVariables: Record<string, string> }).envVariables;
  expect(Object.keys(vars).sort()).toEqual(['LXQ_VOTE_SECRET', 'TZ']);
  expect(vars.TZ).toBe('Asia/Shanghai');
  cloud.reset();
  await deploy(ctx(cloud));
  expect(cloud.writes()).toEqual([]);
});

test('the bootstrap code: the deployer’s value replaces the function’s, none set keeps it, nothing printed', async () => {
  const cloud = await deployedCloud();
  const codeOf = () => cloud.state.functions.get('user')!.Environment!.Variables!.find((v) => v.Key === 'LXQ_BOOTSTRAP_CODE')!.Value;
  const first = codeOf();
  const report = await deploy(ctx(cloud, { env: { ...deployerEnv, LXQ_BOOTSTRAP_CODE: 'FROM-DEPLOYER-42' } }));
  expect(cloud.writes().map((w) => w.method)).toEqual(['functions.updateFunctionConfig']);
  expect(codeOf()).toBe('FROM-DEPLOYER-42');
  expect(first).not.toBe('FROM-DEPLOYER-42');
  expect(report.printed).toEqual([]);
  cloud.reset();
  await deploy(ctx(cloud));
  expect(cloud.writes()).toEqual([]);
  expect(codeOf()).toBe('FROM-DEPLOYER-42');
});

test('changed code is uploaded with cloud-installed dependencies, then its hash recorded', async () => {
  const cloud = await deployedCloud();
  writeBuilt('notify', 'exports.main = async () => "v2";');
  await deploy(ctx(cloud));
  const fn = fnPlan('notify');
  expect(cloud.writes()).toEqual([
    { method: 'functions.updateFunctionCode', write: true, args: [{ func: { name: 'notify', runtime: 'Nodejs16.13', handler: 'index.main', installDependency: true }, functionRootPath: functionRoot }] },
    { method: 'functions.updateFunctionConfig', write: true, args: [{ name: 'notify', timeout: fn.timeout, memorySize: 256, envVariables: {}, description: describeCode(codeHash(functionRoot, 'notify')) }] },
  ]);
  expect(cloud.calls.map((c) => c.method)).toContain('functions.waitFunctionActive');
  cloud.reset();
  await deploy(ctx(cloud));
  expect(cloud.writes()).toEqual([]);
});

test('--force-code uploads every function again', async () => {
  const cloud = await deployedCloud();
  await deploy(ctx(cloud, { forceCode: true }));
  expect(cloud.writes().filter((w) => w.method === 'functions.updateFunctionCode')).toHaveLength(plan.functions.length);
  expect(cloud.writes().filter((w) => w.method !== 'functions.updateFunctionCode')).toEqual([]);
});

test('a changed cron replaces that trigger; a timer no config.json declares is removed', async () => {
  const cloud = await deployedCloud();
  cloud.state.functions.get('staff')!.Triggers = [{ TriggerName: 'leftover', Type: 'timer', TriggerDesc: '0 0 3 * * * *' }];
  mutate('supervise', (f) => (f.triggers = [{ ...f.triggers[0], config: '0 */15 * * * * *' }]));
  await deploy(ctx(cloud));
  expect(cloud.writes()).toEqual([
    { method: 'functions.deleteFunctionTrigger', write: true, args: ['staff', 'leftover'] },
    { method: 'functions.deleteFunctionTrigger', write: true, args: ['supervise', 'supervise'] },
    { method: 'functions.createFunctionTriggers', write: true, args: ['supervise', [{ name: 'supervise', type: 'timer', config: '0 */15 * * * * *' }]] },
  ]);
});

test('a timer whose description the API wraps as {"cron": …} counts as unchanged', async () => {
  const cloud = await deployedCloud();
  cloud.state.functions.get('notify')!.Triggers = [{ TriggerName: 'deliver', Type: 'timer', TriggerDesc: '{"cron":"0 */1 * * * * *"}' }];
  await deploy(ctx(cloud));
  expect(cloud.writes()).toEqual([]);
});

test('a changed index is dropped and re-created; a missing one is created; extra ones are left alone', async () => {
  const cloud = await deployedCloud();
  const users = cloud.state.collections.get('users')!;
  users.indexes = users.indexes.filter((i) => i.Name !== 'role').map((i) => (i.Name === 'openid_unique' ? { ...i, Unique: false } : i));
  users.indexes.push({ Name: 'console_made', Keys: [{ Name: 'x', Direction: '1' }], Unique: false });
  // Re-created: the changed one and the missing one, in the plan's order; the others stay as they are.
  const want = plan.collections.find((c) => c.name === 'users')!.indexes.filter((i) => ['openid_unique', 'role'].includes(i.IndexName));
  expect(want).toHaveLength(2);
  const report = await deploy(ctx(cloud));
  expect(cloud.writes()).toEqual([
    { method: 'database.updateCollection', write: true, args: ['users', { DropIndexes: [{ IndexName: 'openid_unique' }] }] },
    // Only the two it dropped or lost; the collection's other indexes are untouched.
    { method: 'database.updateCollection', write: true, args: ['users', { CreateIndexes: want.filter((i: { IndexName: string }) => ['openid_unique', 'role'].includes(i.IndexName)) }] },
  ]);
  expect(report.warnings).toEqual([expect.stringContaining('console_made')]);
});

test('rules changed in the console are put back; the runtime of an existing function is only reported', async () => {
  const cloud = await deployedCloud();
  cloud.state.collections.get('appeals')!.acl = { AclTag: 'READONLY' };
  cloud.state.storage = { acl: 'CUSTOM', rule: { read: true, write: 'resource.openid == auth.openid' } };
  cloud.state.functions.get('directory')!.Runtime = 'Nodejs18.15';
  const report = await deploy(ctx(cloud));
  expect(cloud.writes()).toEqual([
    { method: 'tcb.ModifySafeRule', write: true, args: [{ EnvId: ENV, CollectionName: 'appeals', WxAppId: APPID, AclTag: 'CUSTOM', Rule: '{"read":false,"write":false}' }] },
    { method: 'storage.setStorageAcl', write: true, args: ['CUSTOM', { read: 'resource.openid == auth.openid', write: 'resource.openid == auth.openid' }] },
  ]);
  expect(report.warnings).toEqual([expect.stringContaining('Nodejs18.15')]);
});

test('an existing collection created elsewhere gets only its missing indexes and rules', async () => {
  const cloud = fakeCloud(ENV);
  cloud.state.collections.set('outbox', { indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }], acl: { AclTag: 'CUSTOM', Rule: '{"write":false,"read":false}' } });
  await deploy(ctx(cloud));
  const outbox = cloud.writes().filter((w) => JSON.stringify(w.args).includes('"outbox"'));
  expect(outbox).toEqual([{ method: 'database.updateCollection', write: true, args: ['outbox', { CreateIndexes: plan.collections.find((c) => c.name === 'outbox')!.indexes }] }]);
});

test('a function whose creation failed is created again with its variables; a failed update re-uploads the code', async () => {
  const cloud = await deployedCloud();
  const ballot = cloud.state.functions.get('ballot')!;
  const secret = ballot.Environment!.Variables![0].Value;
  ballot.Status = 'CreateFailed';
  cloud.state.functions.get('staff')!.Status = 'UpdateFailed';
  const report = await deploy(ctx(cloud));
  expect(cloud.writes().map((w) => `${w.method} ${JSON.stringify(w.args[0]).slice(0, 40)}`)).toEqual([
    expect.stringMatching(/^functions\.createFunction \{"func":\{"name":"ballot"/),
    expect.stringMatching(/^functions\.updateFunctionCode \{"func":\{"name":"staff"/),
  ]);
  expect((cloud.writes()[0].args[0] as { func: { envVariables: Record<string, string> } }).func.envVariables).toEqual({ LXQ_VOTE_SECRET: secret });
  expect(report.warnings).toEqual([expect.stringContaining('CreateFailed')]);
  cloud.reset();
  await deploy(ctx(cloud));
  expect(cloud.writes()).toEqual([]);
});
