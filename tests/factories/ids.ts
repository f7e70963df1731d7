import { randomBytes } from 'node:crypto';

/**
 * Names no other call of this test run uses: a random run tag and a counter (not Date.now(), which two
 * calls in one millisecond — or two test files — would share).
 */
const run = randomBytes(3).toString('hex');
let seq = 0;
const next = () => (seq++).toString(36).padStart(3, '0');

/** A request id for an idempotent action (submit, propose, comment): 8–64 of [A-Za-z0-9_-]. */
export const requestId = (label = 'req'): string => `${label}-${run}-${next()}`;

/** A WeChat OPENID nobody has used yet: a new person. */
export const freshOpenid = (label = 'person'): string => `${label}_${run}_${next()}`;

/** A short unique tag for names and texts a test wants to find again (titles, community names). */
export const uniqueTag = (): string => `${run}${next()}`;
