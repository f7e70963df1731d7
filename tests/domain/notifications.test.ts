import { isPermanentSendError, nextAttemptDelayMs } from '../../domain/notifications/backoff';
import { statusPhrase } from '../../domain/appeals/labels';
import { buildTemplateData, fitField, formatWechatTime } from '../../domain/notifications/templateData';

describe('template field limits', () => {
  it('cuts thing to 20 characters with an ellipsis', () => {
    const v = fitField('thing3', '小区东门路灯已经连续一个星期不亮了，晚上出行很不方便');
    expect(Array.from(v)).toHaveLength(20);
    expect(v.endsWith('…')).toBe(true);
  });
  it('keeps character_string ASCII and ≤ 32', () => {
    expect(fitField('character_string1', '20261128-0042 编号')).toBe('20261128-0042');
    expect(fitField('character_string1', 'x'.repeat(40))).toHaveLength(32);
  });
  it('keeps phrase to at most 5 Chinese characters and nothing else (no ellipsis: WeChat refuses it)', () => {
    expect(fitField('phrase2', '已答复，待您评价')).toBe('已答复待您');
    expect(fitField('phrase2', '办理中')).toBe('办理中');
    expect(fitField('phrase2', 'OK!')).toBe('有更新');
  });
  it('gives every appeal status a phrase WeChat accepts', () => {
    const statuses = ['pending_review', 'triage', 'assigned', 'in_progress', 'replied', 'closed', 'rejected'] as const;
    const phrases = [...statuses.map((s) => statusPhrase(s)), statusPhrase('assigned', { reopenCount: 1 }), statusPhrase('closed', { closedReason: 'unrated' })];
    for (const p of phrases) expect(p).toMatch(/^[\u4e00-\u9fff]{1,5}$/);
    expect(new Set(phrases).size).toBe(phrases.length);
  });
  it('keeps name to 10 Chinese characters without an ellipsis', () => {
    expect(fitField('name1', '欧阳一二三四五六七八九十')).toBe('欧阳一二三四五六七八');
  });
  it('formats time the WeChat way in China time', () => {
    expect(formatWechatTime(new Date('2026-11-28T01:05:00Z'))).toBe('2026年11月28日 09:05');
  });
  it('maps logical values through a template field map', () => {
    const data = buildTemplateData({ trackingNo: 'character_string1', summary: 'thing3' }, { trackingNo: '20261128-0001', summary: '路灯' });
    expect(data).toEqual({ character_string1: { value: '20261128-0001' }, thing3: { value: '路灯' } });
  });
  it('refuses unknown field kinds', () => {
    expect(() => fitField('weird1', 'x')).toThrow();
  });
});

describe('outbox backoff', () => {
  it('doubles up to a cap', () => {
    expect([1, 2, 3].map((n) => nextAttemptDelayMs(n))).toEqual([30_000, 60_000, 120_000]);
    expect(nextAttemptDelayMs(20)).toBe(30 * 60_000);
  });
  it('knows which WeChat errors are permanent', () => {
    expect(isPermanentSendError(43101)).toBe(true);
    expect(isPermanentSendError(-1)).toBe(false);
  });
});
