import * as v from 'valibot';
import { action, defineFunction } from '../../../cloudfunctions/_lib/handler';

/** Benchmark baseline only (never deployed): the same handler path as every function, then one plain insert. */
export const main = defineFunction('benchInsert', {
  insert: action({
    input: v.object({ n: v.number() }),
    run: async (input, { db, openid, now }) => {
      const { _id } = await db.collection('benchInserts').add({ data: { openid, n: input.n, at: now() } });
      return { _id };
    },
  }),
});
