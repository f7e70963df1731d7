import { fireEvent, render, screen, waitFor } from '@testing-library/react';

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(), initCloud: jest.fn() }));

import { callCloud } from '../../src/services/cloud';
import Me from '../../src/pages/me/index';

const mockCall = callCloud as unknown as jest.Mock;

const devUsers = [
  { openid: 'o-res', role: 'resident', name: '李居民' },
  { openid: 'o-dep', role: 'deputy', name: '赵代表', deputyId: 'd1' },
];
const whoami: Record<string, object> = {
  'o-res': { openid: 'o-res', role: 'resident', name: '李居民' },
  'o-dep': { openid: 'o-dep', role: 'deputy', name: '赵代表', deputyId: 'd1' },
};

test('shows the role in Chinese, and switching identity reloads whoami', async () => {
  (globalThis as any).fetch = jest.fn(async () => ({ ok: true, status: 200, json: async () => devUsers }));
  // The mocked gateway answers as whoever the dev identity currently is.
  const identity = require('../../src/services/identity');
  mockCall.mockImplementation(async () => ({ ok: true, data: whoami[identity.getDevOpenid() ?? 'o-res'] }));

  render(<Me />);
  await waitFor(() => expect(screen.getByTestId('role').textContent).toBe('居民'));
  expect(screen.queryByText('代表工作台')).toBeNull();

  const panel = await screen.findByTestId('dev-panel');
  await waitFor(() => expect(panel.textContent).toContain('赵代表'));
  const calls = mockCall.mock.calls.length;
  fireEvent.click(screen.getAllByText('赵代表').pop()!);

  await waitFor(() => expect(screen.getByTestId('role').textContent).toBe('人大代表'));
  expect(mockCall.mock.calls.length).toBeGreaterThan(calls);
  expect(screen.getByText('代表工作台')).toBeTruthy();
});
