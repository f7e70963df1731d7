/** 代表常在 rules: the roster, activities and their points, walk-in claims and callbacks, 清茶 mediation, codes, routing by choice. */
import { routeAppeal, type RoutingDeputy } from '../../domain/appeals/routing';
import { POINT_RULES } from '../../domain/duty/points';
import { allowedResponses, checkIn, planActivity, publishReport, respond, settle } from '../../domain/presence/activities';
import { parseScene, sceneOf } from '../../domain/presence/codes';
import { callbackRating, claimAppeal } from '../../domain/presence/intake';
import { closeCase, mayHandle, recordStep } from '../../domain/presence/mediation';
import { planSlot, reminderDay, rosterSlotId, slotWords } from '../../domain/presence/roster';
import { chinaDay, shiftDay } from '../../domain/time';
import { ctx, deputy, NOW } from './factories';
import { activity, ACTIVITY_TIMES, handlers, HOUR, mediationCase, walkIn } from './presenceFactories';

const TODAY = chinaDay(NOW);

describe('reception roster', () => {
  const deputies = [{ _id: 'd01', name: '王建国', active: true }, { _id: 'd02', name: '陈秀英', active: false }];
  it('plans a half-day for active deputies, today up to the planning horizon', () => {
    expect(planSlot({ stationId: 'st1', day: shiftDay(TODAY, 1), half: 'am', deputyIds: ['d01', 'd01'] }, deputies, NOW)).toEqual({ ok: true, slots: [{ stationId: 'st1', deputyId: 'd01', day: shiftDay(TODAY, 1), half: 'am' }] });
    expect(planSlot({ stationId: 'st1', day: shiftDay(TODAY, -1), half: 'am', deputyIds: ['d01'] }, deputies, NOW)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(planSlot({ stationId: 'st1', day: shiftDay(TODAY, 200), half: 'am', deputyIds: ['d01'] }, deputies, NOW)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(planSlot({ stationId: 'st1', day: TODAY, half: 'pm', deputyIds: ['d02'] }, deputies, NOW)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(planSlot({ stationId: 'st1', day: '2026-02-30', half: 'pm', deputyIds: [] }, deputies, NOW)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
  it('reminds about tomorrow (China day), and reads a slot in words', () => {
    expect(reminderDay(NOW)).toBe(shiftDay(TODAY, 1));
    // 00:30 China time on 1 December is still 30 November in UTC: tomorrow is the 2nd.
    expect(reminderDay(new Date('2026-11-30T16:30:00.000Z'))).toBe('2026-12-02');
    expect(slotWords('2026-12-03', 'am')).toBe('12月3日（周四）上午');
    expect(rosterSlotId({ stationId: 'st1', day: '2026-12-03', half: 'pm', deputyId: 'd01' })).toBe('st1_20261203_pm_d01');
  });
});

describe('activities', () => {
  it('are planned ahead, ending after they start, within capacity, for active deputies', () => {
    const a = { kind: 'inspection' as const, title: '视察', startsAt: new Date(NOW.getTime() + HOUR), endsAt: new Date(NOW.getTime() + 2 * HOUR), place: '会议室', capacity: 1, invitees: [{ _id: 'd01', name: '王建国', active: true }] };
    expect(planActivity(a, NOW)).toMatchObject({ ok: true, invitees: [{ deputyId: 'd01', status: 'invited' }] });
    expect(planActivity({ ...a, endsAt: a.startsAt }, NOW)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(planActivity({ ...a, startsAt: new Date(NOW.getTime() - HOUR) }, NOW)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(planActivity({ ...a, invitees: [...a.invitees, { _id: 'd02', name: '陈秀英', active: true }] }, NOW)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(planActivity({ ...a, invitees: [{ _id: 'd02', name: '陈秀英', active: false }] }, NOW)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('take confirmations and leave with a reason before the start, only from invitees', () => {
    const a = activity('upcoming');
    expect(respond(a, 'd01', { response: 'confirm' }, ACTIVITY_TIMES.before, 'o1')).toMatchObject({ ok: true, audit: [{ action: 'confirm', to: 'confirmed' }] });
    expect(respond(a, 'd02', { response: 'leave', reason: ' ' }, ACTIVITY_TIMES.before, 'o2')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    const leave = respond(a, 'd02', { response: 'leave', reason: '外出学习' }, ACTIVITY_TIMES.before, 'o2');
    expect(leave.ok && leave.patch.invitees?.find((i) => i.deputyId === 'd02')).toMatchObject({ status: 'leave', leaveReason: '外出学习' });
    expect(respond(a, 'd09', { response: 'confirm' }, ACTIVITY_TIMES.before, 'o9')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(respond(a, 'd01', { response: 'confirm' }, ACTIVITY_TIMES.during, 'o1')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('check in by scan only around the activity; staff may mark anyone before settling; never beyond capacity', () => {
    expect(checkIn(activity('answered'), 'd01', 'scan', ACTIVITY_TIMES.before, 'o1')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(checkIn(activity('answered'), 'd01', 'scan', ACTIVITY_TIMES.during, 'o1')).toMatchObject({ ok: true, audit: [{ action: 'check_in', to: 'attended' }] });
    expect(checkIn(activity('answered'), 'd01', 'scan', ACTIVITY_TIMES.after, 'o1')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(checkIn(activity('answered'), 'd03', 'staff', ACTIVITY_TIMES.after, 's1')).toMatchObject({ ok: true, audit: [{ action: 'mark_attended', actorRole: 'staff' }] });
    expect(checkIn(activity('attended'), 'd01', 'scan', ACTIVITY_TIMES.during, 'o1')).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(checkIn(activity('full'), 'd02', 'scan', ACTIVITY_TIMES.during, 'o2')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION', message: '签到人数已满' });
    expect(checkIn(activity('settled'), 'd03', 'staff', ACTIVITY_TIMES.after, 's1')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('settle after the end: attended, leave and absent are distinct, and earn points by the table', () => {
    expect(settle(activity('attended'), ACTIVITY_TIMES.during, 's1')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    const s = settle(activity('attended'), ACTIVITY_TIMES.after, 's1');
    if (!s.ok) throw new Error('refused');
    expect(s.patch.invitees?.map((i) => i.status)).toEqual(['attended', 'leave', 'absent']);
    expect(s.points.map((p) => [p.deputyId, p.event, p.points, p.status])).toEqual([['d01', 'activity_attended', POINT_RULES.activity_attended.points, 'pending'], ['d03', 'activity_absent', POINT_RULES.activity_absent.points, 'pending']]);
    const custom = settle(activity('attended'), ACTIVITY_TIMES.after, 's1', { activity_attended: 3, activity_absent: -2 });
    expect(custom.ok && custom.points.map((p) => p.points)).toEqual([3, -2]);
    expect(settle(activity('settled'), ACTIVITY_TIMES.after, 's1')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('publish a report only once settled; the content check holds or refuses it', () => {
    const r = { text: '代表们实地查看了三条背街小巷。', photos: [] };
    expect(publishReport(activity('attended'), r, 'pass', ACTIVITY_TIMES.after, 's1')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(publishReport(activity('settled'), r, 'pass', ACTIVITY_TIMES.after, 's1')).toMatchObject({ ok: true, patch: { report: { status: 'published' } } });
    expect(publishReport(activity('settled'), r, 'review', ACTIVITY_TIMES.after, 's1')).toMatchObject({ ok: true, patch: { report: { status: 'held' } } });
    expect(publishReport(activity('settled'), r, 'error', ACTIVITY_TIMES.after, 's1')).toMatchObject({ ok: true, patch: { report: { status: 'held' } } });
    expect(publishReport(activity('settled'), r, 'risky', ACTIVITY_TIMES.after, 's1')).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' });
  });
  it('offer a deputy exactly what they may do now', () => {
    expect(allowedResponses(activity('upcoming'), 'd01', ACTIVITY_TIMES.before)).toEqual(['confirm', 'leave']);
    expect(allowedResponses(activity('answered'), 'd01', ACTIVITY_TIMES.before)).toEqual(['leave']);
    expect(allowedResponses(activity('answered'), 'd01', ACTIVITY_TIMES.during)).toEqual(['check_in']);
    expect(allowedResponses(activity('attended'), 'd01', ACTIVITY_TIMES.during)).toEqual([]);
    expect(allowedResponses(activity('upcoming'), 'd09', ACTIVITY_TIMES.before)).toEqual([]);
  });
});

describe('walk-in intake', () => {
  it('is claimed with the last four phone digits, once, never by whoever filed it', () => {
    const claimed = claimAppeal(walkIn('assigned'), { openid: 'r1' }, '5678', NOW);
    expect(claimed).toMatchObject({ ok: true, command: 'claim', from: 'assigned', to: 'assigned', patch: { submitterOpenid: 'r1', intake: { claimedBy: 'r1', claimedAt: NOW } } });
    expect(claimAppeal(walkIn('assigned'), { openid: 'r1' }, '0000', NOW)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(claimAppeal(walkIn('assigned'), { openid: 's1' }, '5678', NOW)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    const taken = walkIn('assigned', { submitterOpenid: 'r1', intake: { channel: 'phone', byOpenid: 's1', byRole: 'staff', residentName: '周阿姨', phoneTail: '5678', claimedBy: 'r1', claimedAt: NOW } });
    expect(claimAppeal(taken, { openid: 'r2' }, '5678', NOW)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(claimAppeal(taken, { openid: 'r1' }, '5678', NOW)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
  it('until claimed, the assignee or staff record a callback rating, marked as such and earning the handler nothing', () => {
    const ask = { rating: 'satisfied' as const, deputy: null, categoryName: '' };
    const done = callbackRating(walkIn('replied'), handlers.handler, ask, ctx());
    expect(done).toMatchObject({ ok: true, command: 'rate_close', to: 'closed', patch: { rating: { value: 'satisfied', via: 'callback' } }, audit: [{ actorRole: 'deputy', actorOpenid: 'dep-d01' }] });
    expect(done.ok && done.audit[0].note).toContain('电话回访');
    expect(done.ok && done.events.some((e) => e.type === 'duty_points')).toBe(false);
    expect(callbackRating(walkIn('replied'), handlers.otherDeputy, ask, ctx())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(callbackRating(walkIn('replied'), handlers.staff, ask, ctx())).toMatchObject({ ok: true });
    expect(callbackRating(walkIn('in_progress'), handlers.staff, ask, ctx())).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    const redo = callbackRating(walkIn('replied'), handlers.staff, { rating: 'unsatisfied', deputy: deputy({ _id: 'd01' }), categoryName: '住房物业' }, ctx());
    expect(redo).toMatchObject({ ok: true, command: 'rate_redo', to: 'assigned' });
    expect(redo.ok && redo.events.find((e) => e.type === 'duty_points')).toMatchObject({ entries: [{ event: 'rated_unsatisfied' }] });
    const claimed = walkIn('replied', { submitterOpenid: 'r1', intake: { channel: 'phone', byOpenid: 's1', byRole: 'staff', residentName: '周阿姨', phoneTail: '5678', claimedBy: 'r1' } });
    expect(callbackRating(claimed, handlers.staff, ask, ctx())).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
});

describe('清茶 mediation', () => {
  const day = TODAY;
  it('is private to its handlers and staff', () => {
    expect(mayHandle(mediationCase('opened'), handlers.handler)).toBe(true);
    expect(mayHandle(mediationCase('opened'), handlers.staff)).toBe(true);
    expect(mayHandle(mediationCase('opened'), handlers.otherDeputy)).toBe(false);
    expect(recordStep(mediationCase('opened'), handlers.otherDeputy, { step: 'hear', note: '记录', day }, NOW)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
  it('records the six steps in order, dated no later than today and not before the last', () => {
    expect(recordStep(mediationCase('opened'), handlers.handler, { step: 'hear', note: '听取陈述', day }, NOW)).toMatchObject({ ok: true, audit: [{ action: 'step_hear', note: '述民情：听取陈述' }] });
    expect(recordStep(mediationCase('opened'), handlers.handler, { step: 'face', note: '跳步', day }, NOW)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION', message: '请先记录「述民情」' });
    expect(recordStep(mediationCase('opened'), handlers.handler, { step: 'hear', note: '未来', day: shiftDay(day, 1) }, NOW)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(recordStep(mediationCase('fiveSteps'), handlers.handler, { step: 'agree', note: '回溯', day: shiftDay(day, -1) }, NOW)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(recordStep(mediationCase('sixSteps'), handlers.handler, { step: 'agree', note: '重复', day }, NOW)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('closes with an agreement only after all six steps and the parties’ confirmation; that earns the handlers points', () => {
    const agree = { outcome: 'agreement' as const, text: '费用各担一半', partiesConfirmed: true, day };
    expect(closeCase(mediationCase('fiveSteps'), handlers.handler, agree, NOW)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(closeCase(mediationCase('sixSteps'), handlers.handler, { ...agree, partiesConfirmed: false }, NOW)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    const done = closeCase(mediationCase('sixSteps'), handlers.handler, agree, NOW);
    expect(done).toMatchObject({ ok: true, patch: { status: 'agreed', agreement: { partiesConfirmed: true } }, points: [{ deputyId: 'd01', event: 'mediation_agreed' }] });
    expect(closeCase(mediationCase('agreed'), handlers.handler, agree, NOW)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('may be referred at any step, earning nothing', () => {
    expect(closeCase(mediationCase('opened'), handlers.staff, { outcome: 'referral', to: 'court', note: '起诉', day }, NOW)).toMatchObject({ ok: true, patch: { status: 'referred', referral: { to: 'court' } }, points: [] });
  });
});

describe('码上见代表', () => {
  it('scenes round-trip within 32 characters, URL-encoded or not; anything else is not ours', () => {
    expect(sceneOf('deputy', 'd01')).toBe('d=d01');
    expect(parseScene(sceneOf('activity', 'a'.repeat(24)))).toEqual({ kind: 'activity', id: 'a'.repeat(24) });
    expect(sceneOf('activity', 'a'.repeat(24)).length).toBeLessThanOrEqual(32);
    expect(parseScene(encodeURIComponent('s=st1'))).toEqual({ kind: 'station', id: 'st1' });
    expect(parseScene('x=st1')).toBeNull();
    expect(parseScene('%E0%A4%A')).toBeNull();
    expect(parseScene(undefined)).toBeNull();
  });

  const d = (id: string, stationId: string, communityIds: string[], specialties: string[] = ['housing']): RoutingDeputy => ({ _id: id, stationId, communityIds, specialties, active: true });
  const roster = [d('d1', 'st1', ['c1']), d('d2', 'st2', ['c1']), d('d3', 'st3', ['c2'])];
  it('routing honours a chosen deputy responsible for the community, else explains and routes as usual', () => {
    expect(routeAppeal({ communityId: 'c1', category: 'housing' }, roster, new Map(), { community: '青石社区', deputy: (id) => `代表${id}` }, { deputyId: 'd2' })).toMatchObject({ rule: 'chosen', chosen: 'd2', reason: '您选择了代表d2代表，已转给代表d2代表' });
    const declined = routeAppeal({ communityId: 'c1', category: 'housing' }, roster, new Map(), { community: '青石社区' }, { deputyId: 'd3', deputyName: '孙国平' });
    expect(declined).toMatchObject({ rule: 'specialty', chosen: 'd1' });
    expect(declined.reason.startsWith('您选择的孙国平代表不负责青石社区')).toBe(true);
    expect(routeAppeal({ communityId: 'c9', category: 'housing' }, roster, new Map(), { community: '河西社区' }, { deputyId: 'd3', deputyName: '孙国平' })).toMatchObject({ rule: 'none' });
  });
  it('a chosen station routes to its attached deputies on the community’s roster', () => {
    expect(routeAppeal({ communityId: 'c1', category: 'housing' }, roster, new Map([['d2', 5]]), {}, { stationId: 'st2', stationName: '柳岸代表活动站' })).toMatchObject({ rule: 'chosen', chosen: 'd2', reason: expect.stringContaining('您选择了柳岸代表活动站') });
    expect(routeAppeal({ communityId: 'c1', category: 'housing' }, roster, new Map(), {}, { stationId: 'st3', stationName: '桃园代表活动站' }).reason).toContain('您选择的桃园代表活动站没有负责');
  });
});
