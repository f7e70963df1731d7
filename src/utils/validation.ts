import type { GenericSchema } from 'valibot';
import { parseInput } from '../../contracts/validation';

/** The server's own check on the client: null when fine, else its Chinese reason without the field name. */
export function checkInput(schema: GenericSchema, value: unknown): string | null {
  const r = parseInput(schema, value);
  if (r.ok) return null;
  if (r.field && r.message.startsWith(`参数 ${r.field} `)) return r.message.slice(`参数 ${r.field} `.length);
  return r.message.replace(/^参数\s*/, '');
}
