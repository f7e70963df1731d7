import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import DraftPage from '../../src/packages/legislation/pages/draft/index';
import Drafts from '../../src/packages/legislation/pages/drafts/index';
import Mine from '../../src/packages/legislation/pages/mine/index';
import { formsKey } from '../../src/packages/legislation/forms';
import { isoFromNow } from './clock';
import { devUsersFetch, fail, ok, quietTaro, setPageParams, typeInto, waitUntilGone } from './helpers';

const mockCall = callCloud as unknown as jest.Mock;

const rollup = { total: 3, pending: 1, adopted: 1, partially_adopted: 1, not_adopted: 0, adoptionRate: 1 };
const sections = [
  { _id: 's1', title: '第一条 登记', text: '在本街道饲养犬只的，应当在取得犬只后30日内到社区办理登记。' },
  { _id: 's4', title: '第四条 大型犬', text: '社区内禁止饲养烈性犬、大型犬；已饲养的，应当在本办法施行后90日内妥善处置。' },
];
const decided = {
  _id: 'c-old',
  draftId: 'draft-dogs',
  sectionId: 's1',
  content: '登记能不能在网上办理，老人跑社区不方便',
  adoption: 'partially_adopted',
  adoptionReason: '将增加线上登记渠道，线下登记保留',
  decidedAt: isoFromNow(-2),
  createdAt: isoFromNow(-12),
};
const pending = { ...decided, _id: 'c-pending', sectionId: null, content: '建议增加文明养犬宣传', adoption: 'pending', adoptionReason: null, decidedAt: null, createdAt: isoFromNow(-11) };

const detail = (over: Record<string, unknown> = {}) => ({
  _id: 'draft-dogs',
  title: '清河街道文明养犬管理办法（征求意见稿）',
  summary: '为规范养犬行为，现公开征求居民意见。',
  status: 'consulting',
  opensAt: isoFromNow(-21),
  closesAt: isoFromNow(9),
  rollup,
  sections,
  myComments: [] as unknown[],
  ...over,
});

let current: ReturnType<typeof detail>;

/** detail answers `current`; each comment call takes the next reply. */
function serve(replies: ((event: any) => unknown)[] = []) {
  const queue = [...replies];
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'legislation' && event.action === 'detail') return ok(current);
    if (name === 'legislation' && event.action === 'comment') {
      const next = queue.shift();
      if (!next) throw new Error('unexpected comment');
      return next(event);
    }
    if (name === 'legislation' && event.action === 'drafts') return ok([current]);
    if (name === 'legislation' && event.action === 'points') return ok({ formula: '1+17+1', points: [{ _id: 'home', name: '代表之家', kind: 'home', group: '代表之家' }] });
    if (name === 'legislation' && event.action === 'myComments') return ok({ items: [decided, pending] });
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

const commentCalls = () => mockCall.mock.calls.filter(([n, e]) => n === 'legislation' && e.action === 'comment').map(([, e]) => e);
let ui: ReturnType<typeof quietTaro>;

beforeEach(() => {
  mockCall.mockReset();
  window.localStorage.clear();
  (globalThis as any).fetch = devUsersFetch();
  ui = quietTaro();
  setPageParams({ id: 'draft-dogs' });
  current = detail();
});
afterEach(() => jest.restoreAllMocks());

test('a comment on 第四条 after a NETWORK failure is retried with the same requestId; success shows it under 我的意见', async () => {
  const text = '大型犬不应一律禁止，建议按犬只性情和牵引管理区分对待';
  serve([
    () => fail('NETWORK', '网络不太好，请稍后重试'),
    (e) => ok({ _id: 'c-new', draftId: 'draft-dogs', sectionId: 's4', content: e.content, adoption: 'pending', adoptionReason: null, decidedAt: null, createdAt: isoFromNow(0) }),
  ]);
  render(<DraftPage />);
  await screen.findByText('第四条 大型犬');
  expect(screen.getByTestId('rollup').textContent).toBe('已收到 3 条意见，采纳 1 条、部分采纳 1 条');

  fireEvent.click(screen.getByTestId('comment-on-s4'));
  const form = screen.getByTestId('form-s4');
  typeInto(within(form).getByTestId('comment-input'), text);
  expect(within(form).getByTestId('comment-count').textContent).toBe(`${text.length}/1000`);
  fireEvent.click(within(form).getByTestId('comment-submit'));

  await within(form).findByText(/意见可能还没有提交成功/);
  expect(within(form).getByTestId('comment-submit').textContent).toBe('重新提交');
  // What was typed is kept (storage) while it is not sent.
  await waitFor(() => expect(window.localStorage.getItem(formsKey('draft-dogs'))).toContain(text));

  fireEvent.click(within(form).getByTestId('comment-submit'));
  await waitUntilGone(() => screen.queryByTestId('form-s4'), 'form-s4');

  const [first, second] = commentCalls();
  expect(commentCalls()).toHaveLength(2);
  expect(first.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(second).toEqual(first);
  expect(first).toEqual({ action: 'comment', requestId: first.requestId, draftId: 'draft-dogs', sectionId: 's4', content: text });

  expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '提交成功', icon: 'success' }));
  const mine = screen.getAllByTestId('my-comment');
  expect(mine[0].textContent).toContain(text);
  expect(mine[0].textContent).toContain('第四条 大型犬');
  expect(mine[0].textContent).toContain('待研究');
  expect(window.localStorage.getItem(formsKey('draft-dogs'))).toBeNull();

  // The next comment on the same section is a new one: a new requestId.
  fireEvent.click(screen.getByTestId('comment-on-s4'));
  typeInto(within(screen.getByTestId('form-s4')).getByTestId('comment-input'), '另一条意见：建议明确大型犬的体型标准');
  serve([(e) => ok({ ...decided, _id: 'c-3', content: e.content, adoption: 'pending' })]);
  fireEvent.click(within(screen.getByTestId('form-s4')).getByTestId('comment-submit'));
  await waitFor(() => expect(commentCalls()).toHaveLength(3));
  expect(commentCalls()[2].requestId).not.toBe(first.requestId);
});

test('too short: the server schema message shows and nothing is sent; the general form has no sectionId', async () => {
  serve([(e) => ok({ ...pending, _id: 'c-g', content: e.content })]);
  render(<DraftPage />);
  await screen.findByText('第四条 大型犬');
  fireEvent.click(screen.getByTestId('comment-general'));
  const form = screen.getByTestId('form-_general');
  typeInto(within(form).getByTestId('comment-input'), '不好');
  fireEvent.click(within(form).getByTestId('comment-submit'));
  expect(await within(form).findByText('意见至少 5 个字')).toBeTruthy();
  expect(commentCalls()).toHaveLength(0);

  typeInto(within(form).getByTestId('comment-input'), '建议增加对流浪犬的管理规定');
  fireEvent.click(within(form).getByTestId('comment-submit'));
  await waitFor(() => expect(commentCalls()).toHaveLength(1));
  expect(commentCalls()[0]).not.toHaveProperty('sectionId');
});

test('typed text survives leaving the page and coming back', async () => {
  serve();
  const first = render(<DraftPage />);
  await screen.findByText('第四条 大型犬');
  fireEvent.click(screen.getByTestId('comment-on-s1'));
  typeInto(within(screen.getByTestId('form-s1')).getByTestId('comment-input'), '登记时限30日太短');
  first.unmount();

  render(<DraftPage />);
  await screen.findByText('第四条 大型犬');
  const input = within(screen.getByTestId('form-s1')).getByTestId('comment-input') as any;
  expect(input.value ?? input.getAttribute('value')).toBe('登记时限30日太短');
});

test('my comments on this draft show the adoption and, once decided, the reason', async () => {
  current = detail({ myComments: [pending, decided] });
  serve();
  render(<DraftPage />);
  const items = await screen.findAllByTestId('my-comment');
  expect(items).toHaveLength(2);
  const d = items.find((el) => el.textContent!.includes('登记能不能在网上办理'))!;
  expect(within(d).getByTestId('adoption').textContent).toBe('部分采纳');
  expect(within(d).getByTestId('adoption-reason').textContent).toContain('将增加线上登记渠道，线下登记保留');
  expect(d.textContent).toContain('第一条 登记');
  const p = items.find((el) => el.textContent!.includes('建议增加文明养犬宣传'))!;
  expect(within(p).getByTestId('adoption').textContent).toBe('待研究');
  expect(within(p).queryByTestId('adoption-reason')).toBeNull();
  expect(p.textContent).toContain('整体意见');
});

test('when the consultation is closed the forms are replaced by 征求意见已结束', async () => {
  current = detail({ status: 'closed', myComments: [decided] });
  serve();
  render(<DraftPage />);
  await screen.findByText('第四条 大型犬');
  expect(screen.getByTestId('closed-note').textContent).toBe('征求意见已结束');
  expect(screen.getByTestId('draft-status').textContent).toBe('征求意见已结束');
  expect(screen.queryByTestId('comment-on-s1')).toBeNull();
  expect(screen.queryByTestId('comment-on-s4')).toBeNull();
  expect(screen.queryByTestId('comment-general')).toBeNull();
  expect(screen.queryAllByTestId('comment-input')).toHaveLength(0);
  // What I said and the answer are still there.
  expect(screen.getByTestId('adoption-reason').textContent).toContain('将增加线上登记渠道');
});

test('closed while typing (FAILED_PRECONDITION): the page reloads and shows it has ended', async () => {
  serve([
    () => {
      current = detail({ status: 'closed' });
      return fail('FAILED_PRECONDITION', '该征求意见稿当前不在征求意见期内');
    },
  ]);
  render(<DraftPage />);
  await screen.findByText('第四条 大型犬');
  fireEvent.click(screen.getByTestId('comment-on-s4'));
  typeInto(within(screen.getByTestId('form-s4')).getByTestId('comment-input'), '建议放宽大型犬限制');
  fireEvent.click(within(screen.getByTestId('form-s4')).getByTestId('comment-submit'));
  await screen.findByTestId('closed-note');
  expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该征求意见稿当前不在征求意见期内' }));
  expect(screen.queryByTestId('form-s4')).toBeNull();
});

test('the drafts list shows status, closing time and the rollup; 我的立法意见 lists adoption and reasons', async () => {
  serve();
  const list = render(<Drafts />);
  const item = await screen.findByTestId('draft-item');
  expect(item.textContent).toContain('征求意见中');
  expect(item.textContent).toContain('截止');
  expect(screen.getByTestId('draft-rollup').textContent).toBe('已收到 3 条意见，采纳 1 条、部分采纳 1 条');
  fireEvent.click(item);
  expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/legislation/pages/draft/index?id=draft-dogs' });
  list.unmount();

  render(<Mine />);
  const items = await screen.findAllByTestId('my-comment');
  expect(items).toHaveLength(2);
  expect(within(items[0]).getByTestId('adoption-reason').textContent).toContain('将增加线上登记渠道');
  await waitFor(() => expect(items[0].textContent).toContain('《清河街道文明养犬管理办法（征求意见稿）》第一条 登记'));
  expect(items[1].textContent).toContain('待研究');
});

test('an empty drafts list says so', async () => {
  mockCall.mockImplementation(async () => ok([]));
  render(<Drafts />);
  expect(await screen.findByText('暂时没有征求意见的草案')).toBeTruthy();
});
