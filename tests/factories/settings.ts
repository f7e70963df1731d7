/** Service levels (staff.settings / updateSettings) a story needs for a while, put back afterwards. */
import type { RunningRuntime } from '../support/runtime';
import { staffMember } from './people';

export interface Sla { acceptWorkingDays: number; replyWorkingDays: number; dailySubmitLimit: number }

export async function withSla<T>(rt: RunningRuntime, change: Partial<Sla>, run: () => Promise<T>): Promise<T> {
  const staff = await staffMember(rt);
  const { sla } = await rt.ok<{ sla: Sla }>('staff', { action: 'settings' }, staff);
  await rt.ok('staff', { action: 'updateSettings', ...change }, staff);
  try {
    return await run();
  } finally {
    await rt.ok('staff', { action: 'updateSettings', ...sla }, staff);
  }
}
