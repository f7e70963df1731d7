/** What each appeal command causes beside the status: the patch, the audit entry, the notices, the duty points. */
import { decideAppeal, type AppealDecision, type AppealOutcome } from '../../domain/appeals/commands';
import { appeal, ctx, daysFrom, deputy, lateToAccept, NOW, people, routedTo } from './factories';

const ok = (d: AppealDecision): AppealOutcome => {
  if (!d.ok) throw new Error(`refused: ${d.code} ${d.message}`);
  return d;
};
const types = (o: AppealOutcome) => o.events.map((e) => e.type);

describe('deputy commands', () => {
  it('accept: settles the acceptance stage, keeps the reply deadline in view, tells the resident', () => {
    const a = appeal('assigned');
    const o = ok(decideAppeal(a, people.assignee, { command: 'accept' }, ctx()));
    expect(o.patch).toMatchObject({ status: 'in_progress', acceptedAt: NOW, overdue: false, nextSupervisionAt: a.replyDeadline });
    expect(o.audit).toEqual([{ action: 'accept', actorRole: 'deputy', actorOpenid: 'dep-d01', from: 'assigned', to: 'in_progress', note: '代表已受理' }]);
    expect(o.events).toEqual([{ type: 'tell_submitter', body: '代表已受理您的诉求，正在办理。', headline: '代表已受理您的诉求' }]);
  });

  it('accept after the reply deadline passed: still overdue, looked at again at once', () => {
    const o = ok(decideAppeal(appeal('assigned', { replyDeadline: daysFrom(NOW, -1) }), people.assignee, { command: 'accept' }, ctx()));
    expect(o.patch).toMatchObject({ overdue: true, nextSupervisionAt: NOW });
  });

  it('transfer: appends the department, keeps the status', () => {
    const a = appeal('in_progress', { transfers: [{ department: '物业', note: '先行处理', at: daysFrom(NOW, -2) }] });
    const o = ok(decideAppeal(a, people.assignee, { command: 'transfer', department: '街道城管科', note: '请维修路灯' }, ctx()));
    expect(o.patch.transfers).toEqual([...a.transfers, { department: '街道城管科', note: '请维修路灯', at: NOW }]);
    expect(o.to).toBe('in_progress');
    expect(o.audit[0].note).toBe('交办街道城管科：请维修路灯');
  });

  it('reply: stores the outcome, stops supervision and earns duty points (more when implemented)', () => {
    const implemented = ok(decideAppeal(appeal('in_progress'), people.assignee, { command: 'reply', content: '路灯已修复。', resolution: 'implemented' }, ctx()));
    expect(implemented.patch).toMatchObject({ status: 'replied', resolution: 'implemented', repliedAt: NOW, overdue: false, nextSupervisionAt: null, reply: { content: '路灯已修复。', at: NOW, resolution: 'implemented', deputyId: 'd01' } });
    const points = implemented.events.flatMap((e) => (e.type === 'duty_points' ? e.entries : []));
    expect(points.map((p) => [p._id, p.points, p.status])).toEqual([['appeal_replied-a1-d01-v4', 2, 'pending'], ['appeal_implemented-a1-d01-v4', 1, 'pending']]);
    const explained = ok(decideAppeal(appeal('assigned'), people.assignee, { command: 'reply', content: '依法暂不能办理。', resolution: 'explained' }, ctx()));
    expect(explained.events.flatMap((e) => (e.type === 'duty_points' ? e.entries.map((x) => x.event) : []))).toEqual(['appeal_replied']);
    expect(explained.audit[0].note).toBe('【解释说明】依法暂不能办理。');
  });
});

describe('rating', () => {
  it('满意 closes as rated and earns a point; 基本满意 closes without one', () => {
    const sat = ok(decideAppeal(appeal('replied'), people.submitter, { command: 'rate', rating: 'satisfied', comment: '很及时', deputy: null, categoryName: '' }, ctx()));
    expect(sat.command).toBe('rate_close');
    expect(sat.patch).toMatchObject({ status: 'closed', closedReason: 'rated', closedAt: NOW, rating: { value: 'satisfied', comment: '很及时', at: NOW } });
    expect(sat.audit[0]).toMatchObject({ action: 'rate_close', actorRole: 'resident', note: '满意：很及时' });
    expect(types(sat)).toEqual(['duty_points']);
    const basic = ok(decideAppeal(appeal('replied'), people.submitter, { command: 'rate', rating: 'basically_satisfied', deputy: null, categoryName: '' }, ctx()));
    expect(basic.events).toEqual([]);
  });

  it('不满意 lands it back with its deputy under supervision, with fresh deadlines, the deputy told', () => {
    const back = deputy({ _id: 'd01', name: '王建国', openid: 'dep-d01' });
    const o = ok(decideAppeal(appeal('replied'), people.submitter, { command: 'rate', rating: 'unsatisfied', deputy: back, categoryName: '住房物业' }, ctx()));
    expect(o.command).toBe('rate_redo');
    expect(o.patch).toMatchObject({ status: 'assigned', reopenCount: 1, supervised: true, assigneeDeputyId: 'd01', pastAssigneeIds: ['d00'], overdue: false, escalationLevel: 0, landedAt: NOW, deadlineDays: { accept: 1, reply: 5 } });
    // Monday + 1 working day = end of Tuesday; + 5 = end of the next Monday (China time).
    expect(o.patch.acceptDeadline?.toISOString()).toBe('2026-12-01T15:59:59.999Z');
    expect(o.patch.replyDeadline?.toISOString()).toBe('2026-12-07T15:59:59.999Z');
    expect(o.patch.nextSupervisionAt).toEqual(o.patch.acceptDeadline);
    expect(o.events).toEqual([{ type: 'tell_deputy', openid: 'dep-d01', reason: 'redo', categoryName: '住房物业' }, { type: 'duty_points', entries: [expect.objectContaining({ event: 'rated_unsatisfied', points: -1, deputyId: 'd01' })] }]);
  });

  it('不满意 whose deputy has no bound account: back in the queue, nobody to push to', () => {
    const o = ok(decideAppeal(appeal('replied'), people.submitter, { command: 'rate', rating: 'unsatisfied', deputy: deputy({ _id: 'd01', openid: undefined }), categoryName: '住房物业' }, ctx()));
    expect(types(o)).toEqual(['duty_points']);
  });
});

describe('staff commands', () => {
  it('approve routes: to the chosen deputy with deadlines, or to triage', () => {
    const toDeputy = ok(decideAppeal(appeal('pending_review'), people.staff, { command: 'approve', routed: routedTo(deputy()) }, ctx()));
    expect(toDeputy.patch).toMatchObject({ status: 'assigned', assigneeDeputyId: 'd02', assigneeName: '李明', pastAssigneeIds: ['d00'] });
    expect(toDeputy.audit[0].note).toBe('审核通过。青石社区的值班代表中，李明代表当前待办最少，已转给李明代表');
    expect(toDeputy.events).toEqual([{ type: 'tell_deputy', openid: 'dep-d02', reason: 'new', categoryName: '住房物业' }]);
    const toTriage = ok(decideAppeal(appeal('pending_review'), people.console, { command: 'approve', routed: routedTo(undefined) }, ctx()));
    expect(toTriage.to).toBe('triage');
    expect(toTriage.patch.assigneeDeputyId).toBeUndefined();
    expect(toTriage.audit[0]).toMatchObject({ actorRole: 'staff' });
    expect(toTriage.audit[0].actorOpenid).toBeUndefined();
  });

  it('reject: the reason the resident reads, never supervised again', () => {
    const o = ok(decideAppeal(appeal('triage'), people.staff, { command: 'reject', reason: '不属于本街道' }, ctx()));
    expect(o.patch).toEqual({ status: 'rejected', rejectReason: '不属于本街道', nextSupervisionAt: null });
    expect(o.events).toEqual([{ type: 'tell_submitter', body: '您的诉求未被受理。原因：不属于本街道' }]);
  });

  it('assign from triage, reassign an open one (the deputy before is remembered)', () => {
    const assigned = ok(decideAppeal(appeal('triage'), people.staff, { command: 'assign', deputy: deputy(), categoryName: '住房物业' }, ctx()));
    expect(assigned.command).toBe('assign');
    expect(assigned.audit[0].note).toBe('人工分派给李明代表');
    const moved = ok(decideAppeal(appeal('in_progress'), people.staff, { command: 'assign', deputy: deputy(), categoryName: '住房物业' }, ctx()));
    expect(moved.command).toBe('reassign');
    expect(moved.patch).toMatchObject({ status: 'assigned', assigneeDeputyId: 'd02', pastAssigneeIds: ['d00', 'd01'] });
    expect(moved.events).toEqual([{ type: 'tell_deputy', openid: 'dep-d02', reason: 'reassigned', categoryName: '住房物业' }]);
  });

  it('assign refuses a deputy who left or cannot receive appeals', () => {
    expect(decideAppeal(appeal('triage'), people.staff, { command: 'assign', deputy: null, categoryName: '' }, ctx())).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '请选择在职的代表' });
    expect(decideAppeal(appeal('triage'), people.staff, { command: 'assign', deputy: deputy({ active: false }), categoryName: '' }, ctx())).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    const unbound = decideAppeal(appeal('triage'), people.staff, { command: 'assign', deputy: deputy({ openid: undefined }), categoryName: '' }, ctx());
    expect(unbound).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(!unbound.ok && unbound.message).toContain('李明代表还没有绑定微信账号');
  });

  it('landing needs the SLA and the calendar: asking without them is a programming error', () => {
    expect(() => decideAppeal(appeal('triage'), people.staff, { command: 'assign', deputy: deputy(), categoryName: '' }, { now: NOW })).toThrow(/SLA/);
  });
});

describe('timers', () => {
  const ladder = ['cp01', 'st1', 'home', 'staff'];
  const stations = [{ _id: 'cp01', name: '青石联络点' }, { _id: 'st1', name: '东湖活动站' }, { _id: 'home', name: '代表之家' }];

  it('auto_close: closes a replied appeal as unrated and tells the resident', () => {
    const o = ok(decideAppeal(appeal('replied'), people.timer, { command: 'auto_close' }, ctx()));
    expect(o.patch).toEqual({ status: 'closed', closedReason: 'unrated', closedAt: NOW });
    expect(o.audit[0]).toEqual({ action: 'auto_close', actorRole: 'system', from: 'replied', to: 'closed', note: '超过 7 天未评价，系统自动办结' });
  });

  it('first miss: overdue, supervised, the deputy reminded, a point lost', () => {
    const o = ok(decideAppeal(lateToAccept(), people.timer, { command: 'supervise', ladder, stations, recipients: [], assigneeOpenid: 'dep-d01' }, ctx()));
    expect(o.command).toBe('mark_overdue');
    expect(o.patch).toMatchObject({ status: 'assigned', overdue: true, overdueAt: NOW, overdueStage: 'accept', supervised: true, escalationLevel: 0 });
    expect(o.patch.nextSupervisionAt?.toISOString()).toBe('2026-12-01T15:59:59.999Z');
    expect(o.audit[0].note).toBe('超过受理期限未受理，已列入督办');
    const [notice, points] = o.events;
    expect(notice).toMatchObject({ type: 'supervision_notice', openid: 'dep-d01', title: '诉求已超期，请尽快办理', key: 'overdue' });
    expect(notice.type === 'supervision_notice' && notice.body).toBe('20261128-04217 已超过受理期限（2026年11月29日 10:00），已列入督办。');
    expect(points).toEqual({ type: 'duty_points', entries: [expect.objectContaining({ event: 'overdue', points: -1, _id: 'overdue-a1-d01-v4' })] });
  });

  it('a further miss climbs one rung and asks that rung to help; the top rung is staff, then it stops', () => {
    const once = lateToAccept({ overdue: true, escalationLevel: 0 });
    const o = ok(decideAppeal(once, people.timer, { command: 'supervise', ladder, stations, recipients: ['dep-x', 'dep-y'], assigneeOpenid: 'dep-d01' }, ctx()));
    expect(o.command).toBe('escalate');
    expect(o.patch).toMatchObject({ escalationLevel: 1, escalatedTo: 'st1' });
    expect(o.audit[0].note).toBe('超期未办，督办升级至东湖活动站');
    expect(o.events.map((e) => (e.type === 'supervision_notice' ? `${e.openid}:${e.key}` : e.type))).toEqual(['dep-d01:escalate-self', 'dep-x:escalate-0', 'dep-y:escalate-1']);
    const top = ok(decideAppeal(lateToAccept({ overdue: true, escalationLevel: 2 }), people.timer, { command: 'supervise', ladder, stations, recipients: [] }, ctx()));
    expect(top.patch).toMatchObject({ escalationLevel: 3, escalatedTo: 'staff', nextSupervisionAt: null });
    expect(top.audit[0].note).toBe('超期未办，督办升级至街道人大工委');
    expect(decideAppeal(lateToAccept({ overdue: true, escalationLevel: 3 }), people.timer, { command: 'supervise', ladder, stations, recipients: [] }, ctx())).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });

  it('nothing due yet: refused, no change', () => {
    expect(decideAppeal(appeal('assigned'), people.timer, { command: 'supervise', ladder, stations, recipients: [] }, ctx())).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION', message: '暂无需督办' });
  });
});
