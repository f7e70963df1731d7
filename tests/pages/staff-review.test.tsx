import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import { resetDirectoryCache } from '../../src/hooks/useDirectory';
import ReviewQueue from '../../src/packages/staff/pages/review/index';

import { ok, typeInto } from './helpers';

const mockCall = callCloud as unknown as jest.Mock;

const item = {
  _id: 'a1',
  trackingNo: '20261128-00001',
  status: 'pending_review',
  statusLabel: '待审核',
  category: 'housing',
  summary: '【测试复核】楼道堆放杂物',
  createdAt: '2026-11-28T02:00:00.000Z',
  communityId: 'c1',
  assignee: null,
  contentCheck: 'review',
  overdueAt: null,
  consoleError: null,
};

let queue: (typeof item)[];
let role = 'staff';

function serve() {
  mockCall.mockImplementation(async (name: string, event: { action: string }) => {
    if (name === 'user') return ok({ openid: 'o-staff', role, name: '黄敏' });
    if (name === 'directory') return ok(event.action === 'categories' ? [{ _id: 'housing', name: '住房物业' }] : [{ _id: 'c1', name: '青石社区', stationId: 's1' }]);
    if (name === 'staff' && event.action === 'reviewQueue') return ok({ items: queue });
    if (name === 'staff' && event.action === 'moderate') {
      queue = [];
      return ok({ ...item, status: 'rejected', statusLabel: '未受理' });
    }
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

const moderateCalls = () => mockCall.mock.calls.filter(([n, e]) => n === 'staff' && e.action === 'moderate');

beforeEach(() => {
  mockCall.mockReset();
  resetDirectoryCache();
  queue = [item];
  role = 'staff';
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }) as any);
});
afterEach(() => jest.restoreAllMocks());

test('不予受理 needs a reason: nothing is sent without one; the reason goes to the server', async () => {
  serve();
  render(<ReviewQueue />);
  await screen.findByText('【测试复核】楼道堆放杂物');
  expect(document.body.textContent).toContain('内容安全：需人工复核');
  expect(document.body.textContent).toContain('住房物业');

  fireEvent.click(screen.getByTestId('reject'));
  const dialog = await screen.findByTestId('reason-dialog');
  expect(dialog.textContent).toContain('居民会看到');

  // Empty reason: refused on the client.
  await act(async () => {
    fireEvent.click(screen.getByTestId('reason-dialog-confirm'));
  });
  expect(screen.getByTestId('reason-error').textContent).toBe('请填写原因（至少 2 个字）');
  expect(moderateCalls()).toHaveLength(0);

  // One character is still too short (the server's minimum is 2).
  typeInto(screen.getByTestId('reason-input'), ' 否 ');
  await act(async () => {
    fireEvent.click(screen.getByTestId('reason-dialog-confirm'));
  });
  expect(screen.getByTestId('reason-error')).toBeTruthy();
  expect(moderateCalls()).toHaveLength(0);

  typeInto(screen.getByTestId('reason-input'), '属于物业合同纠纷，请通过法律途径解决');
  expect(screen.queryByTestId('reason-error')).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getByTestId('reason-dialog-confirm'));
  });

  await waitFor(() => expect(moderateCalls()).toHaveLength(1));
  expect(moderateCalls()[0][1]).toEqual({ action: 'moderate', id: 'a1', decision: 'reject', reason: '属于物业合同纠纷，请通过法律途径解决' });
  await screen.findByText('没有待审核的诉求');
  expect(screen.queryByTestId('reason-dialog')).toBeNull();
});

test('cancel closes the dialog without sending', async () => {
  serve();
  render(<ReviewQueue />);
  await screen.findByText('【测试复核】楼道堆放杂物');
  fireEvent.click(screen.getByTestId('reject'));
  await screen.findByTestId('reason-dialog');
  fireEvent.click(screen.getByTestId('reason-dialog-cancel'));
  expect(screen.queryByTestId('reason-dialog')).toBeNull();
  expect(moderateCalls()).toHaveLength(0);
});

test('a server refusal stays in the dialog', async () => {
  serve();
  const base = mockCall.getMockImplementation()!;
  mockCall.mockImplementation(async (name: string, event: { action: string }) =>
    name === 'staff' && event.action === 'moderate' ? { ok: false, error: { code: 'FAILED_PRECONDITION', message: '当前状态下无法进行此操作' } } : base(name, event),
  );
  render(<ReviewQueue />);
  await screen.findByText('【测试复核】楼道堆放杂物');
  fireEvent.click(screen.getByTestId('reject'));
  typeInto(await screen.findByTestId('reason-input'), '重复提交');
  await act(async () => {
    fireEvent.click(screen.getByTestId('reason-dialog-confirm'));
  });
  await waitFor(() => expect(screen.getByTestId('reason-error').textContent).toBe('当前状态下无法进行此操作'));
  expect(screen.getByTestId('reason-dialog')).toBeTruthy();
});

test('non-staff see 仅工作人员可用 and the queue is never asked for', async () => {
  role = 'resident';
  serve();
  render(<ReviewQueue />);
  expect(await screen.findByText('仅工作人员可用')).toBeTruthy();
  expect(mockCall.mock.calls.some(([n]) => n === 'staff')).toBe(false);
});
