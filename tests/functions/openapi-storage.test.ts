/** The openapi stand-ins and storage, driven by the real wx-server-sdk over the runtime's /admin endpoint. */
import { startRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let cloud: any;

beforeAll(async () => {
  rt = await startRuntime();
  Object.assign(process.env, {
    TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y', TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: 'lianxin-local', TCB_ENV: 'lianxin-local',
  });
  cloud = require('wx-server-sdk');
  cloud.init({ env: 'lianxin-local', serviceUrl: `${rt.url}/admin` });
});
afterAll(async () => { await rt?.stop(); });

describe('security.msgSecCheck stand-in', () => {
  it.each([
    ['今天小区路灯坏了', 'pass'],
    ['【测试复核】需要人工看看', 'review'],
    ['【测试违规】违规内容', 'risky'],
  ])('%s → %s', async (content, suggest) => {
    const res = await cloud.openapi.security.msgSecCheck({ openid: 'dev_resident_1', scene: 2, version: 2, content });
    expect(res.result.suggest).toBe(suggest);
  });
});

describe('subscribeMessage.send stand-in', () => {
  it('records the message in the outbox', async () => {
    await cloud.openapi.subscribeMessage.send({ touser: 'dev_deputy_d01', templateId: 'TPL_TEST', page: 'pages/index/index', data: { thing1: { value: '路灯不亮' } } });
    const outbox: any[] = await rt.dev('outbox');
    expect(outbox).toContainEqual(expect.objectContaining({ apiName: 'subscribeMessage.send', touser: 'dev_deputy_d01', templateId: 'TPL_TEST', data: { thing1: { value: '路灯不亮' } } }));
  });
  it('surfaces an injected 43101 as the WeChat error code, once', async () => {
    await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'errcode', errcode: 43101 }, remaining: 1 }] });
    await expect(cloud.openapi.subscribeMessage.send({ touser: 'u', templateId: 'T', data: {} })).rejects.toMatchObject({ errCode: 43101 });
    await expect(cloud.openapi.subscribeMessage.send({ touser: 'u', templateId: 'T', data: {} })).resolves.toBeDefined();
  });
});

describe('phonenumber.getPhoneNumber stand-in', () => {
  it('answers the number encoded in a test code', async () => {
    const res = await cloud.openapi.phonenumber.getPhoneNumber({ code: 'phone:13912345678' });
    expect(res.phoneInfo.purePhoneNumber).toBe('13912345678');
  });
});

describe('cloud storage', () => {
  it('uploads a file and serves it back through a temp URL', async () => {
    const { fileID } = await cloud.uploadFile({ cloudPath: 'appeals/test/photo.txt', fileContent: Buffer.from('照片内容') });
    expect(fileID).toMatch(/^cloud:\/\//);
    const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] });
    expect(fileList[0]).toMatchObject({ fileID, status: 0 });
    const res = await fetch(fileList[0].tempFileURL);
    expect(await res.text()).toBe('照片内容');
  });
  it('refuses paths that escape the storage folder', async () => {
    const { fileList } = await cloud.getTempFileURL({ fileList: ['cloud://x.local/../../etc/passwd'] });
    expect(fileList[0].status).not.toBe(0);
    expect(fileList[0].tempFileURL).toBe('');
  });
});
