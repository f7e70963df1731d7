/** Proposals and projects: the lifecycle and each command's outcome or reason. */
import { propose, recordProgress, reviewProposal, scoreDelivery, shortlist } from '../../domain/projects/commands';
import { allowedProposalCommands, PROPOSAL_STATUSES, projectStatusAt, type ProposalStatus } from '../../domain/projects/lifecycle';

const staff = { openid: 's1' };
const proposal = (status: ProposalStatus, over: Partial<{ _id: string; title: string; proposerOpenid: string }> = {}) => ({ _id: 'pr1', status, title: '修缮健身广场', proposerOpenid: 'r1', ...over });
const AT = new Date('2026-11-30T02:00:00.000Z');

describe('a proposal as submitted', () => {
  it('goes to staff when the check passes, waits for review when unsure, is refused when risky', () => {
    expect(propose('pass')).toEqual({ ok: true, status: 'submitted' });
    expect(propose('review')).toEqual({ ok: true, status: 'pending_review' });
    expect(propose('error')).toEqual({ ok: true, status: 'pending_review' });
    expect(propose('risky')).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' });
  });
});

describe('staff review', () => {
  it('offers approve only for a held proposal, decline for any open one, merge for any not yet shortlisted', () => {
    expect(Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, allowedProposalCommands(s)]))).toEqual({
      pending_review: ['approve', 'reject', 'shortlist'],
      submitted: ['reject', 'shortlist'],
      shortlisted: [],
      rejected: ['shortlist'],
    });
  });

  it('approves a held proposal into the pool without telling anyone', () => {
    const o = reviewProposal(proposal('pending_review'), 'approve', undefined, staff);
    expect(o).toMatchObject({ ok: true, from: 'pending_review', to: 'submitted', reason: null, notices: [] });
    expect(o.ok && o.audit).toEqual({ action: 'review_approve', actorRole: 'staff', actorOpenid: 's1', from: 'pending_review', to: 'submitted' });
    expect(reviewProposal(proposal('submitted'), 'approve', undefined, staff)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });

  it('declines only with a reason, which the proposer is told', () => {
    expect(reviewProposal(proposal('submitted'), 'reject', undefined, staff)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '不采纳时请写明理由，建议人会看到它' });
    const o = reviewProposal(proposal('submitted'), 'reject', '超出街道财力', staff);
    expect(o).toMatchObject({ ok: true, to: 'rejected', reason: '超出街道财力' });
    expect(o.ok && o.notices).toEqual([{ toOpenid: 'r1', status: '未采纳', title: '您的建议「修缮健身广场」未列入候选', body: '超出街道财力', key: 'proposal-pr1-rejected' }]);
    expect(reviewProposal(proposal('shortlisted'), 'reject', '超出街道财力', staff)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
});

describe('shortlisting', () => {
  it('merges proposals into one candidate project and tells each proposer how', () => {
    const o = shortlist([proposal('submitted'), proposal('submitted', { _id: 'pr2', proposerOpenid: 'r2', title: '健身器材维修' })], ['pr1', 'pr2'], '健身广场改造', staff);
    expect(o.ok && o.proposalIds).toEqual(['pr1', 'pr2']);
    expect(o.ok && o.notices.map((n) => n.body)).toEqual(['您提出的「修缮健身广场」已与相近建议合并为候选项目「健身广场改造」，将进入票决。', '您提出的「健身器材维修」已与相近建议合并为候选项目「健身广场改造」，将进入票决。']);
    expect(o.ok && o.audit).toMatchObject({ action: 'shortlist', to: 'candidate', note: '合并建议 pr1, pr2' });
    const single = shortlist([proposal('submitted')], ['pr1'], '健身广场改造', staff);
    expect(single.ok && single.notices[0].body).toBe('您提出的「修缮健身广场」已整理为候选项目「健身广场改造」，将进入票决。');
  });

  it('refuses when a proposal is missing or already shortlisted', () => {
    expect(shortlist([proposal('submitted')], ['pr1', 'pr9'], '健身广场改造', staff)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(shortlist([proposal('shortlisted')], ['pr1'], '健身广场改造', staff)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
});

describe('delivery and scoring', () => {
  it('progress never goes back; 100 % is delivered', () => {
    expect(projectStatusAt(40)).toBe('delivering');
    expect(recordProgress({ percent: 40 }, 30, '返工', staff)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(recordProgress({ percent: 40 }, 40, '验收中', staff)).toMatchObject({ ok: true, status: 'delivering', phrase: '进行中' });
    expect(recordProgress({}, 100, '完工', staff)).toMatchObject({ ok: true, status: 'delivered', phrase: '已完工', audit: { from: '0', to: '100', note: '完工' } });
  });

  it('only a delivered project is scored, and the score earns the deputy a pending point once', () => {
    expect(scoreDelivery({ _id: 'p1', status: 'delivering' }, 4, undefined, { openid: 'dep-d01', deputyId: 'd01' }, AT)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION', message: '项目完工后才能验收评分' });
    const o = scoreDelivery({ _id: 'p1', status: 'delivered' }, 4, '质量好', { openid: 'dep-d01', deputyId: 'd01' }, AT);
    expect(o.ok && o.points.map((p) => [p._id, p.event, p.points, p.refType])).toEqual([['delivery_scored-p1-d01', 'delivery_scored', 1, 'project']]);
    expect(o.ok && o.audit).toEqual({ action: 'score', actorRole: 'deputy', actorOpenid: 'dep-d01', to: '4', note: '质量好' });
  });
});
