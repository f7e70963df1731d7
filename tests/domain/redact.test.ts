import { redactForPublic } from '../../domain/appeals/redact';

describe('echo wall redaction', () => {
  it('hides phones, ID numbers, landlines, e-mail and the contact name', () => {
    const text = '我是林女士，电话13812345678，座机0571-88001234，身份证330102199001011234，邮箱lin@example.com';
    const out = redactForPublic(text, ['林女士']);
    expect(out).not.toMatch(/13812345678|88001234|330102199001011234|lin@example\.com|林女士/);
    expect(out).toContain('[手机号已隐藏]');
    expect(out).toContain('[姓名已隐藏]');
  });
  it('leaves ordinary numbers alone', () => {
    expect(redactForPublic('3号楼2单元，路灯坏了12天')).toBe('3号楼2单元，路灯坏了12天');
  });
});
