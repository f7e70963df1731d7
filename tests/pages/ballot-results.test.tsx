import { render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { BallotDetail, BallotResults } from '../../contracts/ballot';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import BallotResultsPage from '../../src/packages/ballot/pages/results/index';

import { ok } from './helpers';
import { isoFromNow } from './clock';

const mockCall = callCloud as unknown as jest.Mock;

const candidates = [
  { _id: 'p1', title: '老旧小区加装电梯', summary: '…' },
  { _id: 'p2', title: '社区食堂', summary: '…' },
  { _id: 'p3', title: '口袋公园', summary: '…' },
];
const detailOf = (id: string, electorate: 'resident' | 'deputy', status: BallotDetail['status'] = 'closed'): BallotDetail => ({
  _id: id,
  title: electorate === 'resident' ? '居民意愿征集' : '代表票决',
  electorate,
  status,
  minChoices: 1,
  maxChoices: 3,
  opensAt: isoFromNow(-14),
  closesAt: isoFromNow(-1),
  candidateCount: 3,
  description: '',
  candidates,
  mayVote: false,
});

const results: BallotResults = {
  ballotId: 'br',
  status: 'closed',
  count: 'frozen',
  voters: 10,
  tallies: [
    { projectId: 'p1', online: 6, paper: 2, total: 8 },
    { projectId: 'p2', online: 3, paper: 0, total: 3 },
    { projectId: 'p3', online: 0, paper: 0, total: 0 },
  ],
  turnoutByCommunity: [
    { communityId: 'c1', name: '青石社区', voters: 7 },
    { communityId: 'c2', name: '柳岸社区', voters: 3 },
  ],
  paired: {
    ballotId: 'bd',
    electorate: 'deputy',
    voters: 4,
    tallies: [
      { projectId: 'p2', online: 3, paper: 0, total: 3 },
      { projectId: 'p1', online: 1, paper: 0, total: 1 },
      { projectId: 'p3', online: 0, paper: 0, total: 0 },
    ],
  },
};

function serve(resultsReply: unknown) {
  mockCall.mockImplementation(async (name: string, event: { action: string; ballotId?: string }) => {
    if (name === 'ballot' && event.action === 'results') return resultsReply;
    if (name === 'ballot' && event.action === 'detail') return ok(detailOf(event.ballotId!, event.ballotId === 'bd' ? 'deputy' : 'resident', (resultsReply as { ok: boolean }).ok ? 'closed' : 'open'));
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

beforeEach(() => {
  mockCall.mockReset();
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'br' } } } as any);
});
afterEach(() => jest.restoreAllMocks());

const widths = (row: HTMLElement) =>
  Array.from(row.querySelectorAll<HTMLElement>('[data-tone]')).map((s) => `${s.getAttribute('data-tone')}:${s.style.width}`);

test('bars show each project total, online and paper stacked, scaled to the leader', async () => {
  serve(ok(results));
  render(<BallotResultsPage />);
  const rows = await screen.findAllByTestId('bar');
  expect(rows).toHaveLength(3);

  expect(rows[0].textContent).toContain('老旧小区加装电梯');
  expect(within(rows[0]).getByTestId('bar-value').textContent).toBe('8 票');
  expect(rows[0].textContent).toContain('线上 6 · 纸质 2');
  expect(widths(rows[0])).toEqual(['online:75.0%', 'paper:25.0%']);

  expect(rows[1].textContent).toContain('社区食堂');
  expect(within(rows[1]).getByTestId('bar-value').textContent).toBe('3 票');
  expect(widths(rows[1])).toEqual(['online:37.5%']);

  expect(within(rows[2]).getByTestId('bar-value').textContent).toBe('0 票');
  expect(widths(rows[2])).toEqual([]);

  expect(screen.getByTestId('voters').textContent).toBe('10');
  expect(screen.getByTestId('status').textContent).toBe('最终结果');
  // Turnout by community, as bars too.
  const turnout = screen.getAllByTestId('turnout');
  expect(turnout.map((r) => r.textContent)).toEqual(['青石社区7 人', '柳岸社区3 人']);
});

test('the binding deputy result sits next to the advisory resident result, in the binding order', async () => {
  serve(ok(results));
  render(<BallotResultsPage />);
  const paired = await screen.findByTestId('paired');
  expect(paired.textContent).toContain('代表票决（决定）');
  expect(paired.textContent).toContain('居民意愿（参考）');
  expect(within(paired).getByTestId('binding-voters').textContent).toBe('4 位代表投票');
  expect(within(paired).getByTestId('advisory-voters').textContent).toBe('10 位居民投票');

  const rows = within(paired).getAllByTestId('pair-row');
  expect(rows.map((r) => r.textContent?.split(/\d/)[0])).toEqual(['社区食堂', '老旧小区加装电梯', '口袋公园']);
  // Shares of each side's votes (4 deputy votes, 11 resident votes incl. paper); bars scaled to each side's leader.
  expect(within(rows[0]).getByTestId('binding-value').textContent).toBe('3 票 · 占 75%');
  expect(within(rows[0]).getByTestId('advisory-value').textContent).toBe('3 票 · 占 27%');
  expect(within(rows[1]).getByTestId('binding-value').textContent).toBe('1 票 · 占 25%');
  expect(within(rows[1]).getByTestId('advisory-value').textContent).toBe('8 票 · 占 73%');
  expect(within(rows[2]).getByTestId('binding-value').textContent).toBe('0 票 · 占 0%');
  const fill = (row: HTMLElement, tone: string) => row.querySelector<HTMLElement>(`.lxq-bars__segment--${tone}`)!.style.width;
  expect([fill(rows[0], 'deputy'), fill(rows[0], 'resident')]).toEqual(['100%', '38%']);
  expect([fill(rows[1], 'deputy'), fill(rows[1], 'resident')]).toEqual(['33%', '100%']);
});

test('before the ballot closes a resident sees 票决结束后公布结果', async () => {
  serve({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '票决结束后才公布结果' } });
  render(<BallotResultsPage />);
  expect(await screen.findByText('票决结束后公布结果')).toBeTruthy();
  expect(screen.queryAllByTestId('bar')).toHaveLength(0);
  expect(screen.queryByTestId('error')).toBeNull();
});
