import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import { resetDirectoryCache } from '../../src/hooks/useDirectory';
import Review from '../../src/packages/legislation/pages/review/index';
import type { CommentItem } from '../../contracts/legislation';
import { ok, quietTaro, setPageParams, typeInto } from './helpers';
import { isoFromNow } from './clock';

const mockCall = callCloud as unknown as jest.Mock;

const comment: CommentItem = {
  _id: 'c1',
  draftId: 'draft-dogs',
  sectionId: 's4',
  content: '大型犬不应一律禁止，建议按犬只性情区分对待',
  adoption: 'pending',
  adoptionReason: null,
  decidedAt: null,
  createdAt: '2026-11-28T02:00:00.000Z',
  pointName: '线上（小程序）',
  channel: 'online',
  communityId: 'c01',
};
const detail = {
  _id: 'draft-dogs',
  title: '清河街道文明养犬管理办法（征求意见稿）',
  summary: '…',
  status: 'consulting',
  opensAt: isoFromNow(-14),
  closesAt: isoFromNow(16),
  rollup: { total: 1, pending: 1, adopted: 0, partially_adopted: 0, not_adopted: 0, adoptionRate: null },
  sections: [{ _id: 's4', title: '第四条 大型犬', text: '社区内禁止饲养烈性犬、大型犬。' }],
  myComments: [],
};

let role = 'staff';
let store: CommentItem[];

function serve() {
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'user') return ok({ openid: 'o-staff', role, name: '黄敏' });
    if (name === 'directory') return ok(event.action === 'categories' ? [] : [{ _id: 'c01', name: '青石社区', stationId: 's1' }]);
    if (name === 'legislation' && event.action === 'detail') return ok(detail);
    if (name === 'legislation' && event.action === 'comments') return ok({ items: store.filter((c) => c.adoption === (event.adoption ?? 'pending')) });
    if (name === 'legislation' && event.action === 'adopt') {
      store = store.map((c): CommentItem => (c._id === event.id ? { ...c, adoption: event.adoption, adoptionReason: event.reason, decidedAt: '2026-11-29T02:00:00.000Z' } : c));
      return ok(store.find((c) => c._id === event.id));
    }
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

const adoptCalls = () => mockCall.mock.calls.filter(([n, e]) => n === 'legislation' && e.action === 'adopt');
let ui: ReturnType<typeof quietTaro>;

beforeEach(() => {
  mockCall.mockReset();
  resetDirectoryCache();
  role = 'staff';
  store = [comment];
  ui = quietTaro();
  setPageParams({ id: 'draft-dogs' });
});
afterEach(() => jest.restoreAllMocks());

test('a decision needs a choice and a reason; it is sent only after confirmation and leaves the pending tab', async () => {
  serve();
  render(<Review />);
  const item = await screen.findByTestId('review-comment');
  expect(item.textContent).toContain('第四条 大型犬');
  expect(item.textContent).toContain(comment.content);
  await waitFor(() => expect(item.textContent).toContain('青石社区'));
  expect(screen.getByTestId('tab-pending').textContent).toBe('待研究 1');

  fireEvent.click(within(item).getByTestId('decide'));
  const form = screen.getByTestId('decide-form');

  // No choice, no reason.
  await act(async () => {
    fireEvent.click(within(form).getByTestId('decide-submit'));
  });
  expect(within(form).getByTestId('decide-error').textContent).toBe('请选择采纳结果');

  // A choice without a reason is refused on the client too.
  fireEvent.click(within(form).getByText('部分采纳'));
  await act(async () => {
    fireEvent.click(within(form).getByTestId('decide-submit'));
  });
  expect(within(form).getByTestId('decide-error').textContent).toContain('请写明采纳或不采纳的理由');
  typeInto(within(form).getByTestId('decide-reason'), ' 同意 ');
  await act(async () => {
    fireEvent.click(within(form).getByTestId('decide-submit'));
  });
  expect(within(form).getByTestId('decide-error').textContent).toContain('至少 4 个字');
  expect(ui.showModal).not.toHaveBeenCalled();
  expect(adoptCalls()).toHaveLength(0);

  // With a reason: asked to confirm; "再想想" sends nothing.
  const reason = '将改为限制烈性犬，大型犬经登记评估后可饲养';
  typeInto(within(form).getByTestId('decide-reason'), reason);
  ui.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as any);
  await act(async () => {
    fireEvent.click(within(form).getByTestId('decide-submit'));
  });
  expect(ui.showModal).toHaveBeenCalledTimes(1);
  expect(ui.showModal.mock.calls[0][0]).toMatchObject({ content: expect.stringContaining('部分采纳') });
  expect(adoptCalls()).toHaveLength(0);

  await act(async () => {
    fireEvent.click(within(form).getByTestId('decide-submit'));
  });
  await waitFor(() => expect(adoptCalls()).toHaveLength(1));
  expect(adoptCalls()[0][1]).toEqual({ action: 'adopt', id: 'c1', adoption: 'partially_adopted', reason });
  expect(await screen.findByText('没有待研究的意见')).toBeTruthy();
  expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已答复，居民会收到通知' }));

  // It is now under 部分采纳, with its reason.
  fireEvent.click(screen.getByTestId('tab-partially_adopted'));
  const decided = await screen.findByTestId('review-comment');
  expect(within(decided).getByTestId('adoption').textContent).toBe('部分采纳');
  expect(decided.textContent).toContain(reason);
  expect(within(decided).getByTestId('decide').textContent).toBe('修改答复');
});

test('a server refusal stays in the form', async () => {
  serve();
  const base = mockCall.getMockImplementation()!;
  mockCall.mockImplementation(async (name: string, event: any) =>
    name === 'legislation' && event.action === 'adopt' ? { ok: false, error: { code: 'NOT_FOUND', message: '没有找到这条意见' } } : base(name, event),
  );
  render(<Review />);
  fireEvent.click(within(await screen.findByTestId('review-comment')).getByTestId('decide'));
  const form = screen.getByTestId('decide-form');
  fireEvent.click(within(form).getByText('未采纳'));
  typeInto(within(form).getByTestId('decide-reason'), '上位法已有规定，本办法不再重复');
  await act(async () => {
    fireEvent.click(within(form).getByTestId('decide-submit'));
  });
  await waitFor(() => expect(within(form).getByTestId('decide-error').textContent).toBe('没有找到这条意见'));
  expect(screen.getByTestId('review-comment')).toBeTruthy();
});

test('without ?id staff pick a draft; non-staff see 仅工作人员可用 and no comments are asked for', async () => {
  setPageParams({});
  serve();
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'user') return ok({ openid: 'o-staff', role, name: '黄敏' });
    if (name === 'legislation' && event.action === 'drafts') return ok([detail]);
    throw new Error(`unexpected ${name}.${event.action}`);
  });
  const first = render(<Review />);
  const pick = await screen.findByTestId('review-draft');
  expect(pick.textContent).toContain('清河街道文明养犬管理办法');
  expect(document.body.textContent).toContain('1 条待研究');
  first.unmount();

  role = 'resident';
  setPageParams({ id: 'draft-dogs' });
  mockCall.mockClear();
  render(<Review />);
  expect(await screen.findByText('仅工作人员可用')).toBeTruthy();
  expect(mockCall.mock.calls.some(([n]) => n === 'legislation')).toBe(false);
});
