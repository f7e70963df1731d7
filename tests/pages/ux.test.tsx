// Issue 14, page by page: what a resident of 75, a busy deputy and a clerk each meet on screen.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import AppealDetailPage from '../../src/pages/appeal-detail/index';
import AppealNew from '../../src/packages/appeal/pages/new/index';
import Me from '../../src/pages/me/index';
import Users from '../../src/packages/staff/pages/users/index';
import Settings from '../../src/packages/staff/pages/settings/index';
import History from '../../src/packages/staff/pages/history/index';
import Overdue from '../../src/packages/staff/pages/overdue/index';
import ReviewQueue from '../../src/packages/staff/pages/review/index';
import BallotDetailPage from '../../src/packages/ballot/pages/detail/index';
import DeputyAppeal from '../../src/packages/deputy/pages/appeal/index';
import StaffBallot from '../../src/packages/ballot/pages/staff-ballot/index';
import Propose from '../../src/packages/ballot/pages/propose/index';
import { Btn } from '../../src/components/Btn';
import { a11ySettings, reloadA11y } from '../../src/services/a11y';
import { appealDetail, categories, communities } from './fixtures';
import { fail, ok, setPageParams, setupPageTests, typeInto } from './helpers';
import { isoFromNow } from './clock';

const env = setupPageTests();
let me: Record<string, unknown> = { openid: 'o-res', role: 'resident', name: '林小雨', communityId: 'c01' };
type Handler = (event: any) => unknown;
let handlers: Record<string, Handler> = {};

function serve(extra: Record<string, Handler> = {}) {
  handlers = extra;
  env.call.mockImplementation(async (name: string, event: any) => {
    const key = `${name}.${event.action}`;
    if (handlers[key]) return handlers[key](event);
    if (name === 'user' && event.action === 'whoami') return ok(me);
    if (name === 'user' && event.action === 'inbox') return ok({ items: [], unread: 0 });
    if (name === 'directory' && event.action === 'categories') return ok(categories);
    if (name === 'directory' && event.action === 'communities') return ok(communities);
    if (name === 'directory' && event.action === 'stations') return ok([{ _id: 'st1', name: '青石代表活动站', kind: 'station', communityIds: ['c01'], address: '青石路 1 号', phone: '0571-88000111' }]);
    if (name === 'directory' && event.action === 'deputies') return ok([]);
    if (name === 'directory' && event.action === 'contact') return ok({ phone: '0571-88000100' });
    throw new Error(`unexpected ${key}`);
  });
}

const deadline = (over = {}) => ({ stage: 'reply', due: isoFromNow(3), daysLeft: 3, daysLate: 0, ...over });

beforeEach(() => {
  me = { openid: 'o-res', role: 'resident', name: '林小雨', communityId: 'c01' };
  reloadA11y();
});

describe('适老化 display', () => {
  test('type follows the system (WeChat) font size; 长辈模式 is at least 1.25× type and 1.2× touch targets', () => {
    const { display } = require('../../src/services/a11y');
    expect(display({ elder: false, contrast: false }, 1)).toEqual({ classes: [], style: '', fontScale: 1 });
    // WeChat at 关怀模式 size (23.8 px of 17 px): the pages follow it even without 长辈模式.
    expect(display({ elder: false, contrast: false }, 1.4)).toMatchObject({ style: '--lxq-font-scale:1.4;--lxq-touch-scale:1.1', fontScale: 1.4 });
    expect(display({ elder: true, contrast: true }, 1)).toEqual({ classes: ['lxq-elder', 'lxq-contrast'], style: '--lxq-font-scale:1.25;--lxq-touch-scale:1.2', fontScale: 1.25 });
    expect(display({ elder: true, contrast: false }, 1.5).style).toBe('--lxq-font-scale:1.5;--lxq-touch-scale:1.4');
  });
});

describe('buttons', () => {
  test('a busy button shows it without Taro\'s loading prop (its spinner broke React on h5) and ignores taps', () => {
    const tap = jest.fn();
    const { rerender } = render(
      <Btn tone="primary" busy={false} onClick={tap} testId="b">
        提交
      </Btn>,
    );
    fireEvent.click(screen.getByTestId('b'));
    expect(tap).toHaveBeenCalledTimes(1);
    rerender(
      <Btn tone="primary" busy busyText="正在提交…" onClick={tap} testId="b">
        提交
      </Btn>,
    );
    const b = screen.getByTestId('b');
    expect(b.textContent).toBe('正在提交…');
    expect(b.className).toContain('lxq-btn--busy');
    expect(b.hasAttribute('loading')).toBe(false);
    expect(b.querySelector('.weui-loading')).toBeNull();
    fireEvent.click(b);
    expect(tap).toHaveBeenCalledTimes(1);
  });
});

describe('resident', () => {
  test('the detail says when to expect the answer, in working days; a closed case is not 督办中', async () => {
    setPageParams({ id: 'a1' });
    serve({ 'appeal.detail': () => ok(appealDetail({ status: 'in_progress', statusLabel: '代表办理中', reply: undefined, deadline: deadline() as any })) });
    const view = render(<AppealDetailPage />);
    await waitFor(() => expect(screen.getByTestId('deadline').textContent).toMatch(/^预计11月18日前答复还剩 3 个工作日$/));
    view.unmount();

    serve({ 'appeal.detail': () => ok(appealDetail({ status: 'closed', statusLabel: '已办结', supervised: true, overdue: true })) });
    render(<AppealDetailPage />);
    await screen.findByText('已办结');
    expect(screen.queryByText('督办中')).toBeNull();
    expect(screen.queryByText('已超期')).toBeNull();
  });

  test('an unknown id offers the way back and home, not only 重试', async () => {
    setPageParams({ id: 'nope' });
    serve({ 'appeal.detail': () => fail('NOT_FOUND', '没有找到这条诉求') });
    render(<AppealDetailPage />);
    await screen.findByText('没有找到这条诉求');
    expect(screen.getByTestId('error-back').textContent).toBe('返回上一页');
    expect(screen.getByTestId('error-home').textContent).toBe('回到首页');
    expect(screen.queryByText('重试')).toBeNull();
    const relaunch = jest.spyOn(Taro as any, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' });
    fireEvent.click(screen.getByTestId('error-home'));
    await waitFor(() => expect(relaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }));
  });

  test('the daily limit says what to do, offers the street phone to call, and keeps the text', async () => {
    window.localStorage.removeItem('lxq.appealDraft');
    serve({ 'appeal.submit': () => fail('RATE_LIMITED', '今天已提交 5 条诉求（每人每天最多 5 条），请明天再提交；紧急情况请拨打街道电话 0571-88000100') });
    render(<AppealNew />);
    fireEvent.click(await screen.findByText('住房物业'));
    typeInto(screen.getByTestId('field-content').querySelector('taro-textarea-core'), '楼道里的灯坏了一个月，老人晚上摔倒过。');
    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() => expect(screen.getByTestId('submit').textContent).toBe('今天已达上限，明天再提交'));
    expect(screen.getByTestId('submit').hasAttribute('disabled')).toBe(true);
    const call = jest.spyOn(Taro as any, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
    fireEvent.click(await screen.findByTestId('street-phone'));
    await waitFor(() => expect(call).toHaveBeenCalledWith({ phoneNumber: '057188000100' }));
    expect(window.localStorage.getItem('lxq.appealDraft')).toContain('楼道里的灯坏了一个月');
  });

  test('长辈模式 and 高对比度 are switched on from 我的 and stay after a restart', async () => {
    serve();
    render(<Me />);
    const elder = await screen.findByTestId('elder-switch');
    act(() => {
      elder.dispatchEvent(new CustomEvent('change', { detail: { value: true }, bubbles: true }));
    });
    act(() => {
      screen.getByTestId('contrast-switch').dispatchEvent(new CustomEvent('change', { detail: { value: true }, bubbles: true }));
    });
    await waitFor(() => expect(document.querySelector('.lxq-page')!.className).toMatch(/lxq-elder.*lxq-contrast/));
    expect(document.querySelector<HTMLElement>('.lxq-page')!.getAttribute('style')).toContain('--lxq-font-scale:1.25');
    reloadA11y();
    expect(a11ySettings()).toEqual({ elder: true, contrast: true });
    expect(JSON.parse(window.localStorage.getItem('lxq.a11y')!).data).toEqual({ elder: true, contrast: true });
  });

  test('点单 keeps a half-typed proposal when the page is left', async () => {
    serve({ 'project.myProposals': () => ok({ items: [] }) });
    const view = render(<Propose />);
    const title = await waitFor(() => screen.getByTestId('field-title').querySelector('taro-input-core'));
    typeInto(title, '青石路加装路灯');
    view.unmount();
    render(<Propose />);
    await screen.findByTestId('draft-restored');
    expect((screen.getByTestId('field-title').querySelector('taro-input-core') as any).value).toBe('青石路加装路灯');
  });
});

describe('deputy', () => {
  test('a half-typed reply survives leaving the page (per appeal), and is gone once sent', async () => {
    me = { openid: 'o-dep', role: 'deputy', name: '王建国', deputyId: 'd01' };
    setPageParams({ id: 'a1' });
    const detail = appealDetail({ status: 'in_progress', statusLabel: '办理中', viewerIs: 'assignee', reply: undefined, contact: { name: '林女士', phone: '13800001234' } });
    serve({ 'appeal.detail': () => ok(detail), 'deputy.reply': () => ok({ _id: 'a1', status: 'replied', statusLabel: '已答复，待居民评价' }) });
    const view = render(<DeputyAppeal />);
    const answer = await screen.findByText('答复');
    fireEvent.click(answer);
    fireEvent.click(await screen.findByText('已落实'));
    typeInto(screen.getByTestId('form-reply').querySelector('taro-textarea-core'), '已联系物业，周五前更换路灯。');
    view.unmount();
    render(<DeputyAppeal />);
    await screen.findByTestId('deputy-draft-restored');
    expect((screen.getByTestId('form-reply').querySelector('taro-textarea-core') as any).value).toBe('已联系物业，周五前更换路灯。');
    fireEvent.click(screen.getByTestId('action-submit'));
    await waitFor(() => expect(env.call).toHaveBeenCalledWith('deputy', { action: 'reply', id: 'a1', content: '已联系物业，周五前更换路灯。', resolution: 'implemented' }));
    await waitFor(() => expect(window.localStorage.getItem('lxq.draft.deputy.a1')).toBeNull());
  });

  test('the binding ballot shows the residents\' advisory result it weighs, and an early close says when', async () => {
    me = { openid: 'o-dep', role: 'deputy', name: '王建国', deputyId: 'd01' };
    setPageParams({ id: 'ballot-deputy' });
    const candidates = [
      { _id: 'p1', title: '老旧小区加装电梯', summary: '为多层住宅加装电梯。' },
      { _id: 'p2', title: '社区食堂', summary: '新建长者助餐点。' },
    ];
    serve({
      'ballot.detail': () => ok({ _id: 'ballot-deputy', title: '代表票决', electorate: 'deputy', status: 'closed', minChoices: 1, maxChoices: 1, opensAt: isoFromNow(-10), closesAt: isoFromNow(5), closedAt: isoFromNow(-1), candidateCount: 2, description: '', candidates, mayVote: true, pairedBallotId: 'ballot-resident' }),
      'ballot.results': (e) => (e.ballotId === 'ballot-resident' ? ok({ ballotId: 'ballot-resident', status: 'closed', voters: 40, tallies: [{ projectId: 'p1', online: 10, paper: 2, total: 12 }, { projectId: 'p2', online: 28, paper: 0, total: 28 }], turnoutByCommunity: [] }) : fail('FAILED_PRECONDITION', '票决结束后才公布结果')),
    });
    render(<BallotDetailPage />);
    const advisory = await screen.findByTestId('advisory');
    await waitFor(() => expect(screen.getAllByTestId('advisory-row')).toHaveLength(2));
    expect(screen.getAllByTestId('advisory-row')[0].textContent).toBe('第 1 名社区食堂28 票 · 70%');
    expect(advisory.textContent).toContain('40 位居民');
    expect(document.body.textContent).toMatch(/已于 2026年11月14日 \d\d:\d\d 提前结束（原定 2026年11月20日 \d\d:\d\d 截止）/);
  });
});

describe('staff', () => {
  beforeEach(() => {
    me = { openid: 'o-staff', role: 'staff', name: '黄敏' };
  });

  test('账号限制 finds the person by name or phone tail and every confirmation names them', async () => {
    const person = { openid: 'dev_resident_4', name: '罗志军', role: 'resident', blocked: false, phoneTail: '1234', communityId: 'c01', lastTrackingNo: '20261128-00004' };
    const blocked: unknown[] = [];
    serve({
      'staff.people': (e) => ok(e.query ? [person] : blocked),
      'staff.block': (e) => {
        blocked.push({ ...person, blocked: true, blockedReason: e.reason });
        return ok({ ...person, blocked: true });
      },
    });
    render(<Users />);
    await screen.findByText('当前受限的账号');
    typeInto(screen.getByTestId('person-query'), '罗');
    fireEvent.click(screen.getByTestId('person-find'));
    await screen.findByText('找到 1 人');
    const card = screen.getByTestId('person');
    expect(card.textContent).toContain('罗志军');
    expect(card.textContent).toContain('手机尾号 1234');
    expect(card.textContent).not.toContain('dev_resident_4');
    fireEvent.click(screen.getByTestId('block'));
    const dialog = await screen.findByTestId('reason-dialog');
    expect(dialog.textContent).toContain('限制 罗志军（手机尾号 1234）');
    typeInto(screen.getByTestId('reason-input'), '短时间内大量重复提交');
    fireEvent.click(screen.getByTestId('reason-dialog-confirm'));
    await waitFor(() => expect(screen.getByTestId('users-done').textContent).toBe('已限制 罗志军（手机尾号 1234）：之后提交的诉求先进入「待审核」。'));
    expect(env.call).toHaveBeenCalledWith('staff', { action: 'block', openid: 'dev_resident_4', reason: '短时间内大量重复提交' });
    expect(env.call).toHaveBeenCalledWith('staff', { action: 'people', query: '罗' }, expect.anything());
  });

  test('the street phone is a setting staff keep', async () => {
    serve({
      'staff.settings': () => ok({ sla: { acceptWorkingDays: 1, replyWorkingDays: 5, dailySubmitLimit: 5 }, problems: [], streetPhone: '0571-88000100' }),
      'staff.updateSettings': (e) => ok({ sla: { acceptWorkingDays: 1, replyWorkingDays: 5, dailySubmitLimit: 5 }, problems: [], streetPhone: e.streetPhone }),
    });
    render(<Settings />);
    const input = await screen.findByTestId('street-phone-input');
    await waitFor(() => expect((input as any).value).toBe('0571-88000100'));
    typeInto(input, '0571-88000999');
    fireEvent.click(screen.getByTestId('save-street-phone'));
    await waitFor(() => expect(env.call).toHaveBeenCalledWith('staff', { action: 'updateSettings', streetPhone: '0571-88000999' }));
    expect((env.ui.showModal.mock.calls[0][0] as { content: string }).content).toContain('0571-88000999');
  });

  test('the review queue says why each appeal is held; the overdue list says how late, in working days', async () => {
    const row = { _id: 'a1', trackingNo: '20261128-00001', status: 'pending_review', statusLabel: '待审核', category: 'housing', summary: '楼道堆放杂物', createdAt: isoFromNow(-1), communityId: 'c01', assignee: null, contentCheck: 'pass', overdueAt: null, replyDeadline: null, consoleError: null, heldBecause: '账号受限，待人工审核' };
    serve({ 'staff.reviewQueue': () => ok({ items: [row] }) });
    const view = render(<ReviewQueue />);
    await waitFor(() => expect(screen.getByTestId('held-because').textContent).toBe('待审核原因：账号受限，待人工审核'));
    view.unmount();

    const late = { ...row, status: 'in_progress', statusLabel: '代表办理中', heldBecause: undefined, assignee: '王建国', overdue: true, overdueAt: isoFromNow(-2), deadline: deadline({ daysLeft: 0, daysLate: 2, due: isoFromNow(-3) }) };
    serve({ 'staff.overdue': () => ok({ items: [late] }) });
    render(<Overdue />);
    await waitFor(() => expect(screen.getByTestId('deadline').textContent).toBe('答复期限 11月12日已超期 2 个工作日'));
  });

  test('操作记录 never shows 新提交 → 新提交, and settings changes read in words', async () => {
    setPageParams({ type: 'appeal', id: 'a1', no: '20261128-00001' });
    serve({
      // staff.history pages (issue 12): { items, nextCursor }.
      'staff.history': () =>
        ok({
          items: [
            { _id: 'h1', action: 'submit', actorRole: 'resident', source: 'app', from: 'new', to: 'new', at: isoFromNow(-2) },
            { _id: 'h2', action: 'route', actorRole: 'system', source: 'app', from: 'new', to: 'assigned', at: isoFromNow(-2) },
          ],
        }),
    });
    render(<History />);
    await waitFor(() => expect(screen.getAllByTestId('history-entry')).toHaveLength(2));
    const [submit, route] = screen.getAllByTestId('history-entry').map((e) => e.textContent ?? '');
    expect(submit).not.toContain('→');
    expect(route).toContain('新提交 → 已分派，待代表受理');
  });

  test('纸质票录入: the number box and 保存 share the row; saving confirms with the project named', async () => {
    setPageParams({ id: 'b1' });
    serve({
      'ballot.detail': () => ok({ _id: 'b1', title: '代表票决', electorate: 'deputy', status: 'open', minChoices: 1, maxChoices: 1, opensAt: isoFromNow(-1), closesAt: isoFromNow(5), candidateCount: 1, description: '', candidates: [{ _id: 'p1', title: '社区食堂', summary: '' }], mayVote: false }),
      'ballot.results': () => ok({ ballotId: 'b1', status: 'open', voters: 3, tallies: [{ projectId: 'p1', online: 3, paper: 0, total: 3 }], turnoutByCommunity: [] }),
      'ballot.paper': () => ok({}),
    });
    render(<StaffBallot />);
    const row = await screen.findByTestId('paper-row');
    // The status badge keeps its word; the closing time is stated once.
    expect(screen.getByTestId('admin-status').textContent).toBe('进行中');
    const input = row.querySelector('taro-input-core')!;
    typeInto(input, '12');
    fireEvent.click(screen.getByTestId('paper-save'));
    await waitFor(() => expect(env.call).toHaveBeenCalledWith('ballot', { action: 'paper', ballotId: 'b1', projectId: 'p1', count: 12 }));
    expect((env.ui.showModal.mock.calls[0][0] as { content: string }).content).toContain('「社区食堂」纸质票 0 → 12');
  });
});
