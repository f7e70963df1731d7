// H5 (local runtime): no WeChat consent dialog exists; callers decide whether to simulate consent.
import type { TemplateKey } from './templates';

export const subscribeSimulated: boolean = true;

export async function requestTemplates(_keys: TemplateKey[]): Promise<TemplateKey[] | null> {
  return null;
}
