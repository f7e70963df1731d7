import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AppealDetail } from '../../contracts/appeal';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import AppealDetailPage from '../../src/pages/appeal-detail/index';
import { appealDetail, categories, communities } from './fixtures';
import { ok, setupPageTests, typeInto, waitUntilGone } from './helpers';

const env = setupPageTests({ params: { id: 'a1' } });
const mockCall = env.call;

function serve(details: AppealDetail[]) {
  const queue = [...details];
  let current = queue[0];
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'directory') return ok(event.action === 'categories' ? categories : communities);
    if (name === 'appeal' && event.action === 'detail') {
      current = queue.shift() ?? current;
      return ok(current);
    }
    if (name === 'appeal' && event.action === 'rate') return ok({ _id: 'a1', status: 'closed', statusLabel: '已办结', reopenCount: 0 });
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

const rateCalls = () => mockCall.mock.calls.filter(([name, event]) => name === 'appeal' && event.action === 'rate');


test('the full timeline in Chinese, the reply with its outcome label, masked contact as given', async () => {
  serve([appealDetail()]);
  render(<AppealDetailPage />);
  await screen.findByTestId('timeline');
  expect(mockCall).toHaveBeenCalledWith('appeal', { action: 'detail', id: 'a1' }, expect.anything());

  const timeline = screen.getByTestId('timeline').textContent!;
  for (const words of ['居民', '提交诉求', '系统', '分派给代表', '代表', '受理诉求', '答复居民', '【已落实】已联系街道城管科']) expect(timeline).toContain(words);
  expect(screen.getByTestId('resolution').textContent).toBe('已落实');
  expect(screen.getByTestId('reply').textContent).toBe('已联系街道城管科，路灯已于昨日修复。');
  expect(screen.getByTestId('contact-phone').textContent).toBe('电话：138****1234');
  await waitFor(() => expect(document.body.textContent).toContain('住房物业 · 青石社区'));
  expect(document.body.textContent).not.toContain('已解决');
});

test('rating buttons only for the submitter of a replied appeal', async () => {
  const cases: [Partial<AppealDetail>, boolean][] = [
    [{}, true],
    [{ viewerIs: 'staff' }, false],
    [{ viewerIs: 'past_assignee' }, false],
    [{ status: 'in_progress', statusLabel: '代表办理中', reply: undefined }, false],
    [{ status: 'closed', statusLabel: '已办结', rating: { value: 'satisfied', at: '2026-11-30T00:00:00.000Z' } }, false],
  ];
  for (const [over, shown] of cases) {
    serve([appealDetail(over)]);
    const view = render(<AppealDetailPage />);
    await screen.findByTestId('timeline');
    expect(!!screen.queryByTestId('rating-buttons')).toBe(shown);
    view.unmount();
  }
});

test('不满意 asks first (将退回代表重办); cancel sends nothing, confirm rates and refreshes', async () => {
  serve([appealDetail(), appealDetail({ status: 'assigned', statusLabel: '重办中，待代表受理', reopenCount: 1, rating: { value: 'unsatisfied', at: '2026-11-30T00:00:00.000Z' } })]);
  render(<AppealDetailPage />);
  await screen.findByTestId('rating-buttons');

  env.ui.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as any);
  fireEvent.click(screen.getByText('不满意'));
  await waitFor(() => expect(env.ui.showModal).toHaveBeenCalledTimes(1));
  expect((env.ui.showModal.mock.calls[0][0] as any).content).toContain('将退回代表重办');
  expect(rateCalls()).toHaveLength(0);

  fireEvent.click(screen.getByText('不满意'));
  await waitFor(() => expect(rateCalls()).toHaveLength(1));
  expect(rateCalls()[0][1]).toEqual({ action: 'rate', id: 'a1', rating: 'unsatisfied' });
  await waitUntilGone(() => screen.queryByTestId('rating-buttons'), 'rating-buttons');
  expect(screen.getByText('第 1 次重办')).toBeTruthy();
  expect(screen.getAllByTestId('status')[0].textContent).toBe('重办中，待代表受理');
});

test('满意 needs no dialog and sends the optional comment', async () => {
  serve([appealDetail(), appealDetail({ status: 'closed', statusLabel: '已办结', rating: { value: 'satisfied', comment: '谢谢', at: '2026-11-30T00:00:00.000Z' } })]);
  render(<AppealDetailPage />);
  await screen.findByTestId('rating-buttons');
  const box = screen.getByTestId('rating-buttons').parentElement!.querySelector('taro-textarea-core')!;
  typeInto(box, '谢谢');
  fireEvent.click(screen.getByText('满意'));
  await waitFor(() => expect(rateCalls()).toHaveLength(1));
  expect(env.ui.showModal).not.toHaveBeenCalled();
  expect(rateCalls()[0][1]).toEqual({ action: 'rate', id: 'a1', rating: 'satisfied', comment: '谢谢' });
  await screen.findByTestId('rating');
  expect(screen.getByTestId('rating').textContent).toBe('满意');
});

test('a rejected appeal shows why', async () => {
  serve([appealDetail({ status: 'rejected', statusLabel: '未受理', reply: undefined, resolution: undefined, rejectReason: '该事项属于司法程序，请通过法院途径解决' })]);
  render(<AppealDetailPage />);
  await screen.findByTestId('reject-reason');
  expect(screen.getByTestId('reject-reason').textContent).toBe('该事项属于司法程序，请通过法院途径解决');
  expect(screen.queryByTestId('rating-buttons')).toBeNull();
});

test('回音壁: the resident of a closed appeal sees the exact public text first, then publishes exactly that', async () => {
  const closed = appealDetail({ status: 'closed', statusLabel: '已办结', publish: false, rating: { value: 'satisfied', at: '2026-11-30T00:00:00.000Z' } });
  const preview = { _id: 'a1', communityName: '青石社区', category: 'housing', summary: '我叫[姓名已隐藏]，路灯坏了', reply: '已修复，请联系[手机号已隐藏]', digest: '0123456789abcdef' };
  let published = false;
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'directory') return ok(event.action === 'categories' ? categories : communities);
    if (name === 'appeal' && event.action === 'detail') return ok({ ...closed, publish: published });
    if (name === 'appeal' && event.action === 'wallPreview') return ok(preview);
    if (name === 'appeal' && event.action === 'publish') {
      published = true;
      return ok({ _id: 'a1' });
    }
    throw new Error(`unexpected ${name}.${event.action}`);
  });
  render(<AppealDetailPage />);
  fireEvent.click(await screen.findByTestId('wall-preview-open'));
  expect((await screen.findByTestId('wall-preview-summary')).textContent).toBe(preview.summary);
  expect(screen.getByTestId('wall-preview-reply').textContent).toContain(preview.reply);
  expect(mockCall.mock.calls.some(([, e]) => e.action === 'publish')).toBe(false);
  fireEvent.click(screen.getByTestId('wall-publish'));
  await screen.findByTestId('wall-published');
  expect(mockCall.mock.calls.filter(([, e]) => e.action === 'publish').map(([name, e]) => [name, e])).toEqual([['appeal', { action: 'publish', id: 'a1', digest: preview.digest }]]);
});
