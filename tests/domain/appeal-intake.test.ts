/** Submit as a command from `new`: the first step, the first state, its two audit entries and who is told. */
import { checkDailyLimit, intakeStep, submitAppeal } from '../../domain/appeals/intake';
import { DEFAULT_SLA } from '../../domain/appeals/supervision';
import { ctx, deputy, NOW, routedTo } from './factories';

const submitter = { openid: 'r1', role: 'resident' as const };

describe('the first step', () => {
  it('routes only checked content from an account in good standing', () => {
    expect(intakeStep('pass', false)).toBe('route');
    expect(intakeStep('pass', true)).toBe('hold');
    expect(intakeStep('review', false)).toBe('hold');
    expect(intakeStep('error', false)).toBe('hold');
  });
  it('refuses risky content whoever sends it', () => {
    expect(intakeStep('risky', false)).toBe('content_reject');
    expect(intakeStep('risky', true)).toBe('content_reject');
  });
});

describe('submitAppeal', () => {
  it('routed to a deputy: assigned with deadlines from now, the deputy told, submit then route in the audit', () => {
    const o = submitAppeal({ submitter, verdict: 'pass', blocked: false, routed: routedTo(deputy()) }, ctx());
    expect(o).toMatchObject({ command: 'submit', from: 'new', to: 'assigned' });
    expect(o.patch).toMatchObject({ status: 'assigned', assigneeDeputyId: 'd02', assigneeName: '李明', pastAssigneeIds: [], transfers: [], reopenCount: 0, supervised: false, overdue: false, landedAt: NOW, escalationLevel: 0 });
    expect(o.patch.routing?.chosen).toBe('d02');
    expect(o.audit).toEqual([
      { action: 'submit', actorRole: 'resident', actorOpenid: 'r1', from: 'new', to: 'new' },
      { action: 'route', actorRole: 'system', from: 'new', to: 'assigned', note: '青石社区的值班代表中，李明代表当前待办最少，已转给李明代表' },
    ]);
    expect(o.events).toEqual([{ type: 'tell_deputy', openid: 'dep-d02', reason: 'new', categoryName: '住房物业' }]);
  });

  it('no deputy on the roster: staff triage, nobody pushed', () => {
    const o = submitAppeal({ submitter, verdict: 'pass', blocked: false, routed: routedTo(undefined) }, ctx());
    expect(o.to).toBe('triage');
    expect(o.patch.assigneeDeputyId).toBeUndefined();
    expect(o.events).toEqual([]);
  });

  it('held for review says why: a held account, a check that wants review, or one that could not answer', () => {
    expect(submitAppeal({ submitter, verdict: 'pass', blocked: true }, ctx()).audit[1]).toEqual({ action: 'hold', actorRole: 'system', from: 'new', to: 'pending_review', note: '账号受限，待人工审核' });
    expect(submitAppeal({ submitter, verdict: 'review', blocked: false }, ctx()).audit[1].note).toBe('内容需人工复核');
    expect(submitAppeal({ submitter, verdict: 'error', blocked: false }, ctx()).audit[1].note).toBe('内容检查暂不可用，待人工审核');
    expect(submitAppeal({ submitter, verdict: 'review', blocked: false }, ctx()).patch.status).toBe('pending_review');
  });

  it('risky content is stored as rejected with the reason', () => {
    const o = submitAppeal({ submitter, verdict: 'risky', blocked: false }, ctx());
    expect(o.patch).toMatchObject({ status: 'rejected', rejectReason: '内容未通过安全检查' });
    expect(o.audit[1]).toMatchObject({ action: 'content_reject', note: '内容安全检查未通过' });
  });

  it('routing is required to route', () => {
    expect(() => submitAppeal({ submitter, verdict: 'pass', blocked: false }, ctx())).toThrow(/routing/);
  });
});

describe('daily limit', () => {
  it('allows up to the limit per China day, then says so', () => {
    expect(checkDailyLimit(DEFAULT_SLA.dailySubmitLimit - 1, DEFAULT_SLA)).toBeNull();
    expect(checkDailyLimit(DEFAULT_SLA.dailySubmitLimit, DEFAULT_SLA)).toEqual({ ok: false, code: 'RATE_LIMITED', message: '今天已提交 5 条诉求（每人每天最多 5 条），请明天再提交；紧急情况请拨打街道电话' });
    expect(checkDailyLimit(DEFAULT_SLA.dailySubmitLimit, DEFAULT_SLA, '0571-88000100')).toMatchObject({ message: expect.stringContaining('请拨打街道电话 0571-88000100') });
  });
});
