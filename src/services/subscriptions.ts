// Subscribe-message consent → credits on the server (user.subscribe). Platform part in subscribe.{weapp,h5}.ts.
import { callCloud } from './cloud';
import { requestTemplates } from './subscribe';
import type { TemplateKey } from './templates';

export interface SubscribeOutcome {
  accepted: TemplateKey[];
  /** Chinese message when recording the consent failed. */
  error?: string;
}

/**
 * Call first thing in a tap handler. weapp: consent dialog, then user.subscribe with what was accepted.
 * Elsewhere: nothing, unless `simulate` (local h5 test of the reminder flow) — then every key counts as accepted.
 */
export async function subscribeTo(keys: TemplateKey[], { simulate = false }: { simulate?: boolean } = {}): Promise<SubscribeOutcome> {
  const asked = await requestTemplates(keys);
  const accepted = asked ?? (simulate ? keys : []);
  if (accepted.length === 0) return { accepted };
  const env = await callCloud<{ granted: number }>('user', { action: 'subscribe', accepted });
  return env.ok ? { accepted } : { accepted, error: env.error.message };
}
