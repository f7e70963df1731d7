/** WeChat's subscribe-message field rules as the stand-in applies them, and the product's values against them. */
import { buildTemplateData, fitField } from '../../domain/notifications/templateData';
import { checkMsgSecCheck, checkSubscribeSend, checkValue, templatesFrom, type FieldType } from '../../runtime/openapiChecks';
import wechat from '../../config/wechat.json';
import { rng } from '../support/random';

describe('field types', () => {
  const cases: [FieldType, string[], string[], string[]][] = [
    // type, accepted, invalid characters, too long
    ['thing', ['路灯不亮', '3号楼 A 单元…', '一二三四五六七八九十一二三四五六七八九十'], ['', '路灯\n不亮'], ['一二三四五六七八九十一二三四五六七八九十一']],
    ['number', ['42', '3.14', '-7'], ['4 2', '12a', '1.'], ['1'.repeat(33)]],
    ['letter', ['abc', 'XYZ'], ['ab1', '中文'], ['a'.repeat(33)]],
    ['symbol', ['-', '%$#', '…'], ['a', '1', '中'], ['!!!!!!']],
    ['character_string', ['20261128-0042', 'A_b.c/1'], ['编号1', 'a b\tc'], ['x'.repeat(33)]],
    ['time', ['15:01', '15:01:09', '2019年10月1日 15:01', '2019-10-01 15:01', '10:00~12:00'], ['2019年10月1日', '25:00', '下午三点'], []],
    ['date', ['2019年10月1日', '2019年10月1日 15:01', '2018-01-01', '2018/01', '01-01', '2019年10月1日~2019年10月3日'], ['15:01', '十月一日'], []],
    ['amount', ['¥100', '¥12.50', '100元', '¥3.5元'], ['一百元', '$1,000', '¥12345678901'], []],
    ['phone_number', ['13800138000', '+86-0766-66888866'], ['电话138', 'abc'], ['1'.repeat(18)]],
    ['car_number', ['粤A8Z888挂', '京A12345'], ['粤A-8Z88', '粤中8Z888'], ['粤A8Z8888挂']],
    ['name', ['林小雨', 'Lin Xiaoyu', '欧阳一二三四五六七八'], ['林小雨1', '林…'], ['欧阳一二三四五六七八九', 'a'.repeat(21)]],
    ['phrase', ['配送中', '已答复', '自动办结'], ['已答复…', 'OK', '已 答复'], ['已答复待评价']],
  ];
  test.each(cases)('%s', (type, ok, invalid, long) => {
    for (const v of ok) expect([v, checkValue(type, v)]).toEqual([v, 'ok']);
    for (const v of invalid) expect([v, checkValue(type, v)]).toEqual([v, 'invalid']);
    for (const v of long) expect([v, checkValue(type, v)]).toEqual([v, 'exceeds limit']);
  });
});

describe('requests', () => {
  const templates = templatesFrom(wechat);
  const good = { touser: 'o1', template_id: 'TEMPLATE_ID_SUPERVISION', data: { character_string1: { value: 'A-1' }, thing2: { value: '路灯' }, time3: { value: '2026年1月2日 09:00' } } };
  test('unknown template → 40037; bad value → 47003 with the key; missing openid → 40003', () => {
    expect(checkSubscribeSend(good, templates)).toBeUndefined();
    expect(checkSubscribeSend({ ...good, template_id: 'nope' }, templates)?.errcode).toBe(40037);
    expect(checkSubscribeSend({ ...good, data: { ...good.data, time3: { value: '明天' } } }, templates)).toMatchObject({ errcode: 47003, errmsg: expect.stringMatching(/^argument invalid! data\.time3\.value invalid/) });
    expect(checkSubscribeSend({ ...good, touser: '' }, templates)?.errcode).toBe(40003);
  });
  test('msgSecCheck: over 2,500 characters is refused', () => {
    expect(checkMsgSecCheck({ version: 2, openid: 'o', scene: 2, content: '字'.repeat(2500) })).toBeUndefined();
    expect(checkMsgSecCheck({ version: 2, openid: 'o', scene: 2, content: '字'.repeat(2501) })?.errcode).toBe(47001);
  });
  test('a template field of an unknown type is refused when the config loads', () => {
    expect(() => templatesFrom({ subscribeTemplates: { x: { templateId: 'T', fields: { a: 'weird1' } } } })).toThrow(/unknown type/);
  });
});

describe('what the product builds always fits', () => {
  test('fitField output passes WeChat’s check for any input', () => {
    const r = rng(20261202);
    const alphabet = ['路', '灯', '不', '亮', 'a', 'Z', '7', ' ', '\n', '，', '…', '😀', '-', '#', '０', '.', '\t'];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: r.int(40) }, () => r.pick(alphabet)).join('');
      for (const key of ['thing1', 'character_string2', 'phrase3', 'name4', 'number5'] as const) {
        const type = key.replace(/\d+$/, '') as FieldType;
        const value = fitField(key, text);
        expect([key, text, value, checkValue(type, value)]).toEqual([key, text, value, 'ok']);
      }
    }
    const at = new Date(Date.UTC(2027, 5, 30, 23, 59));
    expect(checkValue('time', fitField('time4', at))).toBe('ok');
    expect(checkValue('date', fitField('date1', at))).toBe('ok');
  });

  test('every configured template accepts what buildTemplateData makes of awkward values', () => {
    for (const tpl of Object.values(wechat.subscribeTemplates)) {
      const values = Object.fromEntries(Object.keys(tpl.fields).map((k) => [k, k === 'time' || k === 'deadline' ? new Date(0) : '已答复，待您评价：小区东门路灯已经连续一个星期不亮了\n晚上出行很不方便 20261128-0042']));
      const data = buildTemplateData(tpl.fields, values);
      expect(checkSubscribeSend({ touser: 'o', template_id: tpl.templateId, data }, templatesFrom(wechat))).toBeUndefined();
    }
  });
});
