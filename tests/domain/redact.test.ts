import { redactForPublic } from '../../domain/appeals/redact';

const PHONE = '[手机号已隐藏]';
const NAME = '[姓名已隐藏]';
const ROOM = '[门牌已隐藏]';
const ID = '[身份证号已隐藏]';

describe('echo wall redaction', () => {
  it('hides phones, ID numbers, landlines, e-mail and the contact name', () => {
    const text = '我是林女士，电话13812345678，座机0571-88001234，身份证330102199001011234，邮箱lin@example.com';
    const out = redactForPublic(text, ['林女士']);
    expect(out).not.toMatch(/13812345678|88001234|330102199001011234|lin@example\.com|林女士/);
    expect(out).toContain(PHONE);
    expect(out).toContain(NAME);
  });

  it.each([
    ['138-1234-5678'],
    ['138 1234 5678'],
    ['1381234 5678'],
    ['+86 138 1234 5678'],
    ['+86-13812345678'],
    ['008613812345678'],
    ['86 13812345678'],
    ['138.1234.5678'],
    ['１３８１２３４５６７８'],
    ['138　1234　5678'],
  ])('hides the mobile number %s', (phone) => {
    const out = redactForPublic(`有事请打${phone}找我`);
    expect(out).toBe(`有事请打${PHONE}找我`);
  });

  it.each([['0571-88001234'], ['(0571)88001234'], ['（010）12345678'], ['021 6543 2100'], ['0755-8888-6666']])('hides the landline %s', (tel) => {
    expect(redactForPublic(`座机${tel}`)).not.toMatch(/\d{4}/);
  });

  it.each([['330102199001011234'], ['33010219900101123X'], ['330102 19900101 1234'], ['330102-1990-0101-1234'], ['3301 0219 9001 0112 34'], ['330102900101123']])('hides the ID number %s', (id) => {
    const out = redactForPublic(`身份证号${id}。`);
    expect(out).toBe(`身份证号${ID}。`);
  });

  it.each([['lin@example.com'], ['Lin.Wei+wall@mail.example.com.cn'], ['wy＠example.com']])('hides the e-mail %s', (mail) => {
    expect(redactForPublic(`邮箱 ${mail} 谢谢`)).toBe('邮箱 [邮箱已隐藏] 谢谢');
  });

  it.each([['5栋301'], ['5栋3单元301'], ['3号楼2单元502室'], ['12幢1203'], ['B座1203'], ['3-2-502'], ['502室'], ['1201房'], ['七栋502']])('hides the house number %s', (room) => {
    const out = redactForPublic(`我住${room}，楼下很吵`);
    expect(out).toBe(`我住${ROOM}，楼下很吵`);
  });

  it('hides names a resident introduces (我叫 / 我是 / 姓), wherever they appear again', () => {
    expect(redactForPublic('我叫张伟，住5栋301，电话 139 0000 1111。张伟的家人也反映过')).toBe(`我叫${NAME}，住${ROOM}，电话 ${PHONE}。${NAME}的家人也反映过`);
    expect(redactForPublic('我是李娜，楼下垃圾没人清')).toBe(`我是${NAME}，楼下垃圾没人清`);
    expect(redactForPublic('本人姓王，住在东门')).toBe(`本人姓${NAME}，住在东门`);
    expect(redactForPublic('免贵姓欧阳，家住西区')).toBe(`免贵姓${NAME}，家住西区`);
    expect(redactForPublic('名叫赵小明的孩子')).toBe(`名叫${NAME}的孩子`);
  });

  it('hides a surname with a form of address (王师傅, 林女士, 张阿姨)', () => {
    expect(redactForPublic('请联系王师傅或林女士，张阿姨也知道')).toBe(`请联系${NAME}或${NAME}，${NAME}也知道`);
  });

  it('hides the contact name and the submitter’s nickname, even a one-character surname form', () => {
    expect(redactForPublic('老周说过很多次了，周建国很着急', ['周建国', '老周'])).toBe(`${NAME}说过很多次了，${NAME}很着急`);
  });

  it('hides WeChat and QQ ids given as contact, and plates', () => {
    expect(redactForPublic('加微信 lin_2024abc 或 QQ：12345678，车牌浙A·12345')).toBe('加微信 [联系方式已隐藏] 或 QQ：[联系方式已隐藏]，车牌[车牌已隐藏]');
  });

  it.each([
    ['3号楼2单元，路灯坏了12天'],
    ['小区3号楼楼道灯坏了一个月，晚上老人上下楼很危险'],
    ['2026年11月28日起停水，预计2026-11-30恢复'],
    ['维修费用约5000元，共涉及120户'],
    ['青石路88号小区门口的路灯坏了两个星期'],
    ['我是一名退休教师，我是这个小区的住户'],
    ['受理编号20261128-04217的诉求已办结'],
    ['姓名不详的路人，老人们都很着急'],
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactForPublic(text)).toBe(text);
  });

  it('is idempotent: redacting the public text again changes nothing', () => {
    const once = redactForPublic('我叫张伟，住5栋301，电话 139 0000 1111，邮箱 a@b.cn');
    expect(redactForPublic(once)).toBe(once);
  });
});
