import * as v from 'valibot';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; field?: string };

/** Validate untrusted input; the failure message is Chinese and names the field. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): ParseResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const field = v.getDotPath(issue) ?? undefined;
  const reason = issue.message && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '格式不正确';
  return { ok: false, field, message: field ? `参数 ${field} ${reason}` : `参数${reason}` };
}

/** Ids are plain strings of safe characters: no operators, no objects. */
export const idSchema = v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '不是有效的编号'));

/** The input of an action that takes nothing but its name. */
export const bareInput = <A extends string>(action: A) => v.object({ action: v.literal(action) });

export const cursorSchema = v.optional(v.pipe(v.string('应为文本'), v.maxLength(200, '过长')));

/**
 * A nested object: strict (unknown keys refused) and never an array — valibot's object() accepts arrays
 * and strips them to {}, which would let `contact: []` through as "no contact".
 */
export const nested = <E extends v.ObjectEntries>(entries: E) => {
  const shape = v.strictObject(entries, '包含不支持的字段');
  return v.pipe(v.custom<v.InferInput<typeof shape>>((x) => !!x && typeof x === 'object' && !Array.isArray(x), '格式不正确'), shape);
};

/** The deepest nesting any action's input may have: more is refused before a schema walks it. */
export const MAX_INPUT_DEPTH = 16;

/** True when a value nests objects/arrays deeper than `max` (iterative: a 200,000-deep value cannot overflow it). */
export function nestsDeeperThan(value: unknown, max: number = MAX_INPUT_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v as object)) stack.push([child, depth + 1]);
  }
  return false;
}
