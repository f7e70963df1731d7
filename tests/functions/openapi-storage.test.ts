/** The openapi stand-ins and storage, driven by the real wx-server-sdk over the runtime's /admin endpoint. */
import { freshOpenid } from '../factories/ids';
import { adminCloud } from '../support/cloudAdmin';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let cloud: any;
// The stand-ins check an openid's shape, not who it is: anyone will do.
const RESIDENT = freshOpenid('resident');
const DEPUTY = freshOpenid('deputy');

useRuntime((r) => {
  rt = r;
  cloud = adminCloud(r);
});

describe('security.msgSecCheck stand-in', () => {
  it.each([
    ['今天小区路灯坏了', 'pass'],
    ['【测试复核】需要人工看看', 'review'],
    ['【测试违规】违规内容', 'risky'],
  ])('%s → %s', async (content, suggest) => {
    const res = await cloud.openapi.security.msgSecCheck({ openid: RESIDENT, scene: 2, version: 2, content });
    expect(res.result.suggest).toBe(suggest);
  });
});

describe('subscribeMessage.send stand-in', () => {
  // appealStatus in config/wechat.json: character_string1, phrase2, thing3, time4.
  const TPL = 'TEMPLATE_ID_APPEAL_STATUS';
  const valid = { character_string1: { value: '20261128-0042' }, phrase2: { value: '已答复' }, thing3: { value: '路灯不亮' }, time4: { value: '2026年11月28日 09:05' } };
  const send = (data: object, templateId = TPL) => cloud.openapi.subscribeMessage.send({ touser: DEPUTY, templateId, page: 'pages/index/index', data, miniprogramState: 'formal' });

  it('records the message in the outbox', async () => {
    await send(valid);
    const outbox: any[] = await rt.dev('outbox');
    expect(outbox.pop()).toMatchObject({ apiName: 'subscribeMessage.send', touser: DEPUTY, templateId: TPL, data: valid, result: 'ok' });
  });
  it('surfaces an injected 43101 as the WeChat error code, once', async () => {
    await rt.dev('faults', { rules: [{ apiName: 'subscribeMessage.send', fault: { kind: 'errcode', errcode: 43101 }, remaining: 1 }] });
    await expect(send(valid)).rejects.toMatchObject({ errCode: 43101 });
    await expect(send(valid)).resolves.toBeDefined();
  });
  it('refuses an unknown template with 40037', async () => {
    await expect(send(valid, 'TPL_NOT_CONFIGURED')).rejects.toMatchObject({ errCode: 40037, errMsg: expect.stringMatching(/invalid template_id/) });
  });
  it.each([
    ['a phrase cut with an ellipsis', { phrase2: { value: '已答复待…' } }, /data\.phrase2\.value invalid/],
    ['a phrase of 6 Chinese characters', { phrase2: { value: '已答复待评价' } }, /data\.phrase2\.value exceeds limit/],
    ['a phrase with a Latin letter', { phrase2: { value: 'OK了' } }, /data\.phrase2\.value invalid/],
    ['a thing of 21 characters', { thing3: { value: '一二三四五六七八九十一二三四五六七八九十一' } }, /data\.thing3\.value exceeds limit/],
    ['a character_string with Chinese', { character_string1: { value: '编号20261128' } }, /data\.character_string1\.value invalid/],
    ['a character_string of 33 characters', { character_string1: { value: 'x'.repeat(33) } }, /exceeds limit/],
    ['a time without a clock time', { time4: { value: '2026年11月28日' } }, /data\.time4\.value invalid/],
    ['a thing with a newline', { thing3: { value: '路灯\n不亮' } }, /data\.thing3\.value invalid/],
  ])('refuses %s with 47003', async (_name, bad, message) => {
    await expect(send({ ...valid, ...bad })).rejects.toMatchObject({ errCode: 47003, errMsg: expect.stringMatching(message) });
    const last = (await rt.dev('outbox')).pop();
    expect(last).toMatchObject({ result: 'error', errcode: 47003 });
  });
});

describe('security.msgSecCheck checks the request', () => {
  it('refuses content over 2,500 characters', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ openid: RESIDENT, scene: 2, version: 2, content: '街'.repeat(2501) })).rejects.toMatchObject({ errCode: 47001 });
    await expect(cloud.openapi.security.msgSecCheck({ openid: RESIDENT, scene: 2, version: 2, content: '街'.repeat(2500) })).resolves.toMatchObject({ result: { suggest: 'pass' } });
  });
  it('refuses a bad scene or a missing openid (version 2)', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ openid: RESIDENT, scene: 5, version: 2, content: '路灯' })).rejects.toMatchObject({ errCode: 40129 });
    await expect(cloud.openapi.security.msgSecCheck({ scene: 2, version: 2, content: '路灯' })).rejects.toMatchObject({ errCode: 40003 });
  });
});

describe('security.mediaCheckAsync stand-in', () => {
  it('checks the request as WeChat does and answers a trace id (the verdict comes later, as a push)', async () => {
    await expect(cloud.openapi.security.mediaCheckAsync({ mediaUrl: 'not-a-url', mediaType: 2, version: 2, scene: 2, openid: RESIDENT })).rejects.toMatchObject({ errCode: 40001 });
    await expect(cloud.openapi.security.mediaCheckAsync({ mediaUrl: 'https://example.com/a.jpg', mediaType: 3, version: 2, scene: 2, openid: RESIDENT })).rejects.toMatchObject({ errCode: 40001 });
    await expect(cloud.openapi.security.mediaCheckAsync({ mediaUrl: 'https://example.com/a.jpg', mediaType: 2, version: 2, scene: 9, openid: RESIDENT })).rejects.toMatchObject({ errCode: 40003 });
    const res = await cloud.openapi.security.mediaCheckAsync({ mediaUrl: 'https://example.com/a.jpg', mediaType: 2, version: 2, scene: 2, openid: RESIDENT });
    expect(res.traceId ?? res.trace_id).toMatch(/^local-media-/);
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
