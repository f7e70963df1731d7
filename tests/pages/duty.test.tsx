import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { DutyPointItem, DutyRecord } from '../../contracts/duty';
import { POINT_RULES } from '../../domain/duty/points';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import DeputyRecord from '../../src/packages/deputy/pages/record/index';
import PointsReview from '../../src/packages/deputy/pages/points-review/index';
import Dashboard from '../../src/packages/staff/pages/dashboard/index';
import { categories, communities } from './fixtures';
import { ok, setPageParams, setupPageTests, typeInto, waitUntilGone } from './helpers';

const env = setupPageTests();
const mockCall = env.call;

const DEPUTY = { openid: 'dev_deputy_d01', role: 'deputy', name: '王建国', deputyId: 'd01' };
const STAFF = { openid: 'dev_staff_1', role: 'staff', name: '黄敏' };

const entry = (n: number, over: Partial<DutyPointItem> = {}): DutyPointItem => ({
  _id: `p${n}`,
  deputyId: 'd01',
  deputyName: '王建国',
  event: 'appeal_replied',
  label: '答复群众诉求',
  reason: '答复群众诉求（诉求 20261128-00001）',
  points: 2,
  refType: 'appeal',
  refId: `a${n}`,
  status: 'pending',
  at: `2026-11-2${n}T02:00:00.000Z`,
  ...over,
});

const record: DutyRecord = {
  deputy: { _id: 'd01', name: '王建国', stationId: 'st1', stationName: '青石代表活动站', level: '街道选区人大代表', specialties: ['housing', 'traffic'] },
  appeals: { assigned: 1, in_progress: 2, replied: 0, closed: 6, overdueNow: 1 },
  points: {
    approved: 7,
    pending: 3,
    byEvent: { appeal_replied: 6, appeal_implemented: 2, rated_satisfied: 1, rated_unsatisfied: 0, overdue: -2, binding_vote: 0, delivery_scored: 0, activity_attended: 0, activity_absent: 0, mediation_agreed: 0 },
  },
  recent: [
    entry(1),
    entry(2, { event: 'appeal_implemented', label: '诉求落实到位', points: 1 }),
    entry(3, { event: 'overdue', label: '诉求超期，被列入督办', points: -1, status: 'approved' }),
    entry(4, { event: 'binding_vote', label: '参加民生实事项目票决', refType: 'ballot', refId: 'b1', status: 'rejected' }),
  ],
};

let who: object = DEPUTY;
let queue: DutyPointItem[] = [];

function serve() {
  mockCall.mockImplementation(async (name: string, event: any) => {
    if (name === 'directory') return ok(event.action === 'categories' ? categories : communities);
    if (name === 'user' && event.action === 'whoami') return ok(who);
    if (name === 'deputy' && event.action === 'record') return ok(record);
    if (name === 'staff' && event.action === 'pointsQueue') return ok({ items: queue });
    if (name === 'staff' && event.action === 'reviewPoints') {
      queue = queue.filter((p) => !event.ids.includes(p._id));
      return ok({ updated: event.ids.length });
    }
    if (name === 'staff' && event.action === 'dashboard') {
      return ok({
        counts: { pending_review: 0, triage: 0, overdue: 2, supervised: 0, flagged: 0 },
        overdueByDeputy: [{ key: 'd01', name: '王建国', count: 2, oldestAt: '2026-11-20T02:00:00.000Z' }],
        overdueByStation: [],
      });
    }
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

const calls = (fn: string, action: string) => mockCall.mock.calls.filter(([n, e]) => n === fn && e.action === action).map(([, e]) => e);

beforeEach(() => {
  who = DEPUTY;
  queue = [entry(1), entry(2, { deputyId: 'd02', deputyName: '李秀英', event: 'binding_vote', label: '参加民生实事项目票决', refType: 'ballot', refId: 'b1' }), entry(3, { event: 'overdue', label: '诉求超期，被列入督办', points: -1 })];
  serve();
});

describe('履职档案', () => {
  test('a deputy sees approved points big, pending apart, the breakdown by event and the recent entries', async () => {
    render(<DeputyRecord />);
    const approved = await screen.findByTestId('points-approved');
    expect(approved.textContent).toBe('7');
    // Pending points are not in the total: they are said apart.
    expect(screen.getByTestId('points-pending').textContent).toBe('待审核 3 分，审核通过后计入');
    expect(calls('deputy', 'record')).toEqual([{ action: 'record' }]);

    // Header: station, level, specialties by their directory names.
    expect(document.body.textContent).toContain('王建国 代表');
    expect(document.body.textContent).toContain('青石代表活动站');
    expect(document.body.textContent).toContain('街道选区人大代表');
    await waitFor(() => expect(screen.getByTestId('specialties').textContent).toBe('擅长领域：住房物业、交通出行'));
    expect(screen.getByTestId('appeal-counts').textContent).toBe('1待受理2办理中0已答复6已办结1当前超期');

    // One row per rule, with its label and the approved subtotal.
    const rows = screen.getAllByTestId('breakdown-row').map((r) => r.textContent);
    expect(rows).toHaveLength(Object.keys(POINT_RULES).length);
    expect(rows).toContain('答复群众诉求每次 +2 分+6');
    expect(rows).toContain('诉求超期，被列入督办每次 -1 分-2');
    expect(rows).toContain('参加民生实事项目票决每次 +2 分0');

    const recent = screen.getAllByTestId('point-entry');
    expect(recent.map((r) => within(r).getByTestId('point-status').textContent)).toEqual(['待审核', '待审核', '已计入', '不计入']);
    expect(recent[2].textContent).toContain('-1');
    expect(recent[0].textContent).toContain('+2');
    fireEvent.click(recent[0]);
    expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/deputy/pages/appeal/index?id=a1' });
  });

  test('staff open any deputy\'s record with ?deputyId=; without one they are asked to pick', async () => {
    who = STAFF;
    setPageParams({ deputyId: 'd02' });
    const view = render(<DeputyRecord />);
    await screen.findByTestId('points-approved');
    expect(calls('deputy', 'record')).toEqual([{ action: 'record', deputyId: 'd02' }]);
    fireEvent.click(screen.getAllByTestId('point-entry')[0]);
    expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/appeal-detail/index?id=a1' });
    view.unmount();

    setPageParams({});
    render(<DeputyRecord />);
    await screen.findByText('请选择一位代表');
    expect(screen.queryByTestId('points-approved')).toBeNull();
  });

  test('residents are turned away', async () => {
    who = { openid: 'o-res', role: 'resident', name: '林小雨' };
    render(<DeputyRecord />);
    await screen.findByText('仅代表和工作人员可用');
  });
});

describe('履职积分审核 (staff)', () => {
  const pick = (i: number) => fireEvent.click(screen.getAllByTestId('point-item')[i]);

  test('计入 sends reviewPoints with the selected ids only after confirmation; cancel sends nothing', async () => {
    who = STAFF;
    render(<PointsReview />);
    await screen.findByText('李秀英 代表');
    expect(screen.getAllByTestId('point-item')).toHaveLength(3);

    pick(0);
    pick(2);
    expect(screen.getByTestId('picked-count').textContent).toBe('已选 2 条');

    // Cancel: the dialog closes and nothing is sent.
    fireEvent.click(screen.getByTestId('approve-selected'));
    const dialog = await screen.findByTestId('review-dialog');
    expect(dialog.textContent).toContain('共 2 条，合计 +1 分');
    fireEvent.click(screen.getByTestId('review-dialog-cancel'));
    await waitUntilGone(() => screen.queryByTestId('review-dialog'), 'review-dialog');
    expect(calls('staff', 'reviewPoints')).toHaveLength(0);

    // Confirm with a note.
    fireEvent.click(screen.getByTestId('approve-selected'));
    await screen.findByTestId('review-dialog');
    typeInto(screen.getByTestId('review-note'), '核对无误');
    fireEvent.click(screen.getByTestId('review-dialog-confirm'));
    await waitFor(() => expect(calls('staff', 'reviewPoints')).toEqual([{ action: 'reviewPoints', ids: ['p1', 'p3'], decision: 'approve', note: '核对无误' }]));

    // Reviewed entries leave the queue.
    await waitFor(() => expect(screen.getAllByTestId('point-item')).toHaveLength(1));
    expect(screen.getByTestId('picked-count').textContent).toBe('已选 0 条');
    expect(env.ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已计入 2 条' }));
  });

  test('不计入 with the reason the deputy reads; nothing selected → nothing asked', async () => {
    who = STAFF;
    render(<PointsReview />);
    await screen.findByText('李秀英 代表');
    fireEvent.click(screen.getByTestId('reject-selected'));
    expect(screen.queryByTestId('review-dialog')).toBeNull();

    pick(1);
    fireEvent.click(screen.getByTestId('reject-selected'));
    await screen.findByTestId('review-dialog');
    typeInto(screen.getByTestId('review-note'), '与本人履职无关');
    fireEvent.click(screen.getByTestId('review-dialog-confirm'));
    await waitFor(() => expect(calls('staff', 'reviewPoints')).toEqual([{ action: 'reviewPoints', ids: ['p2'], decision: 'reject', note: '与本人履职无关' }]));
  });

  test('a row links to the deputy\'s record without selecting it', async () => {
    who = STAFF;
    render(<PointsReview />);
    await screen.findByText('李秀英 代表');
    fireEvent.click(screen.getAllByTestId('open-record')[1]);
    expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/deputy/pages/record/index?deputyId=d02' });
    expect(screen.getByTestId('picked-count').textContent).toBe('已选 0 条');
  });

  test('dashboard: the overdue-by-deputy row opens that deputy\'s record; 履职积分审核 is linked', async () => {
    who = STAFF;
    render(<Dashboard />);
    const row = await screen.findByTestId('overdue-group');
    fireEvent.click(within(row).getByTestId('open-record'));
    expect(env.ui.navigateTo).toHaveBeenCalledTimes(1);
    expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/deputy/pages/record/index?deputyId=d01' });
    fireEvent.click(screen.getByText('履职积分审核'));
    expect(env.ui.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/deputy/pages/points-review/index' });
  });
});
