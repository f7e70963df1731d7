import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));
jest.mock('../../src/services/files', () => ({ pickSpreadsheet: jest.fn(), openDocument: jest.fn() }));
jest.mock('../../src/services/upload', () => ({ uploadImage: jest.fn(), imageSrc: (id: string) => `/img/${id}` }));

import Bind from '../../src/packages/account/pages/bind/index';
import CalendarPage from '../../src/packages/staff/pages/calendar/index';
import Dashboard from '../../src/packages/staff/pages/dashboard/index';
import Invite from '../../src/packages/account/pages/invite/index';
import StreetImport from '../../src/packages/staff/pages/street/index';
import { FIXTURE_NOTICE_2027, FIXTURE_PERIODS_2027 } from '../support/holidayNotices';
import { fail, ok, setPageParams, setupPageTests, typeInto } from './helpers';

const env = setupPageTests();
const calls = (fn: string, action: string) => env.call.mock.calls.filter(([n, e]) => n === fn && e.action === action).map(([, e]) => e);
const click = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('账号与身份 (bind page)', () => {
  let role: string;
  beforeEach(() => {
    role = 'resident';
    env.call.mockImplementation(async (fn: string, e: any) => {
      if (fn === 'user' && e.action === 'whoami') return ok(role === 'deputy' ? { openid: 'wx_li', role, name: '李志强', deputyId: 'd03' } : { openid: 'wx_li', role });
      if (fn === 'user' && e.action === 'bindDeputy') {
        if (e.code !== 'K7QM2XPA') return fail('FAILED_PRECONDITION', '邀请码已经被使用');
        role = 'deputy';
        return ok({ role: 'deputy', deputyId: 'd03', name: '李志强', replacedAccount: false });
      }
      if (fn === 'user' && e.action === 'claimStaff') {
        if (e.code !== 'the-bootstrap-code') return fail('PERMISSION_DENIED', '引导码无效或已经用过；需要成为工作人员请联系现有工作人员添加');
        role = 'staff';
        return ok({ role: 'staff' });
      }
      throw new Error(`unexpected ${fn}.${e.action}`);
    });
  });

  it('arriving by scanning the 小程序码, the scene is the code: one tap binds', async () => {
    setPageParams({ scene: 'K7QM2XPA' });
    render(<Bind />);
    await screen.findByTestId('my-openid');
    expect(screen.getByTestId('my-openid').textContent).toBe('wx_li');
    await click(screen.getByTestId('bind'));
    await screen.findByTestId('bind-done');
    expect(screen.getByTestId('bind-done').textContent).toContain('已绑定为 李志强 代表');
    expect(calls('user', 'bindDeputy')).toEqual([{ action: 'bindDeputy', code: 'K7QM2XPA' }]);
    await waitFor(() => expect(screen.getByTestId('current-role').textContent).toContain('李志强'));
  });

  it('a typed code the server refuses shows its reason; a malformed one is caught before sending', async () => {
    setPageParams({});
    render(<Bind />);
    await screen.findByTestId('my-openid');
    typeInto(screen.getByTestId('invite-code'), '12');
    await click(screen.getByTestId('bind'));
    await screen.findByText('邀请码应为 8 位字母或数字');
    expect(calls('user', 'bindDeputy')).toHaveLength(0);
    typeInto(screen.getByTestId('invite-code'), 'abcd 2345');
    await click(screen.getByTestId('bind'));
    await screen.findByText('邀请码已经被使用');
  });

  it('the first staff member claims with the bootstrap code', async () => {
    setPageParams({});
    render(<Bind />);
    await click(await screen.findByTestId('show-bootstrap'));
    typeInto(screen.getByTestId('bootstrap-code'), 'wrong-code');
    await click(screen.getByTestId('claim-staff'));
    await screen.findByText(/引导码无效/);
    typeInto(screen.getByTestId('bootstrap-code'), 'the-bootstrap-code');
    await click(screen.getByTestId('claim-staff'));
    await screen.findByText('进入工作人员后台');
    expect(screen.getByTestId('current-role').textContent).toContain('工作人员');
  });
});

describe('邀请代表', () => {
  it('lists the roster, makes an invite with its 小程序码, and revokes it', async () => {
    let invited = false;
    env.call.mockImplementation(async (fn: string, e: any) => {
      if (fn === 'user') return ok({ openid: 'o-staff', role: 'staff', name: '黄敏' });
      if (fn === 'staff' && e.action === 'deputyAccounts')
        return ok([
          { _id: 'd01', name: '王建国', stationName: '青石代表活动站', active: true, bound: true, boundAt: '2026-11-20T02:00:00.000Z', invite: null },
          { _id: 'd03', name: '李志强', stationName: '柳岸代表活动站', active: true, bound: false, boundAt: null, invite: invited ? { code: 'K7QM2XPA', qr: 'cloud://env/invites/K7QM2XPA.png', expiresAt: '2026-12-09T02:00:00.000Z' } : null },
        ]);
      if (fn === 'staff' && e.action === 'inviteDeputy') {
        invited = true;
        return ok({ code: 'K7QM2XPA', deputyId: e.deputyId, deputyName: '李志强', expiresAt: '2026-12-09T02:00:00.000Z', qr: 'cloud://env/invites/K7QM2XPA.png' });
      }
      if (fn === 'staff' && e.action === 'revokeInvite') {
        invited = false;
        return ok({ code: e.code, status: 'revoked' });
      }
      throw new Error(`unexpected ${fn}.${e.action}`);
    });
    render(<Invite />);
    await screen.findAllByTestId('deputy-account');
    expect(screen.getByText('代表（已绑定 1 / 2）')).toBeTruthy();
    const li = screen.getAllByTestId('deputy-account').find((r) => r.textContent?.includes('李志强'))!;
    expect(li.textContent).toContain('未绑定');
    await click(li.querySelector('[data-testid="invite"]')!);
    await screen.findByTestId('invite-code');
    expect(screen.getAllByTestId('invite-code')[0].textContent).toBe('K7QM 2XPA');
    expect(screen.getAllByTestId('invite-qr')[0].getAttribute('src')).toBe('/img/cloud://env/invites/K7QM2XPA.png');
    expect(calls('staff', 'inviteDeputy')).toEqual([{ action: 'inviteDeputy', deputyId: 'd03' }]);
    await click(screen.getAllByTestId('revoke-invite')[0]);
    await waitFor(() => expect(calls('staff', 'revokeInvite')).toEqual([{ action: 'revokeInvite', code: 'K7QM2XPA' }]));
    await waitFor(() => expect(screen.queryByTestId('invite-code')).toBeNull());
  });
});

describe('节假日安排', () => {
  it('warns, reads the pasted notice into lines to check, and saves those periods', async () => {
    env.call.mockImplementation(async (fn: string, e: any) => {
      if (fn === 'user') return ok({ openid: 'o-staff', role: 'staff', name: '黄敏' });
      if (fn === 'staff' && e.action === 'calendar')
        return ok({ status: { year: 2027, known: false, nextYear: 2028, nextKnown: false, warning: '2027 年的节假日安排尚未录入：办理期限目前只按周末计算。' }, years: [{ year: 2026, source: 'package', holidayCount: 33, workdayCount: 6 }] });
      if (fn === 'staff' && e.action === 'setCalendarYear') return ok({ year: 2027, holidayCount: 12, workdayCount: 2, recounted: 3 });
      throw new Error(`unexpected ${fn}.${e.action}`);
    });
    render(<CalendarPage />);
    expect((await screen.findByTestId('calendar-warning')).textContent).toContain('2027 年的节假日安排尚未录入');
    expect(screen.getAllByTestId('calendar-year')[0].textContent).toContain('内置数据');
    typeInto(screen.getByTestId('cal-notice'), FIXTURE_NOTICE_2027);
    await click(screen.getByTestId('cal-read'));
    await waitFor(() => expect(screen.getByTestId('cal-lines').getAttribute('value') ?? (screen.getByTestId('cal-lines') as any).value).toContain('春节：2027-02-05 至 2027-02-13；上班 2027-01-31、2027-02-20'));
    await click(screen.getByTestId('cal-save'));
    await waitFor(() => expect(calls('staff', 'setCalendarYear')).toHaveLength(1));
    expect(calls('staff', 'setCalendarYear')[0]).toEqual({ action: 'setCalendarYear', year: 2027, periods: FIXTURE_PERIODS_2027, notice: FIXTURE_NOTICE_2027 });
    expect(env.ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存，3 件诉求期限已重算' }));
  });

  it('checks the lines before saving: a weekday "上班" never reaches the server', async () => {
    env.call.mockImplementation(async (fn: string, e: any) => {
      if (fn === 'user') return ok({ openid: 'o-staff', role: 'staff', name: '黄敏' });
      if (fn === 'staff' && e.action === 'calendar') return ok({ status: { year: 2026, known: true, nextYear: 2027, nextKnown: false }, years: [] });
      throw new Error(`unexpected ${fn}.${e.action}`);
    });
    render(<CalendarPage />);
    await screen.findByTestId('cal-lines');
    typeInto(screen.getByTestId('cal-lines'), '春节：2027-02-05 至 2027-02-13；上班 2027-02-22');
    await click(screen.getByTestId('cal-save'));
    await screen.findByText('第 1 个节假日「春节」：调休上班日 2027-02-22 不是周六或周日');
    expect(calls('staff', 'setCalendarYear')).toHaveLength(0);
  });
});

describe('导入街道', () => {
  const files = () => require('../../src/services/files') as { pickSpreadsheet: jest.Mock };
  const upload = () => require('../../src/services/upload') as { uploadImage: jest.Mock };
  const issue = (text: string) => ({ sheet: '社区', row: 5, column: '名称', message: text, text });

  it('checks the chosen file, lists every problem, and offers no import until it is clean', async () => {
    let clean = false;
    files().pickSpreadsheet.mockResolvedValue({ name: '清河街道.xlsx', size: 20_000, source: 'blob' });
    upload().uploadImage.mockResolvedValue('cloud://env/street/import.xlsx');
    env.call.mockImplementation(async (fn: string, e: any) => {
      if (fn === 'user') return ok({ openid: 'o-staff', role: 'staff', name: '黄敏' });
      if (fn === 'street' && e.action === 'importStreet') {
        if (!clean) return ok({ imported: false, dryRun: true, errors: [issue('社区表第 5 行：缺少名称'), issue('代表表第 3 行：联系社区「月亮湾」在社区表中不存在')], warnings: [], counts: {}, summary: '发现 2 处问题，未导入任何数据' });
        return ok({ imported: !e.dryRun, dryRun: !!e.dryRun, errors: [], warnings: [], counts: {}, summary: e.dryRun ? '检查通过：社区 17（新增 17，更新 0）' : '已导入：社区 17（新增 17，更新 0）' });
      }
      throw new Error(`unexpected ${fn}.${e.action}`);
    });
    render(<StreetImport />);
    await click(await screen.findByTestId('choose-file'));
    await screen.findAllByTestId('import-error');
    expect(screen.getAllByTestId('import-error').map((x) => x.textContent)).toEqual(['社区表第 5 行：缺少名称', '代表表第 3 行：联系社区「月亮湾」在社区表中不存在']);
    expect(screen.queryByTestId('run-import')).toBeNull();
    expect(calls('street', 'importStreet')).toEqual([{ action: 'importStreet', fileId: 'cloud://env/street/import.xlsx', dryRun: true }]);
    clean = true;
    await click(screen.getByTestId('choose-file'));
    await click(await screen.findByTestId('run-import'));
    await waitFor(() => expect(screen.getByTestId('import-summary').textContent).toBe('已导入：社区 17（新增 17，更新 0）'));
    expect(calls('street', 'importStreet').pop()).toEqual({ action: 'importStreet', fileId: 'cloud://env/street/import.xlsx' });
  });

  it('refuses a file that is not .xlsx before uploading it', async () => {
    upload().uploadImage.mockClear();
    files().pickSpreadsheet.mockResolvedValue({ name: '名册.xls', size: 20_000, source: 'blob' });
    env.call.mockImplementation(async (fn: string) => (fn === 'user' ? ok({ openid: 'o-staff', role: 'staff' }) : fail('INTERNAL', 'x')));
    render(<StreetImport />);
    await click(await screen.findByTestId('choose-file'));
    await screen.findByText(/请选择 \.xlsx 格式的表格/);
    expect(upload().uploadImage).not.toHaveBeenCalled();
  });
});

describe('dashboard', () => {
  it('shows the calendar warning with a link to enter the year', async () => {
    env.call.mockImplementation(async (fn: string, e: any) => {
      if (fn === 'user') return ok({ openid: 'o-staff', role: 'staff', name: '黄敏' });
      if (fn === 'staff' && e.action === 'dashboard')
        return ok({ counts: { pending_review: 0, triage: 0, overdue: 0, supervised: 0, flagged: 0 }, overdueByDeputy: [], overdueByStation: [], calendar: { year: 2027, known: false, nextYear: 2028, nextKnown: false, warning: '2027 年的节假日安排尚未录入：办理期限目前只按周末计算。' } });
      throw new Error(`unexpected ${fn}.${e.action}`);
    });
    render(<Dashboard />);
    const warning = await screen.findByTestId('calendar-warning');
    expect(warning.textContent).toContain('2027 年的节假日安排尚未录入');
    await click(warning);
    expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/calendar/index' });
  });
});
