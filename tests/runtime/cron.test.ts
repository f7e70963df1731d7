import { toCronerPattern } from '../../runtime/functionHost';

describe('WeChat timer cron', () => {
  it('drops the 7th (year) field', () => {
    expect(toCronerPattern('0 0 2 * * * *')).toBe('0 0 2 * * *');
  });
  it('refuses 6-field and year-specific configs', () => {
    expect(() => toCronerPattern('0 0 2 * * *')).toThrow(/7 fields/);
    expect(() => toCronerPattern('0 0 2 * * * 2027')).toThrow(/year/);
  });
});
