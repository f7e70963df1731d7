import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Community, Envelope, Station } from '../../src/services/types';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import Index from '../../src/pages/index/index';

const mockCall = callCloud as unknown as jest.Mock;

const stations: Station[] = [
  { _id: 'st2', name: '幸福里联络点', kind: 'contact_point', communityIds: ['c3'], address: '幸福里 12 号' },
  { _id: 'st1', name: '东湖活动站', kind: 'station', communityIds: ['c1', 'c2'], address: '东湖路 8 号' },
  { _id: 'home', name: '街道代表之家', kind: 'home', communityIds: [], address: '人民路 1 号' },
];
const communities: Community[] = [
  { _id: 'c1', name: '东湖社区', stationId: 'st1' },
  { _id: 'c2', name: '西岸社区', stationId: 'st1' },
  { _id: 'c3', name: '幸福里社区', stationId: 'st2' },
];

const ok = <T,>(data: T): Envelope<T> => ({ ok: true, data });

function serveDirectory() {
  mockCall.mockImplementation(async (name: string, event: { action: string }) => {
    if (name !== 'directory') throw new Error(`unexpected function ${name}`);
    return event.action === 'stations' ? ok(stations) : ok(communities);
  });
}

const devUsers = [
  { openid: 'o-staff', role: 'staff', name: '王工作' },
  { openid: 'o-res', role: 'resident', name: '李居民', communityIds: ['c1'] },
];

beforeEach(() => {
  mockCall.mockReset();
  window.localStorage.clear();
  (globalThis as any).fetch = jest.fn(async (url: string) => {
    if (url === '/api/dev/users') return { ok: true, status: 200, json: async () => devUsers };
    throw new Error(`unexpected fetch ${url}`);
  });
});

test('shows loading, then the network with 代表之家 first and each station\'s communities', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  mockCall.mockImplementation(async (_name: string, event: { action: string }) => {
    await gate;
    return event.action === 'stations' ? ok(stations) : ok(communities);
  });

  render(<Index />);
  expect(screen.getByTestId('loading')).toBeTruthy();
  expect(screen.getByText('我要反映诉求')).toBeTruthy();

  await act(async () => release());
  await screen.findByText('街道代表之家');

  expect(screen.queryByTestId('loading')).toBeNull();
  expect(mockCall).toHaveBeenCalledWith('directory', { action: 'stations' }, expect.anything());
  expect(mockCall).toHaveBeenCalledWith('directory', { action: 'communities' }, expect.anything());

  const text = document.body.textContent || '';
  const order = ['街道代表之家', '东湖活动站', '幸福里联络点'].map((n) => text.indexOf(n));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);

  expect(screen.getByText('东湖社区')).toBeTruthy();
  expect(screen.getByText('西岸社区')).toBeTruthy();
  expect(screen.getByText('幸福里社区')).toBeTruthy();
  expect(text).toContain('东湖路 8 号');
  expect(text).toContain('人民路 1 号');
});

test('shows the Chinese error with a retry button, and retry calls again', async () => {
  mockCall.mockResolvedValue({ ok: false, error: { code: 'NETWORK', message: '网络不太好，请稍后重试' } });

  render(<Index />);
  await screen.findByText('网络不太好，请稍后重试');
  expect(screen.getByTestId('error')).toBeTruthy();
  const callsBefore = mockCall.mock.calls.length;

  serveDirectory();
  fireEvent.click(screen.getByText('重试'));

  await screen.findByText('东湖活动站');
  expect(mockCall.mock.calls.length).toBeGreaterThan(callsBefore);
  expect(screen.queryByTestId('error')).toBeNull();
});

test('h5 dev identity chip defaults to the first resident', async () => {
  serveDirectory();
  render(<Index />);
  const chip = await screen.findByTestId('dev-chip');
  await waitFor(() => expect(chip.textContent).toContain('李居民'));
  expect(chip.textContent).toContain('居民');
});
