import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Community, Envelope, Station } from '../../src/services/types';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import Index from '../../src/pages/index/index';

const mockCall = callCloud as unknown as jest.Mock;

const stations: Station[] = [
  { _id: 'st2', name: '幸福里联络点', kind: 'contact_point', communityIds: ['c3'], address: '幸福里 12 号', phone: '0571-88000201' },
  { _id: 'st1', name: '东湖活动站', kind: 'station', communityIds: ['c1', 'c2'], address: '东湖路 8 号', phone: '0571-88000111' },
  { _id: 'home', name: '街道代表之家', kind: 'home', communityIds: [], address: '人民路 1 号', phone: '0571-88000100' },
];
const communities: Community[] = [
  { _id: 'c1', name: '东湖社区', stationId: 'st1' },
  { _id: 'c2', name: '西岸社区', stationId: 'st1' },
  { _id: 'c3', name: '幸福里社区', stationId: 'st2' },
];

const ok = <T,>(data: T): Envelope<T> => ({ ok: true, data });

let me: Record<string, unknown> = { openid: 'o-res', role: 'resident', name: '李居民', communityId: 'c1' };
const deputyHome = {
  counts: { assigned: 2, in_progress: 1, replied: 0, closed: 4 },
  dueToday: 1,
  overdue: 1,
  urgent: [
    { _id: 'a9', trackingNo: '20261130-00009', status: 'in_progress', statusLabel: '办理中', category: 'c', summary: '楼道灯不亮', createdAt: '2026-11-20T02:00:00.000Z', overdue: true, deadline: { stage: 'reply', due: '2026-11-27T15:59:59.999Z', daysLeft: 0, daysLate: 2 } },
  ],
};
const staffDashboard = { counts: { pending_review: 3, triage: 1, overdue: 2, supervised: 2, flagged: 0 }, overdueByDeputy: [], overdueByStation: [], calendar: { year: 2026, known: true, nextYear: 2027, nextKnown: true } };

let todayAt: { communityId: string | null; entries: unknown[] } = { communityId: 'c1', entries: [] };

function serveDirectory() {
  mockCall.mockImplementation(async (name: string, event: { action: string }) => {
    if (name === 'user' && event.action === 'whoami') return ok(me);
    if (name === 'deputy' && event.action === 'home') return ok(deputyHome);
    if (name === 'staff' && event.action === 'dashboard') return ok(staffDashboard);
    if (name === 'directory' && event.action === 'publicSummary') return ok({ period: '2026-12', closed: 5, satisfactionRate: 80, line: '本月办结 5 件，满意率 80%', builtAt: null });
    if (name === 'presence' && event.action === 'today') return ok(todayAt);
    if (name !== 'directory') throw new Error(`unexpected function ${name}`);
    if (event.action === 'contact') return ok({ phone: '0571-88000100' });
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
  me = { openid: 'o-res', role: 'resident', name: '李居民', communityId: 'c1' };
  require('../../src/services/a11y').reloadA11y();
  (globalThis as any).fetch = jest.fn(async (url: string) => {
    if (url === '/api/dev/users') return { ok: true, status: 200, json: async () => devUsers };
    throw new Error(`unexpected fetch ${url}`);
  });
});

test('shows loading, then the network with 代表之家 first and each station\'s communities', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  mockCall.mockImplementation(async (name: string, event: { action: string }) => {
    if (name === 'user') return ok(me);
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
  mockCall.mockImplementation(async (name: string) => (name === 'user' ? ok(me) : { ok: false, error: { code: 'NETWORK', message: '网络不太好，请稍后重试' } }));

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

test('a resident reaches 回音壁, 立法, progress and projects in one tap, and can call a station', async () => {
  serveDirectory();
  const Taro = require('@tarojs/taro').default;
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
  render(<Index />);
  await screen.findByText('东湖活动站');
  expect((await screen.findByTestId('pulse-line')).textContent).toBe('本月办结 5 件，满意率 80%');
  fireEvent.click(screen.getByTestId('wall-entry'));
  fireEvent.click(screen.getByTestId('legislation-entry'));
  expect(nav.mock.calls.map((c) => (c[0] as { url: string }).url)).toEqual(['/pages/wall/index', '/packages/legislation/pages/drafts/index']);
  const phones = screen.getAllByTestId('station-phone');
  expect(phones.map((p) => p.textContent)).toEqual(expect.arrayContaining([expect.stringContaining('0571-88000111')]));
  fireEvent.click(phones.find((p) => p.textContent!.includes('0571-88000111'))!);
  await waitFor(() => expect(call).toHaveBeenCalledWith({ phoneNumber: '057188000111' }));
  jest.restoreAllMocks();
});

test("a deputy's 首页 starts with their queue: counts, due today, overdue and the most urgent appeal", async () => {
  me = { openid: 'o-dep', role: 'deputy', name: '王建国', deputyId: 'd01' };
  serveDirectory();
  render(<Index />);
  const card = await screen.findByTestId('deputy-home');
  await waitFor(() => expect(card.textContent).toContain('楼道灯不亮'));
  expect(screen.getByTestId('home-assigned').textContent).toContain('2');
  expect(screen.getByTestId('home-due-today').textContent).toMatch(/1.*今天到期/);
  expect(screen.getByTestId('home-overdue').textContent).toMatch(/1.*已超期.*需处理/);
  // The deputy is asked to act, in working days.
  expect(card.textContent).toContain('应于11月27日前答复，已列入督办已超期 2 个工作日');
  expect(screen.queryByText('我要反映诉求')).toBeNull();
  expect(mockCall).toHaveBeenCalledWith('deputy', { action: 'home' }, expect.anything());
});

test("staff's 首页 shows the review queue, overdue and console edits", async () => {
  me = { openid: 'o-staff', role: 'staff', name: '黄敏' };
  serveDirectory();
  render(<Index />);
  await screen.findByTestId('staff-home');
  await waitFor(() => expect(screen.getByTestId('home-review').textContent).toMatch(/3.*待审核.*需处理/));
  expect(screen.getByTestId('home-overdue').textContent).toContain('2');
  expect(screen.getByTestId('home-flagged').textContent).toMatch(/^0控制台修改未生效$/);
});

test('长辈模式: the home keeps 反映诉求, 查看进度 and the numbers to call, and it survives a restart', async () => {
  serveDirectory();
  const a11y = require('../../src/services/a11y');
  a11y.setA11y({ elder: true });
  // A restart reads the setting back from storage.
  a11y.reloadA11y();
  expect(a11y.a11ySettings()).toEqual({ elder: true, contrast: false });
  render(<Index />);
  const home = await screen.findByTestId('elder-home');
  expect(home.closest('.lxq-page')!.className).toContain('lxq-elder');
  expect(screen.getByTestId('elder-appeal').textContent).toContain('反映诉求');
  expect(screen.getByTestId('elder-progress').textContent).toContain('查看进度');
  // The resident's own station and the 代表之家, each tap-to-call; no station list below.
  await waitFor(() => expect(screen.getByTestId('elder-call').textContent).toContain('0571-88000111'));
  expect(screen.getByTestId('elder-call').textContent).toContain('0571-88000100');
  expect(screen.queryByText('幸福里联络点')).toBeNull();
  fireEvent.click(screen.getByTestId('elder-off'));
  await screen.findByText('我要反映诉求');
  expect(a11y.a11ySettings().elder).toBe(false);
});

test('今天在站的代表: the deputies receiving today at the resident’s stations, each opening that station’s page', async () => {
  todayAt = { communityId: 'c1', entries: [{ _id: 'r1', stationId: 'st1', stationName: '东湖活动站', deputyId: 'd1', deputyName: '王建国', day: '2026-12-02', half: 'pm', when: '12月2日（周三）下午' }] };
  serveDirectory();
  const Taro = require('@tarojs/taro').default;
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  render(<Index />);
  const entry = await screen.findByTestId('today-entry');
  expect(entry.textContent).toContain('王建国 代表 · 下午');
  expect(mockCall.mock.calls.find((c) => c[0] === 'presence')?.[1]).toEqual({ action: 'today', communityId: 'c1' });
  fireEvent.click(entry);
  expect((nav.mock.calls[0][0] as { url: string }).url).toBe('/packages/presence/pages/station/index?id=st1');
  jest.restoreAllMocks();
  todayAt = { communityId: 'c1', entries: [] };
});
