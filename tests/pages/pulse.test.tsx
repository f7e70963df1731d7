import { fireEvent, render, screen, waitFor } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));
jest.mock('../../src/services/files', () => ({ openDocument: jest.fn(async () => undefined), pickSpreadsheet: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import { openDocument } from '../../src/services/files';
import { setClock } from '../../src/services/clock';
import { PulseLine } from '../../src/components/PulseLine';
import PulseBoardPage from '../../src/packages/pulse/pages/board/index';
import { pulseBoard } from './fixtures-pulse';
import { ok } from './helpers';

const mockCall = callCloud as unknown as jest.Mock;
let role = 'staff';
let board = pulseBoard();

function serve() {
  mockCall.mockImplementation(async (name: string, event: { action: string; period?: string; dimension?: string }) => {
    if (name === 'user') return ok({ openid: 'o-staff', role, name: '黄敏' });
    if (name === 'pulse' && event.action === 'board') return ok({ ...board, period: event.period, dimension: event.dimension });
    if (name === 'pulse' && event.action === 'exportPulse') return ok({ fileId: 'cloud://x/pulse.xlsx', url: 'https://files/pulse.xlsx' });
    if (name === 'directory' && event.action === 'publicSummary') return ok({ period: '2026-12', closed: 7, satisfactionRate: 83.3, line: '本月办结 7 件，满意率 83.3%', builtAt: null });
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

const boardCalls = () => mockCall.mock.calls.filter(([n, e]) => n === 'pulse' && e.action === 'board').map(([, e]) => e);

beforeEach(() => {
  mockCall.mockReset();
  role = 'staff';
  board = pulseBoard();
  // A fixed point relative to nothing but itself: the picker lists this month and the five before.
  setClock(() => Date.parse('2026-12-15T04:00:00.000Z'));
  serve();
});
afterEach(() => setClock(null));

test('shows the figures, the charts and the exact table for the picked period and breakdown', async () => {
  render(<PulseBoardPage />);
  await screen.findByTestId('pulse-figures');
  expect(boardCalls()[0]).toMatchObject({ period: '2026-12', dimension: 'all' });
  expect(screen.getByTestId('figure-closed').textContent).toContain('7 件');
  expect(screen.getByTestId('figure-satisfaction').textContent).toContain('83.3%');
  expect(screen.getByTestId('figure-received').textContent).toContain('比去年同期 +3');
  expect(screen.getAllByTestId('chart-part').map((p) => p.textContent)).toEqual(['已落实 4 件（57.1%）', '纳入计划 2 件（28.6%）', '解释说明 1 件（14.3%）']);
  expect(screen.getAllByTestId('chart-column')).toHaveLength(12);

  fireEvent.click(screen.getByText('2026年11月'));
  fireEvent.click(screen.getByText('按社区'));
  await waitFor(() => expect(boardCalls().at(-1)).toMatchObject({ period: '2026-11', dimension: 'community' }));
  await screen.findByTestId('chart-breakdown');
  expect(screen.getAllByTestId('chart-bar').map((b) => b.textContent)).toEqual(['青石社区8 件 · 满意率 100%', '河畔社区4 件 · 满意率 50%']);
  expect(screen.getAllByTestId('pulse-row').map((r) => r.textContent?.slice(0, 5))).toEqual(['青石社区8', '河畔社区4']);
});

test('quarters and years are periods too', async () => {
  render(<PulseBoardPage />);
  await screen.findByTestId('pulse-figures');
  fireEvent.click(screen.getByText('季度'));
  await waitFor(() => expect(boardCalls().at(-1)).toMatchObject({ period: '2026-Q4' }));
  fireEvent.click(screen.getByText('年度'));
  await waitFor(() => expect(boardCalls().at(-1)).toMatchObject({ period: '2026' }));
  expect(screen.getByText('2025年')).toBeTruthy();
});

test('capabilities that do not report yet show 暂无数据 instead of zeros', async () => {
  render(<PulseBoardPage />);
  await screen.findByTestId('pulse-figures');
  for (const s of ['mediation', 'activities', 'legislation']) expect(screen.getByTestId(`slot-${s}`).textContent).toContain('暂无数据');
  board = pulseBoard({ sources: ['appeals', 'mediation'], total: { ...pulseBoard().total, figures: { ...pulseBoard().total.figures, mediationCases: 3, mediationAgreements: 2 } } });
  fireEvent.click(screen.getByText('按类别'));
  await waitFor(() => expect(screen.getByTestId('slot-mediation').textContent).toContain('调解案件 3'));
});

test('exports the period to Excel and opens it', async () => {
  render(<PulseBoardPage />);
  await screen.findByTestId('pulse-figures');
  fireEvent.click(screen.getByTestId('pulse-export'));
  await waitFor(() => expect(openDocument).toHaveBeenCalledWith('https://files/pulse.xlsx', '晴雨表-2026-12.xlsx'));
});

test('before the first nightly run it says so, in Chinese', async () => {
  board = pulseBoard({ builtAt: null, trend: pulseBoard().trend.map((t) => ({ ...t, figures: {} })) });
  render(<PulseBoardPage />);
  await screen.findByText('还没有统计数据');
});

test('residents and deputies do not see the board', async () => {
  role = 'resident';
  render(<PulseBoardPage />);
  await screen.findByText('仅工作人员可用');
  expect(boardCalls()).toHaveLength(0);
});

test('the public line reads the month, for the street or one station', async () => {
  render(<PulseLine />);
  expect((await screen.findByTestId('pulse-line')).textContent).toBe('本月办结 7 件，满意率 83.3%');
  render(<PulseLine stationId="s1" />);
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('directory', { action: 'publicSummary', stationId: 's1' }, expect.anything()));
});
