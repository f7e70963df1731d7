import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import { resetDirectoryCache } from '../../src/hooks/useDirectory';
import Review from '../../src/packages/legislation/pages/review/index';
import type { CommentItem } from '../../contracts/legislation';
import { ok, quietTaro, setPageParams, typeInto } from './helpers';
import { isoFromNow, PAGE_NOW } from './clock';
import { chinaYear } from '../../domain/time';

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
  submitted: true,
};
const detail = {
  _id: 'draft-dogs',
  title: '清河街道文明养犬管理办法（征求意见稿）',
  summary: '…',
  status: 'closed',
  issuingBody: '清江市人大常委会',
  submittedAt: isoFromNow(-1),
  opensAt: isoFromNow(-30),
  closesAt: isoFromNow(-2),
  rollup: { total: 1, pending: 1, adopted: 0, partially_adopted: 0, not_adopted: 0, adoptionRate: null },
  sections: [{ _id: 's4', title: '第四条 大型犬', text: '社区内禁止饲养烈性犬、大型犬。' }],
  myComments: [],
};

const submissionView = {
  draftId: 'draft-dogs', title: detail.title, issuingBody: '清江市人大常委会', total: 1, createdAt: isoFromNow(-1), fileId: 'cloud://x/sub.xlsx', url: 'http://files/sub.xlsx',
  sections: [{ sectionId: 's4', title: '第四条 大型犬', count: 1 }, { sectionId: null, title: '总体意见', count: 0 }],
  byPoint: [{ pointId: 'online', pointName: '线上（小程序）', count: 1 }],
};

let role = 'staff';
let store: CommentItem[];

function serve() {
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'user') return ok({ openid: 'o-staff', role, name: '黄敏' });
    if (name === 'directory') return ok(event.action === 'categories' ? [] : [{ _id: 'c01', name: '青石社区', stationId: 's1' }]);
    if (name === 'legislation' && event.action === 'detail') return ok(detail);
    if (name === 'legislation' && event.action === 'submission') return ok(submissionView);
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
  expect(within(decided).getByTestId('decide').textContent).toBe('修改采纳情况');
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
    if (name === 'legislation' && event.action === 'yearFigures') return ok({ year: event.year, draftsConsulted: 11, opinionsCollected: 170, submitted: 170, adopted: 5, partiallyAdopted: 7, notAdopted: 140, awaiting: 18, byPoint: [{ pointId: 'home', pointName: '代表之家', collected: 20, submitted: 20, adopted: 1, partiallyAdopted: 0 }] });
    throw new Error(`unexpected ${name}.${event.action}`);
  });
  const first = render(<Review />);
  const pick = await screen.findByTestId('review-draft');
  expect(pick.textContent).toContain('清河街道文明养犬管理办法');
  expect(document.body.textContent).toContain('1 条待研究');
  // Last year's figures of the 基层立法联系点, for the China year before the page's clock.
  expect((await screen.findByTestId('year-figures')).textContent).toContain('征求意见稿 11 件，收集意见 170 条，报送 170 条，全部采纳 5 条、部分采纳 7 条');
  expect(mockCall.mock.calls.find(([, e]) => e.action === 'yearFigures')![1].year).toBe(chinaYear(PAGE_NOW) - 1);
  first.unmount();

  role = 'resident';
  setPageParams({ id: 'draft-dogs' });
  mockCall.mockClear();
  render(<Review />);
  expect(await screen.findByText('仅工作人员可用')).toBeTruthy();
  expect(mockCall.mock.calls.some(([n]) => n === 'legislation')).toBe(false);
});

test('a submitted draft shows its submission by article; an opinion not yet submitted cannot be decided', async () => {
  store = [comment, { ...comment, _id: 'c2', content: '截止后才整理的意见', submitted: false }];
  serve();
  render(<Review />);
  expect((await screen.findByTestId('submission-line')).textContent).toContain('已报送清江市人大常委会，共 1 条意见');
  expect(screen.getByTestId('submission-panel').textContent).toContain('第四条 大型犬：1 条');
  const items = await screen.findAllByTestId('review-comment');
  const late = items.find((el) => el.textContent!.includes('截止后才整理的意见'))!;
  expect(late.textContent).toContain('尚未汇总报送');
  expect(within(late).queryByTestId('decide')).toBeNull();
  expect(within(items.find((el) => el !== late)!).getByTestId('decide').textContent).toBe('录入采纳情况');
});
