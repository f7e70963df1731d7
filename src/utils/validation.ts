import type { GenericSchema } from 'valibot';
import { parseInput } from '../../contracts/validation';

/** A failed parseInput's reason without its "参数 <field> " prefix (the form shows it under that field). */
export function fieldReason(r: { field?: string; message: string }): string {
  const prefix = `参数 ${r.field} `;
  return r.field && r.message.startsWith(prefix) ? r.message.slice(prefix.length) : r.message;
}

/** The server's own check on the client: null when fine, else its Chinese reason without the field name. */
export function checkInput(schema: GenericSchema, value: unknown): string | null {
  const r = parseInput(schema, value);
  if (r.ok) return null;
  return r.field ? fieldReason(r) : r.message.replace(/^参数\s*/, '');
}
