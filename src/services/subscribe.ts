// Type-level default. Builds pick subscribe.weapp.ts or subscribe.h5.ts instead (same exports).
import type { TemplateKey } from './templates';

/** True where there is no WeChat consent dialog and subscribing is only simulated (local h5). */
export const subscribeSimulated: boolean = true;

/**
 * Shows the platform's consent dialog for these templates and answers the keys the person accepted;
 * null where the platform has no such dialog. Must be the first await of a tap handler (WeChat rule).
 */
export async function requestTemplates(_keys: TemplateKey[]): Promise<TemplateKey[] | null> {
  return null;
}
