import type { RunningRuntime } from '../support/runtime';

/**
 * The runtime's clock (`/api/dev/clock`): functions take "now" from it, so fixtures are built relative to it
 * and tests move it instead of depending on today's date.
 */
export async function clockOffset(rt: RunningRuntime): Promise<number> {
  return (await rt.dev<{ clockOffsetMs: number }>('health')).clockOffsetMs;
}

export async function runtimeNow(rt: RunningRuntime): Promise<Date> {
  return new Date(Date.now() + (await clockOffset(rt)));
}

/** Move the runtime's clock to a moment. */
export async function clockTo(rt: RunningRuntime, at: Date | number): Promise<void> {
  await rt.dev('clock', { offsetMs: new Date(at).getTime() - Date.now() });
}

/** Move the runtime's clock on by some milliseconds from where it is. */
export async function advanceClock(rt: RunningRuntime, ms: number): Promise<Date> {
  const at = new Date((await runtimeNow(rt)).getTime() + ms);
  await clockTo(rt, at);
  return at;
}

/** Run something with the runtime's clock at a moment, then put the clock back as it was. */
export async function withClockAt<T>(rt: RunningRuntime, at: Date | number, run: () => Promise<T>): Promise<T> {
  const offsetMs = await clockOffset(rt);
  await clockTo(rt, at);
  try {
    return await run();
  } finally {
    await rt.dev('clock', { offsetMs });
  }
}

/** Back to real time. */
export async function resetClock(rt: RunningRuntime): Promise<void> {
  await rt.dev('clock', { offsetMs: 0 });
}

/** Move the runtime's clock to a China wall-clock time like '2027-02-03T10:00' (for calendar stories). */
export async function clockAtChinaTime(rt: RunningRuntime, chinaTime: string): Promise<void> {
  await clockTo(rt, Date.parse(`${chinaTime}:00+08:00`));
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
