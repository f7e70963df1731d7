import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import Proposals from '../../src/packages/ballot/pages/staff-proposals/index';
import Propose from '../../src/packages/ballot/pages/propose/index';
import { communities } from './fixtures';
import { fail, ok, setupPageTests, typeInto, waitUntilGone } from './helpers';

const env = setupPageTests();

type Status = 'submitted' | 'pending_review' | 'shortlisted' | 'rejected';
const proposal = (id: string, status: Status, title: string) => ({ _id: id, title, description: `${title}：希望街道明年能办起来。`, communityId: 'c01', cost: 500_000, status, createdAt: '2026-11-28T02:00:00.000Z' });

let store: ReturnType<typeof proposal>[];
let reviewReply: ((event: any) => unknown) | null;

function serve() {
  env.call.mockImplementation(async (name: string, event: any) => {
    if (name === 'user') return ok({ openid: 'o-staff', role: 'staff', name: '黄敏' });
    if (name === 'directory') return ok(event.action === 'communities' ? communities : []);
    if (name === 'project' && event.action === 'proposals') return ok({ items: store.filter((p) => p.status === (event.status ?? 'submitted')) });
    if (name === 'project' && event.action === 'reviewProposal') {
      if (reviewReply) return reviewReply(event);
      const p = store.find((x) => x._id === event.id)!;
      p.status = event.decision === 'approve' ? 'submitted' : 'rejected';
      return ok({ _id: p._id, status: p.status });
    }
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

beforeEach(() => {
  store = [proposal('pr1', 'pending_review', '小区加装充电桩'), proposal('pr2', 'submitted', '青石路增设路灯'), proposal('pr3', 'submitted', '社区食堂'), proposal('pr4', 'shortlisted', '口袋公园')];
  reviewReply = null;
});

const reviewCalls = () => env.call.mock.calls.filter(([n, e]) => n === 'project' && e.action === 'reviewProposal').map(([, e]) => e);
const listCalls = () => env.call.mock.calls.filter(([n, e]) => n === 'project' && e.action === 'proposals').map(([, e]) => e.status);
const click = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const row = (title: string) => {
  const el = screen.getAllByTestId('proposal').find((r) => r.textContent?.includes(title));
  if (!el) throw new Error(`no proposal ${title}`);
  return el;
};

test('status tabs: 待审核 first and shown first; each tab asks the server for its status', async () => {
  serve();
  render(<Proposals />);
  const tabs = await screen.findByTestId('status-tabs');
  expect(Array.from(tabs.children).map((t) => t.textContent)).toEqual(['待审核', '待整理', '已列入', '未采纳']);
  await screen.findByText('小区加装充电桩');
  expect(listCalls()).toEqual(['pending_review']);

  await click(screen.getByTestId('tab-submitted'));
  await screen.findByText('青石路增设路灯');
  await click(screen.getByTestId('tab-shortlisted'));
  await screen.findByText('口袋公园');
  // Nothing to decide on a shortlisted proposal.
  expect(within(row('口袋公园')).queryByTestId('approve')).toBeNull();
  expect(within(row('口袋公园')).queryByTestId('reject')).toBeNull();
  await click(screen.getByTestId('tab-rejected'));
  await screen.findByText('没有这一类建议');
  expect(listCalls()).toEqual(['pending_review', 'submitted', 'shortlisted', 'rejected']);
});

test('approve a pending_review proposal after confirmation', async () => {
  serve();
  render(<Proposals />);
  await screen.findByText('小区加装充电桩');
  const item = row('小区加装充电桩');
  expect(item.querySelector('.lxq-staff__check')).toBeNull(); // not selectable for merging while held

  // Declined confirmation: nothing sent.
  env.ui.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
  await click(within(item).getByTestId('approve'));
  expect(env.ui.showModal).toHaveBeenCalledTimes(1);
  expect(reviewCalls()).toHaveLength(0);

  await click(within(item).getByTestId('approve'));
  await waitFor(() => expect(reviewCalls()).toEqual([{ action: 'reviewProposal', id: 'pr1', decision: 'approve' }]));
  // The list is asked again and the proposal has moved on to 待整理.
  await screen.findByText('没有这一类建议');
});

test('不采纳 sends reject only with a reason (4+ characters), after the dialog is confirmed', async () => {
  serve();
  render(<Proposals />);
  await click(await screen.findByTestId('tab-submitted'));
  await screen.findByText('青石路增设路灯');
  const item = row('青石路增设路灯');

  await click(within(item).getByTestId('reject'));
  const dialog = await screen.findByTestId('reason-dialog');
  expect(dialog.textContent).toContain('青石路增设路灯');
  expect(dialog.textContent).toContain('建议人会收到通知');
  // The tap on the button did not select the row for merging.
  expect(screen.queryByTestId('merge-form')).toBeNull();

  await click(screen.getByTestId('reason-dialog-confirm'));
  expect(screen.getByTestId('reason-error').textContent).toBe('请填写原因（至少 4 个字）');
  typeInto(screen.getByTestId('reason-input'), ' 不可行 ');
  await click(screen.getByTestId('reason-dialog-confirm'));
  expect(screen.getByTestId('reason-error').textContent).toBe('请填写原因（至少 4 个字）');
  expect(reviewCalls()).toHaveLength(0);

  // Cancel: still nothing.
  await click(screen.getByTestId('reason-dialog-cancel'));
  expect(screen.queryByTestId('reason-dialog')).toBeNull();
  expect(reviewCalls()).toHaveLength(0);

  await click(within(row('青石路增设路灯')).getByTestId('reject'));
  typeInto(await screen.findByTestId('reason-input'), '该路段属市政道路，已转交区城管局办理');
  await click(screen.getByTestId('reason-dialog-confirm'));
  await waitFor(() => expect(reviewCalls()).toEqual([{ action: 'reviewProposal', id: 'pr2', decision: 'reject', reason: '该路段属市政道路，已转交区城管局办理' }]));
  await waitUntilGone(() => screen.queryByTestId('reason-dialog'), 'reason-dialog');
  await waitUntilGone(() => screen.queryByText('青石路增设路灯'), '青石路增设路灯');
  expect(screen.getByText('社区食堂')).toBeTruthy();
});

test('a pending_review proposal can be declined too; a server refusal stays in the dialog', async () => {
  serve();
  reviewReply = () => fail('CONFLICT', '这条建议已被其他工作人员处理');
  render(<Proposals />);
  await screen.findByText('小区加装充电桩');
  await click(within(row('小区加装充电桩')).getByTestId('reject'));
  typeInto(await screen.findByTestId('reason-input'), '内容与民生实事无关');
  await click(screen.getByTestId('reason-dialog-confirm'));
  await waitFor(() => expect(screen.getByTestId('reason-error').textContent).toBe('这条建议已被其他工作人员处理'));
  expect(reviewCalls()).toEqual([{ action: 'reviewProposal', id: 'pr1', decision: 'reject', reason: '内容与民生实事无关' }]);
  expect(screen.getByTestId('reason-dialog')).toBeTruthy();
});

test('待整理 rows still merge into a candidate project', async () => {
  serve();
  render(<Proposals />);
  await click(await screen.findByTestId('tab-submitted'));
  await screen.findByText('青石路增设路灯');
  await click(row('青石路增设路灯'));
  expect(row('青石路增设路灯').querySelector('.lxq-staff__check--on')).toBeTruthy();
  await click(row('社区食堂'));
  const form = await screen.findByTestId('merge-form');
  expect(form.textContent).toContain('合并 2 条建议');
});

test('我的建议 shows the reason of a proposal that was not taken up', async () => {
  env.call.mockImplementation(async (name: string, event: any) => {
    if (name === 'user') return ok({ openid: 'o-res', role: 'resident', name: '林小雨', communityId: 'c01' });
    if (name === 'directory') return ok(event.action === 'communities' ? communities : []);
    if (name === 'project' && event.action === 'myProposals')
      return ok({
        items: [
          { _id: 'm1', title: '青石路增设路灯', status: 'rejected', projectId: null, reviewReason: '该路段属市政道路，已转交区城管局办理', createdAt: '2026-11-28T02:00:00.000Z' },
          { _id: 'm2', title: '社区食堂', status: 'submitted', projectId: null, reviewReason: null, createdAt: '2026-11-27T02:00:00.000Z' },
        ],
      });
    throw new Error(`unexpected ${name}.${event.action}`);
  });
  render(<Propose />);
  const reason = await screen.findByTestId('review-reason');
  expect(reason.textContent).toBe('未采纳的理由：该路段属市政道路，已转交区城管局办理');
  expect(screen.getAllByTestId('review-reason')).toHaveLength(1);
});
