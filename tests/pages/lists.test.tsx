import { fireEvent, render, screen, waitFor } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import Appeals from '../../src/pages/appeals/index';
import Inbox from '../../src/pages/inbox/index';
import Wall from '../../src/pages/wall/index';
import Me from '../../src/pages/me/index';
import { categories, communities } from './fixtures';
import { fail, ok, setupPageTests, waitUntilGone } from './helpers';

const env = setupPageTests();
const mockCall = env.call;
type Handler = (event: any) => unknown;

function serve(handlers: Record<string, Handler>) {
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'directory') return ok(event.action === 'categories' ? categories : communities);
    const h = handlers[`${name}.${event.action}`];
    if (!h) throw new Error(`unexpected ${name}.${event.action}`);
    return h(event);
  });
}

const item = (n: number, over: object = {}) => ({
  _id: `a${n}`,
  trackingNo: `20261128-0000${n}`,
  status: 'assigned',
  statusLabel: '已转给代表，待受理',
  category: 'housing',
  summary: `第 ${n} 件诉求`,
  createdAt: '2026-11-28T02:00:00.000Z',
  ...over,
});


test('我的诉求: server status words, overdue tag, cursor paging, detail link', async () => {
  let failMore = true;
  serve({
    'appeal.mine': (e) => {
      if (!e.cursor) return ok({ items: [item(1, { overdue: true }), item(2, { status: 'replied', statusLabel: '已答复，待您评价' })], nextCursor: 'c2' });
      if (failMore) {
        failMore = false;
        return fail('NETWORK', '网络不太好，请稍后重试');
      }
      return ok({ items: [item(3, { status: 'closed', statusLabel: '已办结' })] });
    },
  });
  render(<Appeals />);
  await screen.findByText('第 1 件诉求');
  expect(screen.getAllByTestId('status').map((s) => s.textContent)).toEqual(['已转给代表，待受理', '已答复，待您评价']);
  expect(screen.getAllByText('已超期')).toHaveLength(1);
  await waitFor(() => expect(screen.getAllByText('住房物业').length).toBe(2));

  fireEvent.click(screen.getByText('加载更多'));
  await screen.findByText('网络不太好，请稍后重试，点此重试');
  expect(screen.getByText('第 2 件诉求')).toBeTruthy(); // what was loaded stays
  fireEvent.click(screen.getByTestId('load-more'));
  await screen.findByText('第 3 件诉求');
  expect(screen.getByText('已经到底了')).toBeTruthy();
  expect(mockCall).toHaveBeenCalledWith('appeal', { action: 'mine', cursor: 'c2' }, expect.anything());

  fireEvent.click(screen.getByText('第 3 件诉求'));
  expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/appeal-detail/index?id=a3' });
  fireEvent.click(screen.getByText('回音壁 ›'));
  expect(env.ui.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/wall/index' });
});

test('我的诉求 empty state leads to the submit form', async () => {
  serve({ 'appeal.mine': () => ok({ items: [] }) });
  render(<Appeals />);
  await screen.findByText('还没有提交过诉求');
  const buttons = screen.getAllByText('我要反映诉求');
  fireEvent.click(buttons[buttons.length - 1]);
  expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/appeal/pages/new/index' });
});

test('回音壁 shows community, category, summary, reply, outcome and rating', async () => {
  serve({
    'appeal.wall': () =>
      ok({ items: [{ _id: 'w1', communityId: 'c01', communityName: '青石社区', category: 'housing', summary: '路灯坏了', reply: '已修复', resolution: 'implemented', rating: 'basically_satisfied', closedAt: '2026-11-30T00:00:00.000Z' }] }),
  });
  render(<Wall />);
  const card = await screen.findByTestId('wall-item');
  await waitFor(() => expect(card.textContent).toContain('青石社区 · 住房物业'));
  for (const words of ['路灯坏了', '已修复', '已落实', '居民评价：基本满意']) expect(card.textContent).toContain(words);
});

test('消息: unread count, tap marks read and opens the link; reminders show what is left', async () => {
  serve({
    'user.inbox': () =>
      ok({
        items: [
          { _id: 'm1', title: '诉求 20261128-04217 代表办理中', body: '代表已受理您的诉求，正在办理。', read: false, at: '2026-11-28T06:00:00.000Z', link: '/pages/appeal-detail/index?id=a1' },
          { _id: 'm2', title: '旧消息', body: '已读过', read: true, at: '2026-11-27T06:00:00.000Z' },
        ],
        unread: 1,
      }),
    'user.whoami': () => ok({ openid: 'o-res', role: 'resident', name: '林小雨', communityId: 'c01' }),
    'user.subscriptions': () => ok([{ templateKey: 'appealAssigned', title: '新诉求待受理', credits: 0 }, { templateKey: 'appealStatus', title: '诉求办理进度', credits: 1 }]),
    'user.markRead': () => ok({ updated: 1 }),
    'user.subscribe': () => ok({ granted: 1 }),
  });
  render(<Inbox />);
  await screen.findByText('消息（1 条未读）');
  // A resident is offered the reminder that concerns residents only.
  await screen.findByText('诉求办理进度：还可接收 1 条提醒');
  expect(screen.queryByText(/新诉求待受理/)).toBeNull();
  expect(screen.getAllByTestId('unread-dot')).toHaveLength(1);

  fireEvent.click(screen.getByText('诉求 20261128-04217 代表办理中'));
  expect(mockCall).toHaveBeenCalledWith('user', { action: 'markRead', ids: ['m1'] });
  expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/appeal-detail/index?id=a1' });
  await waitUntilGone(() => screen.queryByTestId('unread-dot'), 'unread-dot');
  expect(screen.getByText('消息')).toBeTruthy();

  // h5: no WeChat dialog, so the button records the consent directly and says it is simulated.
  fireEvent.click(screen.getByText('订阅提醒（本地模拟）'));
  await waitFor(() => expect(mockCall).toHaveBeenCalledWith('user', { action: 'subscribe', accepted: ['appealStatus'] }));
});

test('我的: unread badge on the 消息 entry', async () => {
  serve({
    'user.whoami': () => ok({ openid: 'o-res', role: 'resident', name: '林小雨' }),
    'user.inbox': () => ok({ items: [], unread: 3 }),
  });
  render(<Me />);
  await waitFor(() => expect(screen.getByTestId('unread').textContent).toBe('3'));
  fireEvent.click(screen.getByText('消息'));
  expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/inbox/index' });
});
