import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { BallotDetail } from '../../contracts/ballot';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import { resetDirectoryCache } from '../../src/hooks/useDirectory';
import BallotDetailPage from '../../src/packages/ballot/pages/detail/index';

import { ok } from './helpers';
import { isoFromNow, PAGE_NOW } from './clock';

const mockCall = callCloud as unknown as jest.Mock;

const soon = new Date(PAGE_NOW + 3 * 24 * 3600_000 + 60_000).toISOString();
const base: BallotDetail = {
  _id: 'b1',
  title: '2027年度民生实事项目居民意愿征集',
  electorate: 'resident',
  status: 'open',
  minChoices: 1,
  maxChoices: 2,
  opensAt: isoFromNow(0, -1),
  closesAt: soon,
  candidateCount: 3,
  description: '请选出您最希望明年实施的项目。',
  candidates: [
    { _id: 'p1', title: '老旧小区加装电梯', summary: '为多层住宅加装电梯。', cost: 3_600_000, communityId: 'c1' },
    { _id: 'p2', title: '社区食堂', summary: '新建长者助餐点。', cost: 850_000 },
    { _id: 'p3', title: '口袋公园', summary: '利用闲置地块建设口袋公园。', cost: 1_200_000 },
  ],
  mayVote: true,
};

let detail: BallotDetail;
let castReply: unknown;

function serve() {
  mockCall.mockImplementation(async (name: string, event: { action: string; projectIds?: string[] }) => {
    if (name === 'user') return ok({ openid: 'o-res', role: 'resident', name: '李居民', communityId: 'c1' });
    if (name === 'directory') return ok(event.action === 'communities' ? [{ _id: 'c1', name: '青石社区', stationId: 's1' }] : []);
    if (name === 'ballot' && event.action === 'detail') return ok(detail);
    if (name === 'ballot' && event.action === 'cast') return castReply;
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

const candidates = () => screen.getAllByTestId('candidate');
const selected = () => candidates().filter((c) => c.getAttribute('data-selected') === 'true').length;
// The Taro button (a web component on h5) carries `disabled` as a property.
const disabled = (el: Element) => (el as unknown as { disabled?: boolean }).disabled === true;
const castCalls = () => mockCall.mock.calls.filter(([n, e]) => n === 'ballot' && e.action === 'cast');

beforeEach(() => {
  mockCall.mockReset();
  resetDirectoryCache();
  detail = { ...base };
  castReply = undefined;
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'b1' } } } as any);
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }) as any);
  (globalThis as any).fetch = jest.fn(async () => ({ ok: true, status: 200, json: async () => [] }));
});

afterEach(() => jest.restoreAllMocks());

test('enforces min/max client-side, confirms, casts, then shows the vote and no more voting', async () => {
  serve();
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as any);
  render(<BallotDetailPage />);
  await screen.findByText('老旧小区加装电梯');

  expect(screen.getByTestId('time-left').textContent).toBe('还剩 3 天');
  expect(screen.getByText('预算 360 万元')).toBeTruthy();
  expect(screen.getByText('青石社区')).toBeTruthy();
  // Nothing chosen: below the minimum, the button is off.
  expect(screen.getByTestId('counter').textContent).toContain('请选择 1–2 项 · 已选 0 项，还需选 1 项');
  expect(disabled(screen.getByTestId('cast'))).toBe(true);

  fireEvent.click(candidates()[0]);
  fireEvent.click(candidates()[2]);
  expect(selected()).toBe(2);
  expect(screen.getByTestId('counter').textContent).toContain('已选 2 项');
  expect(disabled(screen.getByTestId('cast'))).toBe(false);

  // A third pick goes over the maximum: refused with a toast, selection unchanged.
  fireEvent.click(candidates()[1]);
  expect(selected()).toBe(2);
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '最多只能选择 2 项' })));

  // Deselect and reselect works.
  fireEvent.click(candidates()[2]);
  expect(selected()).toBe(1);
  fireEvent.click(candidates()[1]);
  expect(selected()).toBe(2);

  castReply = ok({ ballotId: 'b1', projectIds: ['p1', 'p2'], at: isoFromNow(0) });
  const at = isoFromNow(0);
  await act(async () => {
    detail = { ...base, myVote: { projectIds: ['p1', 'p2'], at } };
    fireEvent.click(screen.getByTestId('cast'));
  });

  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认投票？', content: expect.stringContaining('投票后不能修改') }));
  await waitFor(() => expect(castCalls()).toHaveLength(1));
  expect(castCalls()[0][1]).toEqual({ action: 'cast', ballotId: 'b1', projectIds: ['p1', 'p2'] });

  const mine = await screen.findByTestId('my-vote');
  expect(mine.textContent).toContain('老旧小区加装电梯');
  expect(mine.textContent).toContain('社区食堂');
  expect(mine.textContent).not.toContain('口袋公园');
  expect(screen.queryByTestId('cast')).toBeNull();
});

test('cancelling the confirmation casts nothing', async () => {
  serve();
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true } as any);
  render(<BallotDetailPage />);
  await screen.findByText('社区食堂');
  fireEvent.click(candidates()[1]);
  await act(async () => {
    fireEvent.click(screen.getByTestId('cast'));
  });
  expect(castCalls()).toHaveLength(0);
  expect(screen.getByTestId('cast')).toBeTruthy();
});

test('already voted: shows 您的选择 with the chosen projects and no way to vote', async () => {
  detail = { ...base, myVote: { projectIds: ['p3'], at: '2026-11-20T02:00:00.000Z' } };
  serve();
  render(<BallotDetailPage />);
  const mine = await screen.findByTestId('my-vote');
  expect(screen.getByText('您的选择')).toBeTruthy();
  expect(mine.textContent).toContain('口袋公园');
  expect(screen.queryByTestId('cast')).toBeNull();
  expect(screen.queryByTestId('counter')).toBeNull();
  // Candidates are read-only: a tap changes nothing and calls nothing.
  const calls = mockCall.mock.calls.length;
  fireEvent.click(candidates()[0]);
  expect(mockCall.mock.calls.length).toBe(calls);
  expect(document.body.textContent).toContain('每人只能投一次');
});

test('CONFLICT from the server reads as 您已经投过票了 and shows the recorded vote', async () => {
  serve();
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as any);
  castReply = { ok: false, error: { code: 'CONFLICT', message: '您已经投过票了，每人只能投一次' } };
  render(<BallotDetailPage />);
  await screen.findByText('社区食堂');
  fireEvent.click(candidates()[1]);
  await act(async () => {
    detail = { ...base, myVote: { projectIds: ['p1'], at: isoFromNow(0) } };
    fireEvent.click(screen.getByTestId('cast'));
  });
  expect((await screen.findByTestId('vote-conflict')).textContent).toContain('您已经投过票了');
  expect(screen.getByTestId('my-vote').textContent).toContain('老旧小区加装电梯');
  expect(screen.queryByTestId('cast')).toBeNull();
});

test('a deputy ballot tells a resident it is not theirs', async () => {
  detail = { ...base, electorate: 'deputy', mayVote: false };
  serve();
  render(<BallotDetailPage />);
  const note = await screen.findByTestId('no-vote');
  expect(note.textContent).toContain('仅限街道审议代表投票');
  expect(screen.queryByTestId('cast')).toBeNull();
  expect(document.body.textContent).toContain('票决结束后公布结果');
});
