import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import AppealNew from '../../src/packages/appeal/pages/new/index';
import { DRAFT_KEY } from '../../src/packages/appeal/pages/new/draft';
import { categories, communities } from './fixtures';
import { fail, ok, setupPageTests, toggle, typeInto, waitUntilGone } from './helpers';

const env = setupPageTests({ clearStorage: true });
const mockCall = env.call;
const submitted = {
  _id: 'a1',
  trackingNo: '20261128-04217',
  status: 'assigned',
  statusLabel: '已转给代表，待受理',
  assignee: { deputyId: 'd01', name: '王建国' },
  routeReason: '青石社区的值班代表中，王建国代表擅长住房物业领域，已转给王建国代表',
};

/** Answers directory/whoami; `submit` decides each appeal.submit reply in turn. */
function serve(submit: ((event: any) => unknown)[] = []) {
  const replies = [...submit];
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'directory') return ok(event.action === 'categories' ? categories : communities);
    if (name === 'user' && event.action === 'whoami') return ok({ openid: 'o-res', role: 'resident', name: '林小雨', communityId: 'c01', uploadDir: 'u/o-res-id' });
    if (name === 'appeal' && event.action === 'submit') {
      const next = replies.shift();
      if (!next) throw new Error('unexpected submit');
      return next(event);
    }
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

const submitCalls = () => mockCall.mock.calls.filter(([name, event]) => name === 'appeal' && event.action === 'submit');
const content = () => screen.getByTestId('field-content').querySelector('taro-textarea-core');
const phone = () => screen.getByTestId('field-contact').querySelectorAll('taro-input-core')[1];
const submitButton = () => screen.getByTestId('submit');


test('validation: the server schema\'s Chinese messages, shown per field, and nothing is sent', async () => {
  serve();
  render(<AppealNew />);
  await screen.findByText('住房物业');
  // The resident's own community is preselected from whoami.
  await waitFor(() => expect(screen.getByTestId('field-community').textContent).toContain('青石社区'));

  fireEvent.click(submitButton());
  await screen.findByText('请选择诉求类别');
  expect(screen.getByText('诉求内容至少 5 个字')).toBeTruthy();
  expect(screen.queryByText('请选择所在的社区或村')).toBeNull();

  typeInto(content(), '路灯坏了');
  expect(screen.getByTestId('content-count').textContent).toBe('4/1000');
  typeInto(phone(), '12345');
  fireEvent.click(screen.getByText('住房物业'));
  fireEvent.click(submitButton());
  await screen.findByText('请填写 11 位手机号');
  expect(screen.getByText('诉求内容至少 5 个字')).toBeTruthy();
  expect(screen.queryByText('请选择诉求类别')).toBeNull();

  expect(submitCalls()).toHaveLength(0);
});

test('anonymous hides the contact fields and explains why', async () => {
  serve();
  render(<AppealNew />);
  await screen.findByText('住房物业');
  expect(screen.getByTestId('field-contact')).toBeTruthy();
  expect(screen.getByText(/匿名后代表看不到您的联系方式/)).toBeTruthy();
  toggle(screen.getByTestId('field-anonymous').querySelector('taro-switch-core'), true);
  await waitUntilGone(() => screen.queryByTestId('field-contact'), 'field-contact');
});

test('a NETWORK failure keeps the draft; the retry sends the same requestId and shows the tracking number', async () => {
  serve([() => fail('NETWORK', '网络不太好，请稍后重试'), () => ok(submitted)]);
  render(<AppealNew />);
  await screen.findByText('住房物业');
  await waitFor(() => expect(screen.getByTestId('field-community').textContent).toContain('青石社区'));

  fireEvent.click(screen.getByText('住房物业'));
  typeInto(content(), '青石路 88 号门口的路灯坏了两个星期');
  typeInto(phone(), '13800001234');
  fireEvent.click(submitButton());

  await screen.findByText(/诉求可能还没有提交成功/);
  expect(submitButton().textContent).toBe('重新提交');
  expect(window.localStorage.getItem(DRAFT_KEY)).toContain('青石路 88 号门口的路灯坏了两个星期');

  fireEvent.click(submitButton());
  await screen.findByTestId('submit-success');

  const calls = submitCalls();
  expect(calls).toHaveLength(2);
  const [first, second] = calls.map(([, event]) => event);
  expect(first.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(second.requestId).toBe(first.requestId);
  expect(second).toEqual(first);
  expect(first).toMatchObject({
    action: 'submit',
    category: 'housing',
    communityId: 'c01',
    content: '青石路 88 号门口的路灯坏了两个星期',
    anonymous: false,
    contact: { phone: '13800001234' },
  });

  expect(screen.getByTestId('tracking-no').textContent).toBe('2026 1128 - 04217');
  expect(screen.getByText('办理代表：王建国 代表')).toBeTruthy();
  expect(screen.getByText(submitted.routeReason)).toBeTruthy();
  expect(window.localStorage.getItem(DRAFT_KEY)).toBeNull();

  fireEvent.click(screen.getByText('查看办理进度'));
  expect(env.ui.redirectTo).toHaveBeenCalledWith({ url: '/pages/appeal-detail/index?id=a1' });
});

test('CONTENT_REJECTED: the message shows at the text and the corrected text goes with a new requestId', async () => {
  serve([() => fail('CONTENT_REJECTED', '诉求内容未通过安全检查，请修改后重新提交'), () => ok(submitted)]);
  render(<AppealNew />);
  await screen.findByText('住房物业');
  fireEvent.click(screen.getByText('交通出行'));
  typeInto(content(), '这里有一段不合适的内容');
  fireEvent.click(submitButton());
  await waitFor(() => expect(screen.getAllByText('诉求内容未通过安全检查，请修改后重新提交').length).toBeGreaterThan(0));

  typeInto(content(), '公交站台的顶棚漏雨了');
  fireEvent.click(submitButton());
  await screen.findByTestId('submit-success');
  const [first, second] = submitCalls().map(([, event]) => event);
  expect(second.requestId).not.toBe(first.requestId);
});

test('the draft survives leaving the page and is restored on return', async () => {
  serve();
  const view = render(<AppealNew />);
  await screen.findByText('住房物业');
  fireEvent.click(screen.getByText('交通出行'));
  typeInto(content(), '小区门口的斑马线看不清了');
  view.unmount();

  render(<AppealNew />);
  await screen.findByTestId('draft-restored');
  await waitFor(() => expect(content()!.getAttribute('value')).toBe('小区门口的斑马线看不清了'));
  expect(screen.getByTestId('content-count').textContent).toBe('12/1000');
  await act(async () => undefined);
});

test('while sending, the button is disabled and a second tap sends nothing', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  serve([async () => (await gate, ok(submitted))]);
  render(<AppealNew />);
  await screen.findByText('住房物业');
  fireEvent.click(screen.getByText('住房物业'));
  typeInto(content(), '楼道里的灯不亮了，老人上下楼很危险');
  fireEvent.click(submitButton());
  await waitFor(() => expect(submitButton().textContent).toBe('正在提交…'));
  expect((submitButton() as any).disabled).toBe(true);
  fireEvent.click(submitButton());
  await act(async () => release());
  await screen.findByTestId('submit-success');
  expect(submitCalls()).toHaveLength(1);
  expect(env.ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '提交成功' }));
});
