/**
 * 代表常在 through the functions: 码上见代表, the reception roster and its reminder, an activity from invitation
 * to a published report, a phone appeal claimed by its resident, a 清茶 mediation case to an agreement.
 * Each story has a corner of the street of its own (presenceCorner).
 */
import { RISKY_MARK } from '../factories/appeals';
import { clockTo, resetClock } from '../factories/clock';
import { pendingPoints } from '../factories/duty';
import { requestId } from '../factories/ids';
import { resident, staffMember } from '../factories/people';
import { dayFromNow, HOUR, INTAKE_TEXT, newActivity, openCase, presenceCorner, rosterSlot, walkInAppeal } from '../factories/presence';
import { dbCount, dbGet, deliveredPushes, openApiCalls, storedInbox } from '../support/console';
import { useRuntime, type RunningRuntime } from '../support/runtime';

let rt: RunningRuntime;
let staff: string;
useRuntime(async (r) => { rt = r; staff = await staffMember(r); });
afterEach(async () => { await resetClock(rt); });

const remind = async () => {
  // As the cloud's timer trigger runs it (no identity, the deployed timeout).
  const body = await rt.dev('trigger/presence/remind', {});
  if (!body.ok) throw new Error(`remind failed: ${JSON.stringify(body)}`);
  return body.data;
};

describe('码上见代表', () => {
  it('staff print a deputy’s code; a resident who scans it reaches that deputy, not the one routing would pick', async () => {
    const corner = await presenceCorner(rt);
    const [usual, chosen] = corner.deputies;
    const code = await rt.ok('presence', { action: 'code', kind: 'deputy', id: chosen.deputyId }, staff);
    expect(code).toMatchObject({ scene: `d=${chosen.deputyId}`, page: 'packages/appeal/pages/new/index' });
    expect((await fetch(code.url)).headers.get('content-type')).toContain('image/png');
    expect((await openApiCalls(rt)).some((c) => c.apiName === 'wxacode.getUnlimited' && (c.data as { scene: string }).scene === code.scene)).toBe(true);

    const who = await resident(rt, { communityId: corner.community._id });
    const submit = (prefer?: object) => rt.ok('appeal', { action: 'submit', requestId: requestId('scan'), communityId: corner.community._id, category: corner.category, content: '扫码反映：小区垃圾分类点气味大', ...(prefer ? { prefer } : {}) }, who);
    expect((await submit()).assignee.deputyId).toBe(usual.deputyId);
    const scanned = await submit({ deputyId: chosen.deputyId });
    expect(scanned.assignee.deputyId).toBe(chosen.deputyId);
    expect(scanned.routeReason).toContain(`您选择了${chosen.name}代表`);
    expect((await rt.ok('deputy', { action: 'queue' }, chosen.openid)).items.map((i: { _id: string }) => i._id)).toContain(scanned._id);
  });

  it('a chosen deputy who is not responsible for the community is explained, and the appeal routes as usual', async () => {
    const corner = await presenceCorner(rt);
    const elsewhere = await presenceCorner(rt, 1);
    const who = await resident(rt);
    const a = await rt.ok('appeal', { action: 'submit', requestId: requestId('scan'), communityId: corner.community._id, category: corner.category, content: '扫码反映：小区电梯经常停运', prefer: { deputyId: elsewhere.deputies[0].deputyId } }, who);
    expect(a.assignee.deputyId).toBe(corner.deputies[0].deputyId);
    expect(a.routeReason).toContain(`您选择的${elsewhere.deputies[0].name}代表不负责${corner.community.name}`);
  });

  it('a station’s code routes to a deputy attached to that station', async () => {
    const corner = await presenceCorner(rt);
    const code = await rt.ok('presence', { action: 'code', kind: 'station', id: corner.parentStation._id }, staff);
    expect(code.scene).toBe(`s=${corner.parentStation._id}`);
    const a = await rt.ok('appeal', { action: 'submit', requestId: requestId('scan'), communityId: corner.community._id, category: corner.category, content: '扫站点码：小区停车位不够', prefer: { stationId: corner.parentStation._id } }, await resident(rt));
    expect(corner.deputies.map((d) => d.deputyId)).toContain(a.assignee.deputyId);
    expect(a.routeReason).toContain(`您选择了${corner.parentStation.name}`);
  });
});

describe('接待日', () => {
  it('staff put a deputy on tomorrow’s roster; the deputy sees it, is reminded once the day before, by push and inbox', async () => {
    const corner = await presenceCorner(rt, 1);
    const [deputy] = corner.deputies;
    expect(await rt.code('presence', { action: 'setRoster', stationId: corner.contactPoint._id, day: await dayFromNow(rt, 1), half: 'am', deputyIds: [deputy.deputyId] }, deputy.openid)).toBe('PERMISSION_DENIED');
    const { day } = await rosterSlot(rt, { stationId: corner.contactPoint._id, deputyIds: [deputy.deputyId], inDays: 1 });
    const duties = await rt.ok('presence', { action: 'myDuties' }, deputy.openid);
    expect(duties.receptions).toEqual([expect.objectContaining({ stationId: corner.contactPoint._id, day, half: 'am', stationName: corner.contactPoint.name })]);
    expect(duties.receptions[0].when).toContain('上午');

    await rt.ok('user', { action: 'subscribe', accepted: ['dutyReminder'] }, deputy.openid);
    expect((await remind()).receptions).toBeGreaterThanOrEqual(1);
    const told = (await storedInbox(rt, deputy.openid)).filter((m) => m.title.includes('接待群众'));
    expect(told).toHaveLength(1);
    expect(told[0].title).toBe(`明天上午您在${corner.contactPoint.name}接待群众`);
    expect(await deliveredPushes(rt, deputy.openid)).toHaveLength(1);
    await remind();
    expect((await storedInbox(rt, deputy.openid)).filter((m) => m.title.includes('接待群众'))).toHaveLength(1);
  });

  it('home shows who receives today at the stations serving the resident’s community; the station page shows hours and the roster', async () => {
    const corner = await presenceCorner(rt, 1);
    const [deputy] = corner.deputies;
    await rosterSlot(rt, { stationId: corner.contactPoint._id, deputyIds: [deputy.deputyId], inDays: 0, half: 'pm' });
    await rosterSlot(rt, { stationId: corner.contactPoint._id, deputyIds: [deputy.deputyId], inDays: 3 });
    // 一人一档 counts reception days up to today, not the planned ones.
    expect((await rt.ok('deputy', { action: 'record' }, deputy.openid)).presence).toMatchObject({ receptions: 1, mediations: 0 });
    const who = await resident(rt, { communityId: corner.community._id });
    const today = (await rt.ok('presence', { action: 'today' }, who)).entries;
    expect(today).toEqual(expect.arrayContaining([expect.objectContaining({ stationId: corner.contactPoint._id, deputyName: deputy.name, half: 'pm' })]));
    expect(new Set(today.map((e: { stationId: string }) => e.stationId))).toEqual(new Set([corner.contactPoint._id, corner.parentStation._id].filter((id) => today.some((e: { stationId: string }) => e.stationId === id))));
    expect(today.every((e: { stationId: string }) => [corner.contactPoint._id, corner.parentStation._id].includes(e.stationId))).toBe(true);
    expect(await rt.code('presence', { action: 'saveStation', stationId: corner.contactPoint._id, hours: '周一至周五 9:00-17:00' }, who)).toBe('PERMISSION_DENIED');
    await rt.ok('presence', { action: 'saveStation', stationId: corner.contactPoint._id, hours: '周一至周五 9:00-17:00', location: { latitude: 30.2, longitude: 120.1 } }, staff);
    const page = await rt.ok('presence', { action: 'station', stationId: corner.contactPoint._id }, who);
    expect(page).toMatchObject({ hours: '周一至周五 9:00-17:00', location: { latitude: 30.2, longitude: 120.1 }, today: [expect.objectContaining({ deputyId: deputy.deputyId })], upcoming: [expect.objectContaining({ deputyId: deputy.deputyId })] });
    expect(page.editable).toBeUndefined();
  });

  it('the roster refuses a past day and an unknown deputy, leaving it as it was', async () => {
    const corner = await presenceCorner(rt, 1);
    const bad = { action: 'setRoster', stationId: corner.contactPoint._id, half: 'am' };
    expect(await rt.code('presence', { ...bad, day: await dayFromNow(rt, -1), deputyIds: [corner.deputies[0].deputyId] }, staff)).toBe('INVALID_ARGUMENT');
    expect(await rt.code('presence', { ...bad, day: await dayFromNow(rt, 2), deputyIds: ['nobody'] }, staff)).toBe('INVALID_ARGUMENT');
    expect((await rt.ok('presence', { action: 'station', stationId: corner.contactPoint._id }, staff)).upcoming).toEqual([]);
  });
});

describe('代表活动', () => {
  it('runs from invitation to check-in, settled attendance, reviewed points and a published report', async () => {
    const corner = await presenceCorner(rt, 3);
    const [comes, excused, absent] = corner.deputies;
    const act = await newActivity(rt, { deputyIds: corner.deputies.map((d) => d.deputyId), stationId: corner.contactPoint._id });
    expect((await rt.ok('presence', { action: 'myDuties' }, comes.openid)).activities.map((a: { _id: string }) => a._id)).toContain(act._id);
    expect((await rt.ok('presence', { action: 'respond', id: act._id, response: 'confirm' }, comes.openid)).mine.status).toBe('confirmed');
    expect(await rt.code('presence', { action: 'respond', id: act._id, response: 'leave' }, excused.openid)).toBe('INVALID_ARGUMENT');
    await rt.ok('presence', { action: 'respond', id: act._id, response: 'leave', reason: '参加区人代会专题培训' }, excused.openid);
    const outsider = (await presenceCorner(rt, 1)).deputies[0];
    expect(await rt.code('presence', { action: 'respond', id: act._id, response: 'confirm' }, outsider.openid)).toBe('NOT_FOUND');
    expect(await rt.code('presence', { action: 'checkIn', id: act._id }, comes.openid)).toBe('FAILED_PRECONDITION');

    await clockTo(rt, act.startsAtDate.getTime() + 10 * 60_000);
    const code = await rt.ok('presence', { action: 'code', kind: 'activity', id: act._id }, staff);
    expect(code.scene).toBe(`a=${act._id}`);
    expect((await rt.ok('presence', { action: 'checkIn', id: act._id }, comes.openid)).mine).toMatchObject({ status: 'attended', checkedInBy: 'scan' });
    expect(await rt.code('presence', { action: 'settle', id: act._id }, staff)).toBe('FAILED_PRECONDITION');

    await clockTo(rt, act.endsAtDate.getTime() + HOUR);
    expect(await rt.code('presence', { action: 'checkIn', id: act._id }, absent.openid)).toBe('FAILED_PRECONDITION');
    const settled = await rt.ok('presence', { action: 'settle', id: act._id }, staff);
    expect(Object.fromEntries(settled.invitees.map((i: { deputyId: string; status: string }) => [i.deputyId, i.status]))).toEqual({ [comes.deputyId]: 'attended', [excused.deputyId]: 'leave', [absent.deputyId]: 'absent' });

    const [earned] = await pendingPoints(rt, comes.deputyId, staff);
    expect(earned).toMatchObject({ event: 'activity_attended', points: 2, refId: act._id });
    expect(await pendingPoints(rt, excused.deputyId, staff)).toEqual([]);
    const [lost] = await pendingPoints(rt, absent.deputyId, staff);
    expect(lost).toMatchObject({ event: 'activity_absent', points: -1 });
    await rt.ok('staff', { action: 'reviewPoints', ids: [earned._id, lost._id], decision: 'approve' }, staff);
    const record = await rt.ok('deputy', { action: 'record' }, comes.openid);
    expect(record.points.approved).toBe(2);
    expect(record.presence).toMatchObject({ attended: 1, absent: 0 });
    expect((await rt.ok('deputy', { action: 'record' }, absent.openid)).presence).toMatchObject({ attended: 0, absent: 1 });

    expect(await rt.code('presence', { action: 'publishReport', id: act._id, text: `${RISKY_MARK}违规的简报内容，不能发布` }, staff)).toBe('CONTENT_REJECTED');
    await rt.ok('presence', { action: 'publishReport', id: act._id, text: '代表们实地查看了石桥社区三条背街小巷，提出增设垃圾桶和修补路面等建议。', photos: [] }, staff);
    const page = await rt.ok('presence', { action: 'station', stationId: corner.contactPoint._id }, await resident(rt));
    expect(page.reports).toEqual([expect.objectContaining({ activityId: act._id, kindLabel: '视察' })]);
  });

  it('staff mark attendance for a deputy who could not scan; never more than the capacity', async () => {
    const corner = await presenceCorner(rt, 2);
    const act = await newActivity(rt, { deputyIds: corner.deputies.map((d) => d.deputyId), capacity: 2 });
    expect(await rt.code('presence', { action: 'createActivity', requestId: requestId('act'), kind: 'group', title: '超员活动', place: '会议室', startsAt: act.startsAt, endsAt: act.endsAt, capacity: 1, deputyIds: corner.deputies.map((d) => d.deputyId) }, staff)).toBe('INVALID_ARGUMENT');
    const marked = await rt.ok('presence', { action: 'markAttendance', id: act._id, deputyId: corner.deputies[1].deputyId }, staff);
    expect(marked.invitees.find((i: { deputyId: string }) => i.deputyId === corner.deputies[1].deputyId)).toMatchObject({ status: 'attended', checkedInBy: 'staff' });
    expect((await dbGet(rt, 'activities', act._id)).version).toBe(2);
  });

  it('invitees are reminded the day before', async () => {
    const corner = await presenceCorner(rt, 1);
    const act = await newActivity(rt, { deputyIds: [corner.deputies[0].deputyId], startsInMs: 26 * HOUR });
    await clockTo(rt, act.startsAtDate.getTime() - 24 * HOUR);
    await remind();
    expect((await storedInbox(rt, corner.deputies[0].openid)).filter((m) => m.title.includes('明天有代表活动'))).toHaveLength(1);
  });
});

describe('代客录入', () => {
  it('a phone appeal filed by a deputy routes, is claimed by the resident with the last four digits, and rated by them', async () => {
    const corner = await presenceCorner(rt, 1);
    const [deputy] = corner.deputies;
    const filed = await walkInAppeal(rt, { by: deputy.openid, communityId: corner.community._id, category: corner.category });
    expect(filed).toMatchObject({ status: 'assigned', channel: 'phone', assignee: { deputyId: deputy.deputyId } });
    const stored = await dbGet(rt, 'appeals', filed._id);
    expect(stored.intake).toMatchObject({ channel: 'phone', byOpenid: deputy.openid, residentName: '周阿姨', phoneTail: '5678' });
    expect(stored.contact).toEqual({ name: '周阿姨', phone: filed.phone });

    await rt.ok('deputy', { action: 'accept', id: filed._id }, deputy.openid);
    await rt.ok('deputy', { action: 'reply', id: filed._id, content: '已联系市政所更换北门路灯。', resolution: 'implemented' }, deputy.openid);

    const who = await resident(rt);
    expect(await rt.code('presence', { action: 'claim', trackingNo: filed.trackingNo, phoneTail: '0000' }, who)).toBe('NOT_FOUND');
    expect(await rt.code('appeal', { action: 'detail', id: filed._id }, who)).toBe('NOT_FOUND');
    await rt.ok('presence', { action: 'claim', trackingNo: filed.trackingNo, phoneTail: '5678' }, who);
    expect(await rt.code('presence', { action: 'claim', trackingNo: filed.trackingNo, phoneTail: '5678' }, await resident(rt))).toBe('NOT_FOUND');
    expect((await rt.ok('appeal', { action: 'mine' }, who)).items.map((i: { _id: string }) => i._id)).toEqual([filed._id]);
    expect((await rt.ok('appeal', { action: 'detail', id: filed._id }, who)).viewerIs).toBe('submitter');
    expect(await rt.code('presence', { action: 'callback', id: filed._id, rating: 'satisfied' }, deputy.openid)).toBe('FAILED_PRECONDITION');
    expect((await rt.ok('appeal', { action: 'rate', id: filed._id, rating: 'satisfied' }, who)).status).toBe('closed');
  });

  it('until claimed, the handler records the satisfaction from a follow-up call, marked as such', async () => {
    const corner = await presenceCorner(rt, 1);
    const [deputy] = corner.deputies;
    const filed = await walkInAppeal(rt, { by: staff, channel: 'station', communityId: corner.community._id, category: corner.category });
    await rt.ok('deputy', { action: 'accept', id: filed._id }, deputy.openid);
    expect(await rt.code('presence', { action: 'callback', id: filed._id, rating: 'satisfied' }, deputy.openid)).toBe('FAILED_PRECONDITION');
    await rt.ok('deputy', { action: 'reply', id: filed._id, content: '已协调物业处理。', resolution: 'implemented' }, deputy.openid);
    expect(await rt.code('presence', { action: 'callback', id: filed._id, rating: 'satisfied' }, (await presenceCorner(rt, 1)).deputies[0].openid)).toBe('NOT_FOUND');
    expect((await rt.ok('presence', { action: 'callback', id: filed._id, rating: 'satisfied', comment: '电话回访，群众表示满意' }, deputy.openid)).status).toBe('closed');
    expect((await dbGet(rt, 'appeals', filed._id)).rating).toMatchObject({ value: 'satisfied', via: 'callback' });
    expect((await pendingPoints(rt, deputy.deputyId, staff)).map((p) => p.event)).not.toContain('rated_satisfied');
  });

  it('a 不满意 from the follow-up call sends it back to its deputy, who is told, and the reply’s points are taken back', async () => {
    const corner = await presenceCorner(rt, 1);
    const [deputy] = corner.deputies;
    const filed = await walkInAppeal(rt, { by: staff, channel: 'phone', communityId: corner.community._id, category: corner.category });
    await rt.ok('deputy', { action: 'accept', id: filed._id }, deputy.openid);
    await rt.ok('deputy', { action: 'reply', id: filed._id, content: '已协调物业处理。', resolution: 'implemented' }, deputy.openid);
    const told = (await storedInbox(rt, deputy.openid)).length;
    expect(await rt.ok('presence', { action: 'callback', id: filed._id, rating: 'unsatisfied', comment: '电话回访，群众表示问题仍在' }, staff)).toMatchObject({ status: 'assigned' });
    const stored = await dbGet(rt, 'appeals', filed._id);
    expect(stored).toMatchObject({ assigneeDeputyId: deputy.deputyId, reopenCount: 1, rating: { value: 'unsatisfied', via: 'callback' } });
    expect((await rt.ok('deputy', { action: 'queue' }, deputy.openid)).items.map((i: { _id: string }) => i._id)).toContain(filed._id);
    expect((await storedInbox(rt, deputy.openid)).length).toBe(told + 1);
    expect((await pendingPoints(rt, deputy.deputyId, staff)).map((p) => p.event)).toEqual(['rated_unsatisfied']);
  });

  it('filing the same request again (a retry) answers the appeal already stored, and stores no second one', async () => {
    const corner = await presenceCorner(rt, 1);
    const event = { action: 'intake', requestId: requestId('intake'), channel: 'visit', residentName: '王大爷', residentPhone: '13800001111', communityId: corner.community._id, category: corner.category, content: INTAKE_TEXT };
    const first = await rt.ok('presence', event, staff);
    const audit = await dbCount(rt, 'audit', { entityType: 'appeal', entityId: first._id });
    expect(await rt.ok('presence', event, staff)).toEqual(first);
    expect(await dbCount(rt, 'appeals', { requestId: event.requestId })).toBe(1);
    expect(await dbCount(rt, 'audit', { entityType: 'appeal', entityId: first._id })).toBe(audit);
  });

  it('after five wrong guesses in a day a person is told to ask the station', async () => {
    const who = await resident(rt);
    for (let i = 0; i < 5; i++) expect(await rt.code('presence', { action: 'claim', trackingNo: '20200101-00000', phoneTail: '1234' }, who)).toBe('NOT_FOUND');
    expect(await rt.code('presence', { action: 'claim', trackingNo: '20200101-00000', phoneTail: '1234' }, who)).toBe('RATE_LIMITED');
  });
});

describe('清茶议事', () => {
  it('a case goes through the six steps to an agreement the parties confirmed, private to its handler and staff', async () => {
    const corner = await presenceCorner(rt, 1);
    const [deputy] = corner.deputies;
    const c = await openCase(rt, { by: deputy.openid, communityId: corner.community._id });
    expect(c).toMatchObject({ status: 'open', nextStep: 'hear', handlerDeputyIds: [deputy.deputyId] });
    const other = (await presenceCorner(rt, 1)).deputies[0];
    expect(await rt.code('presence', { action: 'mediation', id: c._id }, other.openid)).toBe('NOT_FOUND');
    expect(await rt.code('presence', { action: 'mediation', id: c._id }, await resident(rt))).toBe('PERMISSION_DENIED');
    expect((await rt.ok('presence', { action: 'mediations' }, staff)).items.map((m: { _id: string }) => m._id)).toContain(c._id);

    const day = await dayFromNow(rt, 0);
    const step = (s: string, note = `${s} 的记录内容`) => rt.ok('presence', { action: 'mediationStep', id: c._id, step: s, note, day }, deputy.openid);
    expect(await rt.code('presence', { action: 'mediationStep', id: c._id, step: 'face', note: '跳过前面的步骤', day }, deputy.openid)).toBe('FAILED_PRECONDITION');
    expect(await rt.code('presence', { action: 'mediationStep', id: c._id, step: 'hear', note: '未来的日期', day: await dayFromNow(rt, 2) }, deputy.openid)).toBe('INVALID_ARGUMENT');
    for (const s of ['hear', 'dispute', 'common', 'face', 'ladder']) await step(s);
    const close = { action: 'closeMediation', id: c._id, outcome: 'agreement', day, text: '维修费用由双方各承担一半，楼上住户一周内完成防水。' };
    expect(await rt.code('presence', close, deputy.openid)).toBe('FAILED_PRECONDITION');
    const six = await step('agree', '双方当面确认调解方案');
    expect(six.steps.map((s: { label: string }) => s.label)).toEqual(['述民情', '述纠纷', '找接点', '拆脸面', '置梯子', '达协议']);
    expect(await rt.code('presence', close, deputy.openid)).toBe('INVALID_ARGUMENT');
    const closed = await rt.ok('presence', { ...close, partiesConfirmed: true }, deputy.openid);
    expect(closed).toMatchObject({ status: 'agreed', agreement: { partiesConfirmed: true }, nextStep: null });
    expect(await rt.code('presence', { ...close, partiesConfirmed: true }, deputy.openid)).toBe('FAILED_PRECONDITION');
    expect((await pendingPoints(rt, deputy.deputyId, staff)).map((p) => p.event)).toEqual(['mediation_agreed']);
    expect((await rt.ok('deputy', { action: 'record' }, deputy.openid)).presence).toMatchObject({ mediations: 1, agreed: 1 });
  });

  it('a case may be referred at any step', async () => {
    const corner = await presenceCorner(rt, 1);
    const c = await openCase(rt, { by: staff, communityId: corner.community._id });
    const referred = await rt.ok('presence', { action: 'closeMediation', id: c._id, outcome: 'referral', referTo: 'mediation_committee', note: '涉及房屋质量鉴定', day: await dayFromNow(rt, 0) }, staff);
    expect(referred).toMatchObject({ status: 'referred', referral: { label: '人民调解委员会' } });
    expect(await rt.code('presence', { action: 'mediationStep', id: c._id, step: 'hear', note: '转交后不能再记录', day: await dayFromNow(rt, 0) }, staff)).toBe('FAILED_PRECONDITION');
  });
});
