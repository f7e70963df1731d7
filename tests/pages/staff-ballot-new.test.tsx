import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import BallotNew from '../../src/packages/ballot/pages/staff-ballot-new/index';
import BallotAdminList from '../../src/packages/ballot/pages/staff-ballots/index';
import { formatChinaDateTime } from '../../domain/time';
import { dayFromNow, isoFromNow, wallClock } from './clock';
import { communities } from './fixtures';
import { ok, setupPageTests, typeInto } from './helpers';

const env = setupPageTests();
// The first render of this page (its form and pickers) can take over a second on a busy machine.
const FIRST_RENDER = { timeout: 5000 };

const project = (id: string, title: string, cost: number | null, status = 'candidate') => ({ _id: id, title, summary: `${title}的简介`, cost, communityId: 'c01', images: [], status, percent: 0, milestones: [] });
// The window the valid form picks: opens in 100 days at 09:00 for a week, closing 18:30 (China time).
const OPENS_DAY = dayFromNow(100);
const CLOSES_DAY = dayFromNow(107);

const projects = [
  project('p1', '老旧小区加装电梯', 3_600_000),
  project('p2', '社区食堂', 850_000),
  project('p3', '口袋公园', null),
  project('p9', '已完工的停车场', 1_500_000, 'delivered'),
];
const ballots = [
  { _id: 'b-res', title: '2027 民生实事居民意愿征集', electorate: 'resident', status: 'open', minChoices: 1, maxChoices: 3, opensAt: isoFromNow(-14), closesAt: isoFromNow(16), candidateCount: 9 },
  { _id: 'b-dep', title: '上一次代表票决', electorate: 'deputy', status: 'closed', minChoices: 1, maxChoices: 3, opensAt: isoFromNow(-380), closesAt: isoFromNow(-350), candidateCount: 9 },
];

function serve() {
  env.call.mockImplementation(async (name: string, event: any) => {
    if (name === 'user') return ok({ openid: 'o-staff', role: 'staff', name: '黄敏' });
    if (name === 'directory') return ok(event.action === 'communities' ? communities : []);
    if (name === 'project' && event.action === 'list') return ok(projects);
    if (name === 'ballot' && event.action === 'list') return ok(ballots);
    if (name === 'ballot' && event.action === 'create') return ok({ ...ballots[0], _id: 'b-new', title: event.title, electorate: event.electorate, status: 'upcoming' });
    throw new Error(`unexpected ${name}.${event.action}`);
  });
}

const createCalls = () => env.call.mock.calls.filter(([n, e]) => n === 'ballot' && e.action === 'create');

/** Taro's Picker reports the choice as a `change` event with detail.value. */
function pick(testId: string, value: string | number) {
  act(() => {
    screen.getByTestId(testId).dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
  });
}

const click = (el: Element) => act(() => void fireEvent.click(el));

function option(title: string): Element {
  const row = screen.getAllByTestId('project-option').find((el) => el.textContent?.includes(title));
  if (!row) throw new Error(`no project option ${title}`);
  return row;
}

/** A form that passes every check except what the test changes afterwards. */
async function fillValidForm() {
  render(<BallotNew />);
  await screen.findByText('老旧小区加装电梯', {}, FIRST_RENDER);
  typeInto(screen.getByTestId('title-input'), '  2027 年民生实事项目代表票决 ');
  typeInto(screen.getByTestId('description-input'), '请审议代表从候选项目中选出明年实施的民生实事。');
  click(screen.getByText('代表票决', { selector: '.lxq-chip' }));
  click(option('口袋公园'));
  click(option('老旧小区加装电梯'));
  click(screen.getByTestId('max-choices-plus'));
  pick('opens-date', OPENS_DAY);
  pick('opens-time', '09:00');
  pick('closes-date', CLOSES_DAY);
  pick('closes-time', '18:30');
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByTestId('create-ballot'));
  });
}

const fieldError = (testId: string) => within(screen.getByTestId(testId)).queryByTestId('field-error')?.textContent ?? null;

test('only candidate projects are offered, with title and cost in 万元; the count follows the ticks', async () => {
  serve();
  render(<BallotNew />);
  await screen.findByText('老旧小区加装电梯', {}, FIRST_RENDER);
  const rows = screen.getAllByTestId('project-option');
  expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['p1', 'p2', 'p3']);
  expect(rows[0].textContent).toContain('360 万元');
  expect(rows[1].textContent).toContain('85 万元');
  expect(rows[2].textContent).toContain('未估算费用');
  click(rows[1]);
  expect(screen.getByTestId('picked-count').textContent).toBe('已选 1 项');
  click(rows[1]);
  expect(screen.getByTestId('picked-count').textContent).toBe('已选 0 项');
});

test('refuses a maximum below the minimum: nothing is asked or sent', async () => {
  serve();
  await fillValidForm();
  // min 1 → 3 while max is 2.
  click(screen.getByTestId('min-choices-plus'));
  click(screen.getByTestId('min-choices-plus'));
  expect(screen.getByTestId('min-choices-value').textContent).toBe('3');
  expect(screen.getByTestId('max-choices-value').textContent).toBe('2');
  await submit();
  expect(fieldError('field-choices')).toBe('最多选择数不能小于最少选择数');
  expect(env.ui.showModal).not.toHaveBeenCalled();
  expect(createCalls()).toHaveLength(0);

  // Back to min 2: the next check (2 candidates can take max 2) passes, so the confirmation comes.
  click(screen.getByTestId('min-choices-minus'));
  expect(fieldError('field-choices')).toBeNull();
  env.ui.showModal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
  await submit();
  expect(env.ui.showModal).toHaveBeenCalledTimes(1);
  expect(createCalls()).toHaveLength(0); // declined
});

test('refuses a window that ends before (or when) it opens', async () => {
  serve();
  await fillValidForm();
  pick('closes-date', dayFromNow(99));
  await submit();
  expect(fieldError('field-window')).toBe('截止时间应晚于开始时间');
  expect(createCalls()).toHaveLength(0);

  pick('closes-date', OPENS_DAY);
  pick('closes-time', '09:00'); // same minute as the opening
  await submit();
  expect(fieldError('field-window')).toBe('截止时间应晚于开始时间');
  expect(env.ui.showModal).not.toHaveBeenCalled();
  expect(createCalls()).toHaveLength(0);
});

test('the server schema speaks first: short title, fewer than 2 candidates, no electorate', async () => {
  serve();
  render(<BallotNew />);
  await screen.findByText('老旧小区加装电梯', {}, FIRST_RENDER);
  typeInto(screen.getByTestId('title-input'), '票决');
  await submit();
  expect(fieldError('field-title')).toBe('标题至少 4 个字');

  typeInto(screen.getByTestId('title-input'), '2027 年民生实事项目代表票决');
  await submit();
  expect(fieldError('field-electorate')).toBe('请选择投票对象');

  click(screen.getByText('居民意愿征集', { selector: '.lxq-chip' }));
  click(option('社区食堂'));
  await submit();
  expect(fieldError('field-projects')).toBe('至少 2 个候选项目');
  expect(createCalls()).toHaveLength(0);
});

test('after confirmation sends the create payload and opens the new ballot', async () => {
  serve();
  await fillValidForm();
  // Pair with the residents' ballot (deputy ballots are not offered for a deputy ballot).
  pick('paired-picker', 1);
  await submit();

  expect(env.ui.showModal).toHaveBeenCalledTimes(1);
  const modal = env.ui.showModal.mock.calls[0][0] as { title: string; content: string };
  expect(modal.title).toBe('创建票决？');
  expect(modal.content).toContain('2027 年民生实事项目代表票决');
  expect(modal.content).toContain('代表票决');
  expect(modal.content).toContain('2 个候选项目');
  expect(modal.content).toContain(`${formatChinaDateTime(wallClock(OPENS_DAY, '09:00'))} 开始`);
  expect(modal.content).toContain('与「2027 民生实事居民意愿征集」配对');

  await waitFor(() => expect(createCalls()).toHaveLength(1));
  expect(createCalls()[0][1]).toEqual({
    action: 'create',
    title: '2027 年民生实事项目代表票决',
    description: '请审议代表从候选项目中选出明年实施的民生实事。',
    electorate: 'deputy',
    projectIds: ['p1', 'p3'], // in list order, whatever the tapping order
    minChoices: 1,
    maxChoices: 2,
    opensAt: wallClock(OPENS_DAY, '09:00').toISOString(),
    closesAt: wallClock(CLOSES_DAY, '18:30').toISOString(),
    pairedBallotId: 'b-res',
  });
  await waitFor(() => expect(env.ui.redirectTo).toHaveBeenCalledWith({ url: '/packages/ballot/pages/staff-ballot/index?id=b-new' }));
});

test('a server refusal is shown on the form and the page stays', async () => {
  serve();
  const base = env.call.getMockImplementation()!;
  env.call.mockImplementation(async (name: string, event: any) =>
    name === 'ballot' && event.action === 'create' ? { ok: false, error: { code: 'INVALID_ARGUMENT', message: '有候选项目不存在' } } : base(name, event),
  );
  await fillValidForm();
  await submit();
  await waitFor(() => expect(screen.getByTestId('form-error').textContent).toBe('有候选项目不存在'));
  expect(env.ui.redirectTo).not.toHaveBeenCalled();
});

test('the staff ballot list links to 新建票决', async () => {
  serve();
  render(<BallotAdminList />);
  await screen.findByText('2027 民生实事居民意愿征集');
  click(screen.getByTestId('new-ballot'));
  expect(env.ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/ballot/pages/staff-ballot-new/index' });
});
