// The real h5 gateway (cloud.h5.ts + identity.h5.ts + gateway.ts) against a stubbed fetch.
type Fetch = jest.Mock<Promise<any>, [string, any?]>;

const devUsers = [
  { openid: 'o-staff', role: 'staff', name: '王工作' },
  { openid: 'o-res', role: 'resident', name: '李居民' },
  { openid: 'o-dep', role: 'deputy', name: '赵代表', deputyId: 'd1' },
];

function reply(status: number, body: unknown) {
  return { ok: status < 400, status, json: async () => body, text: async () => JSON.stringify(body) };
}

function load() {
  let mods!: {
    // The transport under test takes any function name: the manifest-typed signature is not the point here.
    cloud: { callCloud: import('../../src/services/gateway').LooseCallCloud };
    identity: typeof import('../../src/services/identity.h5');
  };
  jest.isolateModules(() => {
    mods = { cloud: require('../../src/services/cloud'), identity: require('../../src/services/identity') };
  });
  return mods;
}

let fetchMock: Fetch;

beforeEach(() => {
  window.localStorage.clear();
  fetchMock = jest.fn(async (url: string) => {
    if (url === '/api/dev/users') return reply(200, devUsers);
    if (url === '/api/cloud/user') return reply(200, { ok: true, data: { openid: 'x', role: 'resident' } });
    throw new TypeError('Failed to fetch');
  });
  (globalThis as any).fetch = fetchMock;
});

test('posts the event to /api/cloud/<name> as the first resident by default', async () => {
  const { cloud } = load();
  const env = await cloud.callCloud('user', { action: 'whoami' });
  expect(env).toEqual({ ok: true, data: { openid: 'x', role: 'resident' } });
  const [url, init] = fetchMock.mock.calls.find(([u]) => u === '/api/cloud/user')!;
  expect(url).toBe('/api/cloud/user');
  expect(init.method).toBe('POST');
  expect(JSON.parse(init.body)).toEqual({ action: 'whoami' });
  expect(init.headers['X-WX-OPENID']).toBe('o-res');
  expect(window.localStorage.getItem('lxq.devOpenid')).toBe('o-res');
});

test('switching identity persists, notifies, and changes the header', async () => {
  const { cloud, identity } = load();
  await identity.loadDevUsers();
  const seen = jest.fn();
  identity.onIdentityChange(seen);
  identity.setDevOpenid('o-dep');
  expect(seen).toHaveBeenCalledTimes(1);
  expect(window.localStorage.getItem('lxq.devOpenid')).toBe('o-dep');
  await cloud.callCloud('user', { action: 'whoami' });
  const init = fetchMock.mock.calls.filter(([u]) => u === '/api/cloud/user').pop()![1];
  expect(init.headers['X-WX-OPENID']).toBe('o-dep');
});

test('a stored identity is kept when it is still a dev user', async () => {
  window.localStorage.setItem('lxq.devOpenid', 'o-staff');
  const { cloud } = load();
  await cloud.callCloud('user', { action: 'whoami' });
  const init = fetchMock.mock.calls.find(([u]) => u === '/api/cloud/user')![1];
  expect(init.headers['X-WX-OPENID']).toBe('o-staff');
});

test('any typed openid is kept (an empty database lists nobody): it survives a reload and is sent', async () => {
  const first = load();
  await first.identity.loadDevUsers();
  expect(first.identity.setCustomDevOpenid('not valid!')).toBe(false);
  expect(first.identity.setCustomDevOpenid(' wx_new_clerk ')).toBe(true);
  const again = load();
  await again.cloud.callCloud('user', { action: 'whoami' });
  const init = fetchMock.mock.calls.filter(([u]) => u === '/api/cloud/user').pop()![1];
  expect(init.headers['X-WX-OPENID']).toBe('wx_new_clerk');
});

test('with nobody to pick, the browser is a new WeChat user rather than nobody', async () => {
  fetchMock.mockImplementation(async (url: string) => {
    if (url === '/api/dev/users') return reply(200, []);
    if (url === '/api/cloud/user') return reply(200, { ok: true, data: { openid: 'dev_h5_user', role: 'resident' } });
    throw new Error('unexpected');
  });
  const { cloud } = load();
  await cloud.callCloud('user', { action: 'whoami' });
  expect(fetchMock.mock.calls.find(([u]) => u === '/api/cloud/user')![1].headers['X-WX-OPENID']).toBe('dev_h5_user');
});

test('network failure becomes a Chinese NETWORK error (after the allowed retries)', async () => {
  const { cloud } = load();
  const env = await cloud.callCloud('directory', { action: 'stations' }, { retries: 1 });
  expect(env).toEqual({ ok: false, error: { code: 'NETWORK', message: '网络不太好，请稍后重试' } });
  expect(fetchMock.mock.calls.filter(([u]) => u === '/api/cloud/directory')).toHaveLength(2);
});

test('function errors pass through; non-envelope replies become INTERNAL', async () => {
  fetchMock.mockImplementation(async (url: string) => {
    if (url === '/api/dev/users') return reply(200, devUsers);
    if (url === '/api/cloud/denied') return reply(403, { ok: false, error: { code: 'PERMISSION_DENIED', message: '仅代表可用' } });
    if (url === '/api/cloud/html') return { ok: false, status: 500, text: async () => '<html>oops</html>' };
    if (url === '/api/cloud/down') return { ok: false, status: 502, text: async () => 'Bad Gateway' };
    throw new Error('unexpected');
  });
  const { cloud } = load();
  expect(await cloud.callCloud('denied')).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: '仅代表可用' } });
  const html = await cloud.callCloud('html');
  expect(html.ok === false && html.error.code).toBe('INTERNAL');
  const down = await cloud.callCloud('down');
  expect(down.ok === false && down.error.code).toBe('NETWORK');
});

test('a hanging call times out as NETWORK', async () => {
  fetchMock.mockImplementation(async (url: string) => {
    if (url === '/api/dev/users') return reply(200, devUsers);
    return new Promise(() => {});
  });
  const { cloud } = load();
  const env = await cloud.callCloud('slow', {}, { timeoutMs: 50 });
  expect(env.ok === false && env.error.code).toBe('NETWORK');
});

test('shared gateway: wx.cloud function crashes are INTERNAL, other rejections NETWORK, envelopes unwrap', async () => {
  const { createCallCloud, unwrap, CloudError } = require('../../src/services/gateway');
  const crash = createCallCloud(async () => {
    throw { errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' };
  });
  expect(await crash('x')).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务开小差了，请稍后重试' } });
  const offline = createCallCloud(async () => {
    throw { errMsg: 'cloud.callFunction:fail request:fail' };
  });
  expect((await offline('x')).error.code).toBe('NETWORK');
  const weird = createCallCloud(async () => ({ hello: 1 }));
  expect((await weird('x')).error.code).toBe('INTERNAL');
  const noMessage = createCallCloud(async () => ({ ok: false, error: { code: 'RATE_LIMITED' } }));
  expect((await noMessage('x')).error.message).toBe('操作太频繁，请稍后再试');

  expect(unwrap({ ok: true, data: 5 })).toBe(5);
  let thrown: any;
  try {
    unwrap({ ok: false, error: { code: 'NOT_FOUND', message: '诉求不存在' } });
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(CloudError);
  expect(thrown.code).toBe('NOT_FOUND');
  expect(thrown.message).toBe('诉求不存在');
});
