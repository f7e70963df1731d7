import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AppealDetail } from '../../contracts/appeal';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import DeputyAppeal from '../../src/packages/deputy/pages/appeal/index';
import Workbench from '../../src/packages/deputy/pages/workbench/index';
import { appealDetail, categories, communities } from './fixtures';
import { ok, setupPageTests, typeInto } from './helpers';

const env = setupPageTests({ params: { id: 'a1' } });
const mockCall = env.call;
const asDeputy = (over: Partial<AppealDetail>) =>
  appealDetail({ viewerIs: 'assignee', contact: { name: '林女士', phone: '13800001234' }, reply: undefined, resolution: undefined, ...over });

let detail: AppealDetail;
function serve() {
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'directory') return ok(event.action === 'categories' ? categories : communities);
    if (name === 'appeal' && event.action === 'detail') return ok(detail);
    if (name === 'deputy') return ok({ _id: 'a1', status: 'in_progress', statusLabel: '代表办理中' });
    if (name === 'user' && event.action === 'whoami') return ok({ openid: 'dev_deputy_d01', role: 'deputy', name: '王建国', deputyId: 'd01' });
    if (name === 'user' && event.action === 'subscriptions') return ok([{ templateKey: 'appealAssigned', title: '新诉求待受理', credits: 2 }]);
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}
const deputyCalls = () => mockCall.mock.calls.filter(([name]) => name === 'deputy').map(([, event]) => event);

beforeEach(serve);

async function open(d: AppealDetail) {
  detail = d;
  const view = render(<DeputyAppeal />);
  await screen.findByTestId('timeline');
  return view;
}

const buttons = () => Array.from(screen.getByTestId('deputy-actions').querySelectorAll('taro-button-core')).map((b) => b.textContent);

test('actions follow the status: 待受理 → 受理/直接答复; 办理中 → 记录进展/交办部门/答复; afterwards none', async () => {
  let view = await open(asDeputy({ status: 'assigned', statusLabel: '已转给代表，待受理' }));
  expect(buttons()).toEqual(['受理', '直接答复']);
  // The deputy sees the full contact (the server decides).
  // …and may call it with a tap.
  expect(screen.getByTestId('contact-phone').textContent).toContain('13800001234');
  const call = jest.spyOn(require('@tarojs/taro').default, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
  fireEvent.click(screen.getByTestId('contact-phone'));
  await waitFor(() => expect(call).toHaveBeenCalledWith({ phoneNumber: '13800001234' }));
  view.unmount();

  view = await open(asDeputy({ status: 'in_progress', statusLabel: '代表办理中' }));
  expect(buttons()).toEqual(['记录进展', '交办部门', '答复']);
  view.unmount();

  view = await open(asDeputy({ status: 'replied', statusLabel: '已答复，待您评价' }));
  expect(screen.queryByTestId('deputy-actions')).toBeNull();
  expect(screen.getByTestId('no-actions').textContent).toContain('等待居民评价');
  view.unmount();

  view = await open(asDeputy({ status: 'in_progress', viewerIs: 'past_assignee' }));
  expect(screen.queryByTestId('deputy-actions')).toBeNull();
  expect(screen.getByTestId('no-actions').textContent).toContain('不由您办理');
  view.unmount();
});

test('受理 calls deputy.accept and refreshes', async () => {
  await open(asDeputy({ status: 'assigned', statusLabel: '已转给代表，待受理' }));
  const detailCalls = () => mockCall.mock.calls.filter(([name, e]) => name === 'appeal' && e.action === 'detail').length;
  const before = detailCalls();
  detail = asDeputy({ status: 'in_progress', statusLabel: '代表办理中' });
  fireEvent.click(screen.getByText('受理'));
  await waitFor(() => expect(deputyCalls()).toEqual([{ action: 'accept', id: 'a1' }]));
  await waitFor(() => expect(buttons()).toEqual(['记录进展', '交办部门', '答复']));
  expect(detailCalls()).toBeGreaterThan(before);
});

test('记录进展 checks the note with the server\'s words before sending', async () => {
  await open(asDeputy({ status: 'in_progress', statusLabel: '代表办理中' }));
  fireEvent.click(screen.getByText('记录进展'));
  fireEvent.click(screen.getByTestId('action-submit'));
  await screen.findByText('进展说明至少 2 个字');
  expect(deputyCalls()).toHaveLength(0);
  typeInto(screen.getByTestId('form-progress').querySelector('taro-textarea-core'), '已联系物业，周五上门维修');
  fireEvent.click(screen.getByTestId('action-submit'));
  await waitFor(() => expect(deputyCalls()).toEqual([{ action: 'progress', id: 'a1', note: '已联系物业，周五上门维修' }]));
});

test('交办部门 sends department and note', async () => {
  await open(asDeputy({ status: 'in_progress', statusLabel: '代表办理中' }));
  fireEvent.click(screen.getByText('交办部门'));
  const form = screen.getByTestId('form-transfer');
  typeInto(form.querySelector('taro-input-core'), '区住建局');
  typeInto(form.querySelector('taro-textarea-core'), '请核查路灯线路并反馈');
  fireEvent.click(screen.getByTestId('action-submit'));
  await waitFor(() => expect(deputyCalls()).toEqual([{ action: 'transfer', id: 'a1', department: '区住建局', note: '请核查路灯线路并反馈' }]));
});

test('答复 needs an outcome, asks for confirmation, then sends content + resolution', async () => {
  await open(asDeputy({ status: 'in_progress', statusLabel: '代表办理中' }));
  fireEvent.click(screen.getByText('答复'));
  const form = screen.getByTestId('form-reply');
  typeInto(form.querySelector('taro-textarea-core'), '已联系街道城管科，路灯已于昨日修复。');
  fireEvent.click(screen.getByTestId('action-submit'));
  await screen.findByText('请选择办理结果');

  fireEvent.click(screen.getByText('已落实'));
  env.ui.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as any);
  fireEvent.click(screen.getByTestId('action-submit'));
  await waitFor(() => expect(env.ui.showModal).toHaveBeenCalledTimes(1));
  expect(deputyCalls()).toHaveLength(0);

  fireEvent.click(screen.getByTestId('action-submit'));
  await waitFor(() => expect(deputyCalls()).toEqual([{ action: 'reply', id: 'a1', content: '已联系街道城管科，路灯已于昨日修复。', resolution: 'implemented' }]));
  expect((env.ui.showModal.mock.calls[1][0] as any).content).toContain('办理结果：已落实');
});

test('workbench: status tabs with counts, switching tabs asks the queue for that status', async () => {
  const item = { _id: 'a1', trackingNo: '20261128-04217', status: 'assigned', statusLabel: '已转给代表，待受理', category: 'housing', summary: '路灯坏了两个星期', createdAt: '2026-11-28T02:00:00.000Z', overdue: true };
  const base = mockCall.getMockImplementation()!;
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'deputy' && event.action === 'queue') {
      const items = event.status === 'assigned' ? [item] : [];
      return ok({ items, counts: { assigned: 1, in_progress: 0, replied: 2, closed: 5 } });
    }
    return base(name, event);
  });
  render(<Workbench />);
  await screen.findByText('路灯坏了两个星期');
  const tabs = screen.getByTestId('queue-tabs').textContent;
  expect(tabs).toBe('待受理1办理中0已答复2已办结5');
  expect(screen.getByText('已超期')).toBeTruthy();
  expect(screen.getByText('新诉求待受理：还可接收 2 条提醒')).toBeTruthy();

  fireEvent.click(screen.getByText('已办结'));
  await screen.findByText('还没有办结的诉求');
  expect(mockCall).toHaveBeenCalledWith('deputy', { action: 'queue', status: 'closed' }, expect.anything());

  fireEvent.click(screen.getByText('待受理'));
  fireEvent.click(await screen.findByText('路灯坏了两个星期'));
  expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/deputy/pages/appeal/index?id=a1' });
});
