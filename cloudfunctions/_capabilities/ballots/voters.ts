import { createHash } from 'node:crypto';

/** Votes carry a pseudonymous voter key, not the OPENID: the console shows what was chosen, not by whom. */
export const voterHash = (openid: string): string => createHash('sha256').update(`lxq-vote\n${openid}`).digest('hex').slice(0, 24);
