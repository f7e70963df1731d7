/**
 * Every action the manifests declare × (anonymous, resident, other resident, assigned deputy, other deputy,
 * staff) → the designed allow/deny, written out here; and no response ever carries another person's phone or
 * name. Besides running them: an action without a case fails, the table must agree with each manifest's
 * roles, and every function serves exactly its manifest, each use case with a named permission check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API, CAPABILITIES, listActions, type FunctionName } from '../../contracts/api';
import type { Role } from '../../domain/roles';
import { chinaDay, shiftDay } from '../../domain/time';
import { dbAll, dbPatch } from '../support/console';
import { startRuntime, type RunningRuntime } from '../support/runtime';
import { uploadToStorage } from '../support/storage';

const WHO = { anonymous: undefined, resident: 'dev_resident_1', otherResident: 'dev_resident_2', assignedDeputy: 'dev_deputy_d01', otherDeputy: 'dev_deputy_d03', staff: 'dev_staff_1' } as const;
type Who = keyof typeof WHO;
const ORDER: Who[] = ['anonymous', 'resident', 'otherResident', 'assignedDeputy', 'otherDeputy', 'staff'];
const ROLE_OF: Record<Exclude<Who, 'anonymous'>, Role> = { resident: 'resident', otherResident: 'resident', assignedDeputy: 'deputy', otherDeputy: 'deputy', staff: 'staff' };
const PHONE = '13812345678';
const CONTACT = '林女士';

let rt: RunningRuntime;
let seq = 0;
const seen: { who: Who; text: string; label: string }[] = [];

/**
 * The matrix files far more appeals as one resident than a day allows: every 40 submits a clerk clears the
 * day's counters in the console (the limit itself is issue 12's story in tests/reliability/integrity-public.test.ts).
 */
async function roomToday(): Promise<void> {
  if (++submits % 40 !== 0) return;
  for (const q of await dbAll(rt, 'quotas')) await dbPatch(rt, 'quotas', q._id, { count: 0 });
}
let submits = 0;

async function appealIn(state: 'assigned' | 'in_progress' | 'replied'): Promise<string> {
  await roomToday();
  const a = await rt.ok('appeal', { action: 'submit', requestId: `authz-${seq++}-${Date.now()}`, communityId: 'c01', category: 'housing', content: '权限矩阵测试诉求：小区门禁损坏', contact: { name: CONTACT, phone: PHONE } }, WHO.resident);
  if (state !== 'assigned') await rt.ok('deputy', { action: 'accept', id: a._id }, WHO.assignedDeputy);
  if (state === 'replied') await rt.ok('deputy', { action: 'reply', id: a._id, content: '已联系物业维修门禁系统。', resolution: 'implemented' }, WHO.assignedDeputy);
  return a._id;
}

type Expect = 'ok' | 'UNAUTHENTICATED' | 'PERMISSION_DENIED' | 'NOT_FOUND' | 'FAILED_PRECONDITION';
interface Case { fn: string; action: string; event: () => Promise<Record<string, unknown>>; expect: Partial<Record<Who, Expect>>; fresh?: boolean }

const specOf = (fn: string, action: string) => (API as unknown as Record<string, Record<string, { roles: readonly Role[] } | undefined>>)[fn]?.[action];

const allSignedIn = (e: Expect = 'ok'): Partial<Record<Who, Expect>> => ({ anonymous: 'UNAUTHENTICATED', resident: e, otherResident: e, assignedDeputy: e, otherDeputy: e, staff: e });
const only = (allowed: Who[], denied: Expect = 'PERMISSION_DENIED'): Partial<Record<Who, Expect>> =>
  Object.fromEntries(ORDER.map((w) => [w, w === 'anonymous' ? 'UNAUTHENTICATED' : allowed.includes(w) ? 'ok' : denied]));
const handling = (): Partial<Record<Who, Expect>> => ({ anonymous: 'UNAUTHENTICATED', resident: 'PERMISSION_DENIED', otherResident: 'PERMISSION_DENIED', assignedDeputy: 'ok', otherDeputy: 'NOT_FOUND', staff: 'PERMISSION_DENIED' });
const submitterOnly = (): Partial<Record<Who, Expect>> => ({ anonymous: 'UNAUTHENTICATED', resident: 'ok', otherResident: 'NOT_FOUND', assignedDeputy: 'NOT_FOUND', otherDeputy: 'NOT_FOUND', staff: 'NOT_FOUND' });

const cases: Case[] = [
  ...['communities', 'stations', 'deputies', 'categories', 'contact'].map((action) => ({ fn: 'directory', action, event: async () => ({}), expect: allSignedIn() })),
  ...['whoami', 'inbox', 'subscriptions'].map((action) => ({ fn: 'user', action, event: async () => ({}), expect: allSignedIn() })),
  { fn: 'user', action: 'markRead', event: async () => ({ ids: ['nothing'] }), expect: allSignedIn() },
  { fn: 'user', action: 'subscribe', event: async () => ({ accepted: ['appealStatus'] }), expect: allSignedIn() },
  { fn: 'appeal', action: 'submit', event: async () => ({ requestId: `authz-submit-${seq++}`, communityId: 'c02', category: 'traffic', content: '权限矩阵：任何登录的人都可以反映诉求' }), expect: allSignedIn() },
  { fn: 'appeal', action: 'mine', event: async () => ({}), expect: allSignedIn() },
  { fn: 'appeal', action: 'wall', event: async () => ({}), expect: allSignedIn() },
  { fn: 'appeal', action: 'detail', event: async () => ({ id: await appealIn('assigned') }), expect: { anonymous: 'UNAUTHENTICATED', resident: 'ok', otherResident: 'NOT_FOUND', assignedDeputy: 'ok', otherDeputy: 'NOT_FOUND', staff: 'ok' } },
  { fn: 'appeal', action: 'rate', fresh: true, event: async () => ({ id: await appealIn('replied'), rating: 'satisfied' }), expect: { anonymous: 'UNAUTHENTICATED', resident: 'ok', otherResident: 'NOT_FOUND', assignedDeputy: 'NOT_FOUND', otherDeputy: 'NOT_FOUND', staff: 'NOT_FOUND' } },
  { fn: 'deputy', action: 'queue', event: async () => ({}), expect: only(['assignedDeputy', 'otherDeputy']) },
  { fn: 'deputy', action: 'home', event: async () => ({}), expect: only(['assignedDeputy', 'otherDeputy']) },
  { fn: 'deputy', action: 'accept', fresh: true, event: async () => ({ id: await appealIn('assigned') }), expect: handling() },
  { fn: 'deputy', action: 'progress', fresh: true, event: async () => ({ id: await appealIn('in_progress'), note: '已约物业现场查看' }), expect: handling() },
  { fn: 'deputy', action: 'transfer', fresh: true, event: async () => ({ id: await appealIn('in_progress'), department: '街道综治办', note: '请协调处理' }), expect: handling() },
  { fn: 'deputy', action: 'reply', fresh: true, event: async () => ({ id: await appealIn('in_progress'), content: '门禁已修复，请查看。', resolution: 'implemented' }), expect: handling() },
  ...['reviewQueue', 'triageQueue', 'overdue', 'flagged', 'dashboard', 'settings'].map((action) => ({ fn: 'staff', action, event: async () => ({}), expect: only(['staff']) })),
  { fn: 'staff', action: 'people', event: async () => ({ query: '林' }), expect: only(['staff']) },
  { fn: 'staff', action: 'history', event: async () => ({ entityType: 'appeal', entityId: await appealIn('assigned') }), expect: only(['staff']) },
  { fn: 'staff', action: 'assign', fresh: true, event: async () => ({ id: await appealIn('assigned'), deputyId: 'd02' }), expect: only(['staff']) },
  { fn: 'staff', action: 'block', event: async () => ({ openid: 'dev_resident_4', reason: '权限矩阵测试' }), expect: only(['staff']) },
  { fn: 'staff', action: 'updateSettings', event: async () => ({ dailySubmitLimit: 100 }), expect: only(['staff']) },
  { fn: 'ballot', action: 'list', event: async () => ({}), expect: allSignedIn() },
  { fn: 'ballot', action: 'detail', event: async () => ({ ballotId: 'ballot-resident' }), expect: allSignedIn() },
  { fn: 'ballot', action: 'cast', event: async () => ({ ballotId: 'ballot-resident', projectIds: ['p01'] }), expect: only(['resident', 'otherResident']) },
  { fn: 'ballot', action: 'results', event: async () => ({ ballotId: 'ballot-deputy' }), expect: { ...only(['staff'], 'FAILED_PRECONDITION') } },
  { fn: 'ballot', action: 'paper', event: async () => ({ ballotId: 'ballot-deputy', projectId: 'p01', count: 2 }), expect: only(['staff']) },
  { fn: 'project', action: 'propose', event: async () => ({ requestId: `authz-prop-${seq++}`, title: '权限矩阵测试建议', description: '任何登录的人都可以提出民生项目建议', communityId: 'c01' }), expect: allSignedIn() },
  { fn: 'project', action: 'list', event: async () => ({}), expect: allSignedIn() },
  { fn: 'project', action: 'follow', event: async () => ({ projectId: 'p04' }), expect: allSignedIn() },
  { fn: 'project', action: 'proposals', event: async () => ({}), expect: only(['staff']) },
  { fn: 'project', action: 'progress', event: async () => ({ projectId: 'p06', percent: 100, milestone: '权限矩阵测试完工' }), expect: only(['staff']) },
  { fn: 'project', action: 'score', event: async () => ({ projectId: 'p06', score: 4 }), expect: only(['assignedDeputy', 'otherDeputy']) },
  {
    fn: 'project', action: 'reviewProposal', expect: only(['staff']),
    event: async () => ({ id: (await rt.ok('project', { action: 'propose', requestId: `authz-rev-${seq++}`, title: '权限矩阵待审建议', description: '【测试复核】需要工作人员审核的建议内容', communityId: 'c01' }, await newPerson()))._id, decision: 'approve' }),
  },
  { fn: 'deputy', action: 'record', event: async () => ({ deputyId: 'd01' }), expect: only(['assignedDeputy', 'otherDeputy', 'staff']) },
  { fn: 'staff', action: 'pointsQueue', event: async () => ({}), expect: only(['staff']) },
  { fn: 'staff', action: 'reviewPoints', event: async () => ({ ids: ['none'], decision: 'approve' }), expect: only(['staff']) },
  ...['drafts', 'myComments'].map((action) => ({ fn: 'legislation', action, event: async () => ({}), expect: allSignedIn() })),
  { fn: 'legislation', action: 'detail', event: async () => ({ draftId: 'draft-dogs' }), expect: allSignedIn() },
  { fn: 'legislation', action: 'comment', event: async () => ({ requestId: `authz-cmt-${seq++}`, draftId: 'draft-dogs', content: '权限矩阵测试的立法意见' }), expect: allSignedIn() },
  { fn: 'legislation', action: 'comments', event: async () => ({ draftId: 'draft-dogs' }), expect: only(['staff']) },
  {
    fn: 'legislation', action: 'adopt', expect: only(['staff']),
    event: async () => ({ id: await submittedOpinion(), adoption: 'not_adopted', reason: '权限矩阵测试采纳理由' }),
  },
  { fn: 'ballot', action: 'close', event: async () => ({ ballotId: 'ballot-deputy' }), expect: only(['staff']) },
  // Accounts: the bootstrap code is dead on a street that has staff (and none is configured here).
  { fn: 'user', action: 'claimStaff', event: async () => ({ code: 'no-such-bootstrap-code' }), expect: allSignedIn('PERMISSION_DENIED') },
  { fn: 'user', action: 'bindDeputy', event: async () => ({ code: 'ZZZZ9999' }), expect: allSignedIn('NOT_FOUND') },
  { fn: 'staff', action: 'inviteDeputy', event: async () => ({ deputyId: 'd10' }), expect: only(['staff']) },
  { fn: 'staff', action: 'revokeInvite', fresh: true, event: async () => ({ code: (await rt.ok('staff', { action: 'inviteDeputy', deputyId: 'd12' }, WHO.staff)).code }), expect: only(['staff']) },
  ...['deputyAccounts', 'staffMembers', 'calendar'].map((action) => ({ fn: 'staff', action, event: async () => ({}), expect: only(['staff']) })),
  { fn: 'staff', action: 'calendarYear', event: async () => ({ year: 2026 }), expect: only(['staff']) },
  { fn: 'staff', action: 'setCalendarYear', event: async () => ({ year: 2030, periods: [{ name: '春节', from: '2030-02-02', to: '2030-02-08', workdays: [] }] }), expect: only(['staff']) },
  { fn: 'staff', action: 'addStaff', event: async () => ({ openid: await newPerson() }), expect: only(['staff']) },
  {
    fn: 'staff', action: 'removeStaff', expect: only(['staff']),
    event: async () => {
      const openid = await newPerson();
      await rt.ok('staff', { action: 'addStaff', openid }, WHO.staff);
      return { openid };
    },
  },
  { fn: 'street', action: 'importStreet', event: async () => ({ fileId: await uploadToStorage(rt, `street/authz-${seq++}.xlsx`, readFileSync(join(__dirname, '..', '..', 'database', 'seed', 'street-template.xlsx'))), dryRun: true }), expect: only(['staff']) },
  { fn: 'street', action: 'exportStreet', event: async () => ({}), expect: only(['staff']) },
  { fn: 'user', action: 'setCommunity', event: async () => ({ communityId: 'c02' }), expect: allSignedIn() },
  { fn: 'user', action: 'unread', event: async () => ({}), expect: allSignedIn() },
  { fn: 'staff', action: 'moderate', fresh: true, event: async () => ({ id: await heldAppeal(), decision: 'approve' }), expect: only(['staff']) },
  { fn: 'staff', action: 'find', event: async () => ({ trackingNo: (await rt.ok('appeal', { action: 'detail', id: await appealIn('assigned') }, WHO.resident)).trackingNo }), expect: only(['staff']) },
  { fn: 'staff', action: 'unblock', event: async () => ({ openid: 'dev_resident_4' }), expect: only(['staff']) },
  {
    fn: 'ballot', action: 'create', expect: only(['staff']),
    event: async () => ({ title: `权限矩阵票决 ${seq++}`, description: '', electorate: 'resident', projectIds: ['p01', 'p02'], minChoices: 1, maxChoices: 1, opensAt: '2030-03-01T00:00:00.000Z', closesAt: '2030-03-31T00:00:00.000Z' }),
  },
  {
    fn: 'project', action: 'shortlist', fresh: true, expect: only(['staff']),
    event: async () => ({ proposalIds: [(await rt.ok('project', { action: 'propose', requestId: `authz-short-${seq++}`, title: '权限矩阵合并建议', description: '将被合并为候选项目的建议内容', communityId: 'c01' }, await newPerson()))._id], title: '权限矩阵候选项目', summary: '权限矩阵测试用的候选项目简介' }),
  },
  { fn: 'legislation', action: 'points', event: async () => ({}), expect: allSignedIn() },
  { fn: 'legislation', action: 'recordOffline', event: async () => ({ requestId: `authz-off-${seq++}`, draftId: 'draft-dogs', pointId: 'st1', content: '权限矩阵测试的线下意见' }), expect: only(['assignedDeputy', 'otherDeputy', 'staff']) },
  // draft-dogs is still out for comment: staff may compile, just not yet.
  { fn: 'street', action: 'compileDraft', event: async () => ({ draftId: 'draft-dogs' }), expect: { ...only(['staff']), staff: 'FAILED_PRECONDITION' } },
  { fn: 'legislation', action: 'submission', event: async () => ({ draftId: await pastDraft() }), expect: only(['staff']) },
  { fn: 'legislation', action: 'yearFigures', event: async () => ({ year: 2026 }), expect: only(['staff']) },
  { fn: 'suggestion', action: 'clusters', event: async () => ({}), expect: only(['assignedDeputy', 'otherDeputy', 'staff']) },
  {
    fn: 'suggestion', action: 'propose', fresh: true,
    event: async () => ({ requestId: `authz-sg-${seq++}`, appealIds: [await appealIn('assigned'), await appealIn('in_progress')], title: '权限矩阵代表建议', content: '权限矩阵测试：把两件诉求形成代表建议。', department: '区住建局' }),
    // d03 does not serve c01, where the appeals are.
    expect: { ...only(['assignedDeputy', 'staff']), otherDeputy: 'PERMISSION_DENIED' },
  },
  { fn: 'suggestion', action: 'step', fresh: true, event: async () => ({ id: await suggestionOfD01(), step: 'assign', department: '区住建局' }), expect: { ...only(['assignedDeputy', 'staff']), otherDeputy: 'PERMISSION_DENIED' } },
  { fn: 'suggestion', action: 'list', event: async () => ({}), expect: allSignedIn() },
  { fn: 'suggestion', action: 'detail', event: async () => ({ id: await suggestionOfD01() }), expect: allSignedIn() },
  { fn: 'suggestion', action: 'links', event: async () => ({ appealId: await appealIn('assigned') }), expect: { anonymous: 'UNAUTHENTICATED', resident: 'ok', otherResident: 'NOT_FOUND', assignedDeputy: 'ok', otherDeputy: 'NOT_FOUND', staff: 'ok' } },
  { fn: 'suggestion', action: 'similar', event: async () => ({ communityId: 'c01', content: '小区门禁损坏了' }), expect: allSignedIn() },
  { fn: 'suggestion', action: 'publicCase', event: async () => ({ appealId: await appealIn('assigned') }), expect: allSignedIn() },
  { fn: 'suggestion', action: 'support', fresh: true, event: async () => ({ appealId: await appealIn('assigned') }), expect: { ...allSignedIn(), resident: 'FAILED_PRECONDITION' } },
  { fn: 'suggestion', action: 'merge', fresh: true, event: async () => ({ id: await appealIn('assigned'), intoId: await appealIn('in_progress') }), expect: only(['staff']) },
  { fn: 'project', action: 'myProposals', event: async () => ({}), expect: allSignedIn() },
  { fn: 'project', action: 'detail', event: async () => ({ projectId: 'p01' }), expect: allSignedIn() },
  { fn: 'project', action: 'unfollow', event: async () => ({ projectId: 'p04' }), expect: allSignedIn() },
  { fn: 'pulse', action: 'board', event: async () => ({ period: '2026-11', dimension: 'community' }), expect: only(['staff']) },
  { fn: 'pulse', action: 'exportPulse', event: async () => ({ period: '2026-Q4' }), expect: only(['staff']) },
  { fn: 'directory', action: 'publicSummary', event: async () => ({}), expect: allSignedIn() },
  // 代表常在 (presence): d01 is invited / handles; d03 is a deputy with nothing to do with it.
  { fn: 'presence', action: 'station', event: async () => ({ stationId: 'st1' }), expect: allSignedIn() },
  { fn: 'presence', action: 'today', event: async () => ({ communityId: 'c01' }), expect: allSignedIn() },
  { fn: 'presence', action: 'myDuties', event: async () => ({}), expect: only(['assignedDeputy', 'otherDeputy']) },
  { fn: 'presence', action: 'activity', event: async () => ({ id: await activityFor(['d01']) }), expect: { ...only(['assignedDeputy', 'staff']), otherDeputy: 'NOT_FOUND' } },
  { fn: 'presence', action: 'respond', event: async () => ({ id: await activityFor(['d01']), response: 'confirm' }), expect: { ...only(['assignedDeputy']), otherDeputy: 'NOT_FOUND' } },
  { fn: 'presence', action: 'checkIn', event: async () => ({ id: await activityFor(['d01'], 30 * 60_000) }), expect: { ...only(['assignedDeputy']), otherDeputy: 'NOT_FOUND' } },
  { fn: 'presence', action: 'intake', event: async () => intakeEvent(), expect: only(['assignedDeputy', 'otherDeputy', 'staff']) },
  {
    fn: 'presence', action: 'claim', fresh: true, expect: { ...allSignedIn(), assignedDeputy: 'PERMISSION_DENIED' },
    event: async () => {
      const a = await rt.ok('presence', intakeEvent(), WHO.assignedDeputy);
      return { trackingNo: a.trackingNo, phoneTail: WALK_IN_PHONE.slice(-4) };
    },
  },
  {
    fn: 'presence', action: 'callback', fresh: true, expect: { ...only(['assignedDeputy', 'staff']), otherDeputy: 'NOT_FOUND' },
    event: async () => {
      const a = await rt.ok('presence', intakeEvent(), WHO.staff);
      await rt.ok('deputy', { action: 'accept', id: a._id }, WHO.assignedDeputy);
      await rt.ok('deputy', { action: 'reply', id: a._id, content: '已电话联系群众并协调处理。', resolution: 'implemented' }, WHO.assignedDeputy);
      return { id: a._id, rating: 'satisfied' };
    },
  },
  { fn: 'presence', action: 'mediations', event: async () => ({}), expect: only(['assignedDeputy', 'otherDeputy', 'staff']) },
  { fn: 'presence', action: 'openMediation', event: async () => mediationEvent(), expect: only(['assignedDeputy', 'otherDeputy', 'staff']) },
  { fn: 'presence', action: 'mediation', event: async () => ({ id: await caseByD01() }), expect: { ...only(['assignedDeputy', 'staff']), otherDeputy: 'NOT_FOUND' } },
  { fn: 'presence', action: 'mediationStep', fresh: true, event: async () => ({ id: await caseByD01(), step: 'hear', note: '权限矩阵：听取双方陈述', day: chinaDay(Date.now()) }), expect: { ...only(['assignedDeputy', 'staff']), otherDeputy: 'NOT_FOUND' } },
  { fn: 'presence', action: 'closeMediation', fresh: true, event: async () => ({ id: await caseByD01(), outcome: 'referral', referTo: 'court', note: '权限矩阵', day: chinaDay(Date.now()) }), expect: { ...only(['assignedDeputy', 'staff']), otherDeputy: 'NOT_FOUND' } },
  { fn: 'presence', action: 'saveStation', event: async () => ({ stationId: 'st2', hours: '周一至周五 9:00-17:00' }), expect: only(['staff']) },
  { fn: 'presence', action: 'setRoster', event: async () => ({ stationId: 'st2', day: shiftDay(chinaDay(Date.now()), 5), half: 'pm', deputyIds: ['d03'] }), expect: only(['staff']) },
  { fn: 'presence', action: 'code', event: async () => ({ kind: 'deputy', id: 'd01' }), expect: only(['staff']) },
  { fn: 'presence', action: 'createActivity', event: async () => activityEvent(['d01']), expect: only(['staff']) },
  { fn: 'presence', action: 'activities', event: async () => ({}), expect: only(['staff']) },
  { fn: 'presence', action: 'markAttendance', event: async () => ({ id: await activityFor(['d01']), deputyId: 'd01' }), expect: only(['staff']) },
  // Not over yet: staff pass the permission and meet the activity's own precondition.
  { fn: 'presence', action: 'settle', event: async () => ({ id: await activityFor(['d01']) }), expect: { ...only(['staff']), staff: 'FAILED_PRECONDITION' } },
  { fn: 'presence', action: 'publishReport', event: async () => ({ id: await activityFor(['d01']), text: '权限矩阵测试的活动简报内容' }), expect: { ...only(['staff']), staff: 'FAILED_PRECONDITION' } },
  // 回音壁: only the submitter previews and publishes; staff edit and withdraw a published case.
  { fn: 'appeal', action: 'wallPreview', event: async () => ({ id: await closedAppealOf() }), expect: { ...submitterOnly() } },
  { fn: 'appeal', action: 'publish', fresh: true, event: async () => ({ id: await closedAppealOf(), digest: (await preview()).digest }), expect: { ...submitterOnly() } },
  { fn: 'staff', action: 'wallEdit', event: async () => ({ id: await publishedAppealOf(), summary: '权限矩阵修改后的公开摘要' }), expect: only(['staff']) },
  { fn: 'staff', action: 'wallWithdraw', fresh: true, event: async () => ({ id: await publishedAppealOf(), reason: '权限矩阵撤下' }), expect: only(['staff']) },
  // Moderation: the queue of held text.
  { fn: 'staff', action: 'heldContent', event: async () => ({}), expect: only(['staff']) },
  { fn: 'staff', action: 'decideHeld', fresh: true, event: async () => ({ id: await heldText(), decision: 'release' }), expect: only(['staff']) },
];

/** One of last year's seeded drafts (already compiled and submitted). */
async function pastDraft(): Promise<string> {
  const drafts = await rt.ok<{ _id: string; submittedAt: string | null }[]>('legislation', { action: 'drafts' }, WHO.staff);
  return drafts.find((d) => d.submittedAt)!._id;
}

/** A seeded opinion submitted to the higher congress, its answer not back yet. */
async function submittedOpinion(): Promise<string> {
  const page = await rt.ok<{ items: { _id: string }[] }>('legislation', { action: 'comments', draftId: await pastDraft(), adoption: 'pending' }, WHO.staff);
  return page.items[0]._id;
}

/** A suggestion d01 proposed from two fresh appeals in c01. */
async function suggestionOfD01(): Promise<string> {
  const s = await rt.ok<{ _id: string }>('suggestion', { action: 'propose', requestId: `authz-sgd-${seq++}`, appealIds: [await appealIn('assigned'), await appealIn('assigned')], title: '权限矩阵代表建议', content: '权限矩阵测试：代表提出的建议内容。', department: '区住建局' }, WHO.assignedDeputy);
  return s._id;
}

const WALK_IN_PHONE = '13900001111';
const intakeEvent = () => ({ action: 'intake', requestId: `authz-intake-${seq++}`, channel: 'phone', residentName: '周阿姨', residentPhone: WALK_IN_PHONE, communityId: 'c01', category: 'housing', content: '权限矩阵：电话反映小区路灯不亮' });
const activityEvent = (deputyIds: string[], startsInMs = 2 * 24 * 3600_000) => {
  const startsAt = new Date(Date.now() + startsInMs);
  return { action: 'createActivity', requestId: `authz-act-${seq++}`, kind: 'inspection', title: '权限矩阵视察', place: '青石社区', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(), capacity: 10, deputyIds };
};
const activityFor = async (deputyIds: string[], startsInMs?: number): Promise<string> => (await rt.ok('presence', activityEvent(deputyIds, startsInMs), WHO.staff))._id;
const mediationEvent = () => ({ action: 'openMediation', requestId: `authz-med-${seq++}`, communityId: 'c01', parties: ['甲', '乙'], summary: '权限矩阵：邻里噪音纠纷' });
const caseByD01 = async (): Promise<string> => (await rt.ok('presence', mediationEvent(), WHO.assignedDeputy))._id;


let lastClosed = '';
/** The resident's appeal, answered and rated 满意 (closed). */
async function closedAppealOf(): Promise<string> {
  const id = await appealIn('replied');
  await rt.ok('appeal', { action: 'rate', id, rating: 'satisfied' }, WHO.resident);
  lastClosed = id;
  return id;
}
const preview = () => rt.ok('appeal', { action: 'wallPreview', id: lastClosed }, WHO.resident);

/** Closed, and published by its resident on the 回音壁. */
async function publishedAppealOf(): Promise<string> {
  const id = await closedAppealOf();
  await rt.ok('appeal', { action: 'publish', id, digest: (await preview()).digest }, WHO.resident);
  return id;
}

/** A progress note the check holds for review: its entry in the staff queue. */
async function heldText(): Promise<string> {
  const id = await appealIn('in_progress');
  await rt.ok('deputy', { action: 'progress', id, note: '【测试复核】权限矩阵待审进展' }, WHO.assignedDeputy);
  const queue = await rt.ok('staff', { action: 'heldContent' }, WHO.staff);
  return queue.items.find((h: { entityId: string }) => h.entityId === id)._id;
}

/** An appeal held for staff review (the check asks for review on 【测试复核】). */
async function heldAppeal(): Promise<string> {
  await roomToday();
  const a = await rt.ok('appeal', { action: 'submit', requestId: `authz-held-${seq++}-${Date.now()}`, communityId: 'c01', category: 'housing', content: '【测试复核】权限矩阵待审核诉求' }, WHO.resident);
  return a._id;
}

/** Someone who has opened the app once (a user record exists), with no role beyond resident. */
async function newPerson(): Promise<string> {
  const openid = `authz_person_${seq++}`;
  await rt.ok('user', { action: 'whoami' }, openid);
  return openid;
}

const key = (c: { fn: string; action: string }) => `${c.fn}.${c.action}`;

describe('coverage', () => {
  it('has exactly one case for every action the manifests declare', () => {
    const declared = listActions().map(key).sort();
    const covered = cases.map(key).sort();
    expect(declared.filter((k) => !covered.includes(k))).toEqual([]); // actions without an authorisation case
    expect(covered.filter((k) => !declared.includes(k))).toEqual([]); // cases for actions nobody declares
    expect(new Set(covered).size).toBe(covered.length);
    expect(declared.length).toBeGreaterThanOrEqual(74);
  });

  it('declares each action in one capability only', () => {
    const perCapability = Object.values(CAPABILITIES).flatMap((m) => Object.entries(m).flatMap(([fn, actions]) => Object.keys(actions).map((action) => `${fn}.${action}`)));
    expect(perCapability.sort()).toEqual(listActions().map(key).sort());
  });

  it('agrees with the manifests: a role they do not list is denied, every ok is a listed role', () => {
    const disagreements = cases.flatMap((c) => {
      const roles = specOf(c.fn, c.action)?.roles ?? [];
      return ORDER.filter((w) => w !== 'anonymous').flatMap((w) => {
        const listed = roles.includes(ROLE_OF[w as Exclude<Who, 'anonymous'>]);
        const e = c.expect[w];
        return (!listed && e !== 'PERMISSION_DENIED') || (e === 'ok' && !listed) ? [`${key(c)} as ${w}: table says ${e}, manifest roles ${roles.join('/')}`] : [];
      });
    });
    expect(disagreements).toEqual([]);
    expect(cases.every((c) => c.expect.anonymous === 'UNAUTHENTICATED')).toBe(true);
  });

  it('every function serves exactly its manifest, each use case bound to its entry with a named permission check', () => {
    const problems: string[] = [];
    for (const fn of Object.keys(API) as FunctionName[]) {
      const { actions } = require(`../../cloudfunctions/${fn}/index`) as { actions: Record<string, { spec: unknown; permission: { name: string } }> };
      const declared = API[fn] as Record<string, unknown>;
      if (Object.keys(actions).sort().join() !== Object.keys(declared).sort().join()) problems.push(`${fn}: serves ${Object.keys(actions).sort().join()} but declares ${Object.keys(declared).sort().join()}`);
      for (const [action, uc] of Object.entries(actions)) {
        if (uc.spec !== declared[action]) problems.push(`${fn}.${action} is not bound to its manifest entry`);
        if (!uc.permission?.name) problems.push(`${fn}.${action} has no named permission check`);
      }
    }
    expect(problems).toEqual([]);
  });
});

beforeAll(async () => {
  rt = await startRuntime();
  await rt.ok('staff', { action: 'updateSettings', dailySubmitLimit: 100 }, WHO.staff);
});
afterAll(async () => { await rt?.stop(); });

describe.each(cases.map((c) => [key(c), c] as const))('%s', (_name, c) => {
  it('allows and denies exactly as designed', async () => {
    const shared = c.fresh ? undefined : await c.event();
    // Denials first (they change nothing), then each allowed identity.
    const order = [...ORDER].sort((a, b) => Number(c.expect[a] === 'ok') - Number(c.expect[b] === 'ok'));
    const got: Partial<Record<Who, string>> = {};
    for (const who of order) {
      const expected = c.expect[who];
      if (!expected) continue;
      const event = shared ?? (await c.event());
      const { body } = await rt.call(c.fn, { action: c.action, ...event }, WHO[who]);
      got[who] = body.ok ? 'ok' : body.error.code;
      seen.push({ who, text: JSON.stringify(body), label: `${c.fn}.${c.action}` });
    }
    expect(got).toEqual(c.expect);
  });
});

test('no response carries another person’s phone or contact name', () => {
  expect(seen.length).toBeGreaterThan(100);
  const leaks = seen.filter((s) => !['assignedDeputy', 'staff'].includes(s.who) && (s.text.includes(PHONE) || (s.who !== 'resident' && s.text.includes(CONTACT))));
  expect(leaks.map((l) => `${l.label} as ${l.who}`)).toEqual([]);
  // Residents' own names from the seed never appear in what others get either.
  expect(seen.filter((s) => s.who !== 'staff' && s.who !== 'resident' && s.text.includes('林小雨')).map((l) => l.label)).toEqual([]);
});
