import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import Clusters from '../../src/packages/suggestion/pages/clusters/index';
import SuggestionPage from '../../src/packages/suggestion/pages/detail/index';
import CasePage from '../../src/packages/suggestion/pages/case/index';
import { SimilarCases } from '../../src/packages/appeal/components/SimilarCases';
import type { ClusterView, PublicCase, SuggestionDetail } from '../../contracts/suggestion';
import { fail, ok, setPageParams, setupPageTests, typeInto } from './helpers';
import { isoFromNow } from './clock';

const env = setupPageTests();
const calls = (action: string) => env.call.mock.calls.filter(([, e]) => e.action === action).map(([, e]) => e);

const cluster: ClusterView = {
  key: 'a1+a2+a3', category: 'traffic', categoryName: '交通出行', communityNames: ['青石社区'], score: 0.42,
  reasons: ['同一社区、同一类别，文字相似度 42%'],
  appeals: ['a1', 'a2', 'a3'].map((id, i) => ({ _id: id, trackingNo: `20261201-0000${i}`, summary: `公交站台雨棚破损漏雨 ${i}`, statusLabel: '代表办理中', supporters: i })),
};

const suggestion = (over: Partial<SuggestionDetail> = {}): SuggestionDetail => ({
  _id: 'sg1', code: 'JY2026-ABC123', title: '关于修复青石路公交站台雨棚的建议', department: '区交通运输局', status: 'assigned', statusLabel: '已交办', appealCount: 3,
  createdAt: isoFromNow(-3), answeredAt: null, content: '多位居民反映雨棚破损，建议尽快维修。', proposerName: '王建国代表', answer: null, resolution: null, implementNote: null,
  steps: [{ step: 'propose', label: '提出建议', at: isoFromNow(-3), note: '关于修复雨棚（3 件诉求）' }, { step: 'assign', label: '交办', at: isoFromNow(-2), note: '交办区交通运输局' }],
  nextStep: 'answer', ...over,
});

describe('相似诉求 → 代表建议', () => {
  it('a deputy sees why appeals were grouped and proposes a suggestion after confirming; nothing is sent without title or department', async () => {
    env.call.mockImplementation(async (fn: string, e: any) => {
      if (fn === 'user') return ok({ openid: 'dev_deputy_d01', role: 'deputy', name: '王建国' });
      if (e.action === 'clusters') return ok([cluster]);
      if (e.action === 'propose') return ok(suggestion({ status: 'drafted', statusLabel: '已提出', nextStep: 'assign' }));
      throw new Error(`unexpected ${fn}.${e.action}`);
    });
    render(<Clusters />);
    const card = await screen.findByTestId('cluster');
    expect(card.textContent).toContain('同一社区、同一类别，文字相似度 42%');
    expect(card.textContent).toContain('2 人也遇到');
    fireEvent.click(within(card).getByTestId('propose'));
    await act(async () => { fireEvent.click(screen.getByTestId('propose-submit')); });
    expect(screen.getByTestId('propose-error').textContent).toContain('建议标题');
    expect(calls('propose')).toHaveLength(0);
    typeInto(screen.getByTestId('propose-title'), '关于修复青石路公交站台雨棚的建议');
    typeInto(screen.getByTestId('propose-department'), '区交通运输局');
    typeInto(screen.getByTestId('propose-content'), '多位居民反映雨棚破损漏雨，建议交通部门尽快维修。');
    await act(async () => { fireEvent.click(screen.getByTestId('propose-submit')); });
    await waitFor(() => expect(calls('propose')).toHaveLength(1));
    expect(env.ui.showModal.mock.calls[0][0]).toMatchObject({ content: expect.stringContaining('3 件诉求') });
    expect(calls('propose')[0]).toMatchObject({ appealIds: ['a1', 'a2', 'a3'], title: '关于修复青石路公交站台雨棚的建议', department: '区交通运输局' });
    await waitFor(() => expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/suggestion/pages/detail/index?id=sg1' }));
  });

  it('a resident is told the page is not for them', async () => {
    env.call.mockImplementation(async (fn: string) => (fn === 'user' ? ok({ openid: 'r', role: 'resident' }) : fail('PERMISSION_DENIED', '无权限')));
    render(<Clusters />);
    expect(await screen.findByText('仅代表和工作人员可用')).toBeTruthy();
    expect(calls('clusters')).toHaveLength(0);
  });
});

describe('代表建议 steps', () => {
  it('the department’s answer needs its kind; once confirmed the page shows it and offers 落实 next', async () => {
    setPageParams({ id: 'sg1' });
    env.call.mockImplementation(async (_fn: string, e: any) => {
      if (e.action === 'detail') return ok(suggestion());
      if (e.action === 'step') return ok(suggestion({ status: 'answered', statusLabel: '已答复', answer: e.answer, resolution: e.resolution, nextStep: 'implement' }));
      throw new Error(`unexpected ${e.action}`);
    });
    render(<SuggestionPage />);
    expect((await screen.findByTestId('suggestion-head')).textContent).toContain('承办：区交通运输局');
    expect(screen.getAllByTestId('suggestion-step').map((s) => s.textContent)).toEqual([expect.stringContaining('提出建议'), expect.stringContaining('交办')]);
    typeInto(screen.getByTestId('step-text'), '已安排施工单位本月底前更换雨棚顶板。');
    await act(async () => { fireEvent.click(screen.getByTestId('step-submit')); });
    expect(screen.getByTestId('step-error').textContent).toContain('办理结果');
    fireEvent.click(screen.getByText('纳入计划'));
    await act(async () => { fireEvent.click(screen.getByTestId('step-submit')); });
    await waitFor(() => expect(calls('step')).toHaveLength(1));
    expect(calls('step')[0]).toEqual({ action: 'step', id: 'sg1', step: 'answer', answer: '已安排施工单位本月底前更换雨棚顶板。', resolution: 'in_plan' });
    expect((await screen.findByTestId('suggestion-answer')).textContent).toContain('纳入计划');
    expect(screen.getByTestId('step-submit').textContent).toBe('确认落实');
  });

  it('a reader sees the steps and no form', async () => {
    setPageParams({ id: 'sg1' });
    env.call.mockImplementation(async () => ok(suggestion({ nextStep: null })));
    render(<SuggestionPage />);
    await screen.findByTestId('suggestion-head');
    expect(screen.queryByTestId('step-form')).toBeNull();
  });
});

describe('我也遇到', () => {
  const kase: PublicCase = { _id: 'a1', summary: '柳荫小区路灯不亮', categoryName: '市政设施', communityName: '青石社区', statusLabel: '代表办理中', supporters: 2, supportedByMe: false, mine: false, reply: null };

  it('a neighbour adds their support once from the case page; the count is the server’s', async () => {
    setPageParams({ id: 'a1' });
    env.call.mockImplementation(async (_fn: string, e: any) => {
      if (e.action === 'publicCase') return ok(kase);
      if (e.action === 'support') return ok({ appealId: 'a1', supporters: 3, supportedByMe: true });
      throw new Error(`unexpected ${e.action}`);
    });
    render(<CasePage />);
    expect((await screen.findByTestId('supporters')).textContent).toBe('2 位居民也遇到');
    await act(async () => { fireEvent.click(screen.getByTestId('support')); });
    await waitFor(() => expect(screen.getByTestId('supporters').textContent).toBe('3 位居民也遇到'));
    expect(screen.getByTestId('supported').textContent).toBe('您已附议');
    expect(screen.queryByTestId('support')).toBeNull();
    expect(calls('support')).toEqual([{ action: 'support', appealId: 'a1' }]);
  });

  it('while typing an appeal, similar cases nearby are offered once the typing pauses', async () => {
    env.call.mockImplementation(async (_fn: string, e: any) => {
      if (e.action === 'similar') return ok([kase]);
      if (e.action === 'support') return ok({ appealId: 'a1', supporters: 3, supportedByMe: true });
      throw new Error(`unexpected ${e.action}`);
    });
    const { rerender } = render(<SimilarCases communityId="c01" category="" content="路灯" />);
    rerender(<SimilarCases communityId="c01" category="" content="柳荫小区路灯" />);
    rerender(<SimilarCases communityId="c01" category="infrastructure" content="柳荫小区门口路灯不亮" />);
    const offered = await screen.findByTestId('similar-case', undefined, { timeout: 3000 });
    expect(offered.textContent).toContain('柳荫小区路灯不亮');
    // One call for the text as it stood when typing paused, with the category chosen by then.
    expect(calls('similar')).toEqual([{ action: 'similar', communityId: 'c01', category: 'infrastructure', content: '柳荫小区门口路灯不亮' }]);
    await act(async () => { fireEvent.click(within(offered).getByTestId('me-too')); });
    await waitFor(() => expect(offered.textContent).toContain('已附议'));
  });
});
