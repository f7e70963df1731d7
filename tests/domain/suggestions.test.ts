import { decideAppeal } from '../../domain/appeals/commands';
import { statusLabel } from '../../domain/appeals/labels';
import { proposeClusters, similarTo, linkBetween, CLUSTER_RULES, type CaseForMatching } from '../../domain/suggestions/clusters';
import { mayDraft, mayMerge, maySupport, nextStep, takeStep } from '../../domain/suggestions/lifecycle';
import { bigrams, distanceMeters, jaccard, textSimilarity } from '../../domain/suggestions/similarity';
import { appeal, ctx, NOW, people } from './factories';

const at = { latitude: 30.25, longitude: 120.15 };
const near = { latitude: 30.2509, longitude: 120.15 }; // ~100 m north
const far = { latitude: 30.27, longitude: 120.15 }; // ~2.2 km north

const kase = (id: string, text: string, over: Partial<CaseForMatching> = {}): CaseForMatching => ({ _id: id, communityId: 'c01', areaId: 'st1', category: 'traffic', text, ...over });
const SHELTER = ['青石路公交站台雨棚破损漏雨，下雨天等车全身淋湿', '公交站台的雨棚破损漏雨，下雨天等车淋湿', '青石路站台雨棚漏雨好几个月，等车全身淋湿'];

describe('similarity', () => {
  it('compares texts by their character bigrams, ignoring punctuation and spaces', () => {
    expect([...bigrams('雨棚，破损!')]).toEqual(['雨棚', '棚破', '破损']);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(textSimilarity('雨棚破损', '雨棚破损')).toBe(1);
    expect(textSimilarity('雨棚破损', '图书馆开放')).toBe(0);
    expect(textSimilarity('', '')).toBe(0);
  });
  it('measures the distance between pins in metres', () => {
    expect(Math.round(distanceMeters(at, near) / 10) * 10).toBe(100);
    expect(distanceMeters(at, far)).toBeGreaterThan(2000);
  });
});

describe('clusters of appeals about one problem', () => {
  it('links same-category appeals in one community or station area whose texts are alike, and says why', () => {
    const l = linkBetween(kase('a', SHELTER[0]), kase('b', SHELTER[1]), CLUSTER_RULES);
    expect(l).toMatchObject({ sameCommunity: true, distanceM: null });
    expect(linkBetween(kase('a', SHELTER[0]), kase('b', SHELTER[1], { category: 'housing' }), CLUSTER_RULES)).toBeNull();
    expect(linkBetween(kase('a', SHELTER[0]), kase('b', SHELTER[1], { communityId: 'c07', areaId: 'st2' }), CLUSTER_RULES)).toBeNull();
    expect(linkBetween(kase('a', SHELTER[0]), kase('b', SHELTER[1], { communityId: 'c07' }), CLUSTER_RULES)).toMatchObject({ sameCommunity: false });
    expect(linkBetween(kase('a', SHELTER[0], { location: at }), kase('b', SHELTER[1], { location: far }), CLUSTER_RULES)).toBeNull();
    expect(linkBetween(kase('a', SHELTER[0], { location: at }), kase('b', SHELTER[1], { location: near }), CLUSTER_RULES)?.distanceM).toBeGreaterThan(90);
  });

  it('groups three appeals into one cluster and leaves an unrelated one out', () => {
    const cases = [kase('x3', SHELTER[2]), kase('x1', SHELTER[0]), kase('lib', '社区图书馆周末不开放，希望延长时间'), kase('x2', SHELTER[1])];
    const [c, ...rest] = proposeClusters(cases);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ key: 'x1+x2+x3', appealIds: ['x1', 'x2', 'x3'], category: 'traffic', communityIds: ['c01'] });
    expect(c.score).toBeGreaterThan(0.2);
    expect(c.reasons[0]).toMatch(/^同一社区、同一类别，文字相似度 \d+%$/);
  });

  it('offers the most alike public cases to a resident still typing, with or without a category', () => {
    const cases = [kase('x1', SHELTER[0]), kase('lib', '社区图书馆周末不开放'), kase('x2', SHELTER[1], { category: 'housing' })];
    expect(similarTo({ communityId: 'c01', areaId: 'st1', text: '站台雨棚漏雨，等车淋湿', category: 'traffic' }, cases).map((m) => m._id)).toEqual(['x1']);
    expect(similarTo({ communityId: 'c01', areaId: 'st1', text: '站台雨棚漏雨，等车淋湿' }, cases).map((m) => m._id).sort()).toEqual(['x1', 'x2']);
  });
});

describe('a suggestion’s steps: 交办 → 答复 → 落实', () => {
  const s = { status: 'drafted' as const, proposerOpenid: 'dep-d01', title: '修复雨棚', department: '区交通运输局' };
  const deputy = { openid: 'dep-d01', role: 'deputy' as const, deputyId: 'd01' };
  it('needs two appeals, routed ones, within a deputy’s communities', () => {
    expect(mayDraft({ appeals: [{ _id: 'a', status: 'assigned', communityId: 'c01' }] })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(mayDraft({ appeals: [{ _id: 'a', status: 'assigned', communityId: 'c01' }, { _id: 'b', status: 'pending_review', communityId: 'c01' }] })).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(mayDraft({ appeals: [{ _id: 'a', status: 'assigned', communityId: 'c01' }, { _id: 'b', status: 'closed', communityId: 'c02' }], scope: ['c01'] })).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    expect(mayDraft({ appeals: [{ _id: 'a', status: 'assigned', communityId: 'c01' }, { _id: 'b', status: 'closed', communityId: 'c02' }] })).toEqual({ ok: true });
  });
  it('moves one step at a time, only by its deputy or staff, and says what residents read', () => {
    expect(nextStep('drafted')).toBe('assign');
    expect(nextStep('implemented')).toBeNull();
    expect(takeStep(s, { openid: 'dep-d09', role: 'deputy' }, { step: 'assign', department: '区交通运输局' }, NOW)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    expect(takeStep(s, deputy, { step: 'answer', answer: '已修复', resolution: 'implemented' }, NOW)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    const assigned = takeStep(s, { openid: 's1', role: 'staff' }, { step: 'assign', department: '区交通运输局' }, NOW);
    expect(assigned).toMatchObject({ ok: true, to: 'assigned', patch: { department: '区交通运输局', assignedAt: NOW } });
    const answered = takeStep({ ...s, status: 'assigned' }, deputy, { step: 'answer', answer: '本月底前更换', resolution: 'in_plan' }, NOW);
    expect(answered).toMatchObject({ ok: true, to: 'answered', tell: { headline: '代表建议已答复，请您评价' } });
  });
  it('the answer becomes an open appeal’s reply through the appeal command, still waiting for the resident’s rating', () => {
    const input = { command: 'suggestion_reply' as const, suggestion: { _id: 'sg1', title: '修复雨棚', department: '区交通运输局' }, answer: '本月底前更换', resolution: 'in_plan' as const };
    const out = decideAppeal(appeal('in_progress'), people.timer, input, ctx());
    expect(out).toMatchObject({ ok: true, to: 'replied', patch: { resolution: 'in_plan', suggestionId: 'sg1' } });
    expect(decideAppeal(appeal('replied'), people.timer, input, ctx())).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(decideAppeal(appeal('in_progress'), people.staff, input, ctx())).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
  });
});

describe('我也遇到 and merging', () => {
  it('supports only someone else’s open case past moderation', () => {
    const a = { status: 'assigned' as const, submitterOpenid: 'r1' };
    expect(maySupport(a, 'r2')).toEqual({ ok: true });
    expect(maySupport(a, 'r1')).toMatchObject({ ok: false });
    expect(maySupport({ ...a, status: 'pending_review' }, 'r2')).toMatchObject({ ok: false });
    expect(maySupport({ ...a, status: 'closed' }, 'r2')).toMatchObject({ ok: false });
  });
  it('merges an unanswered duplicate into a case still open; the duplicate closes as merged', () => {
    expect(mayMerge({ _id: 'a', status: 'assigned' }, { _id: 'a', status: 'assigned' })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(mayMerge({ _id: 'a', status: 'replied' }, { _id: 'b', status: 'assigned' })).toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(mayMerge({ _id: 'a', status: 'assigned' }, { _id: 'b', status: 'closed' })).toMatchObject({ code: 'FAILED_PRECONDITION' });
    const out = decideAppeal(appeal('assigned'), people.staff, { command: 'merge', into: { _id: 'b', trackingNo: '20261130-00001' } }, ctx());
    expect(out).toMatchObject({ ok: true, to: 'closed', patch: { closedReason: 'merged', mergedInto: 'b' } });
    expect(statusLabel('closed', { closedReason: 'merged' })).toBe('已合并办理');
    expect(decideAppeal(appeal('assigned'), people.assignee, { command: 'merge', into: { _id: 'b', trackingNo: 'x' } }, ctx())).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
  });
});
