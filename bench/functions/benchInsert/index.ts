import * as v from 'valibot';
import { action, SIGNED_IN } from '../../../contracts/manifest';
import { defineFunction, useCase } from '../../../cloudfunctions/_platform/handler';
import { signedIn } from '../../../cloudfunctions/_platform/permissions';

/** Benchmark baseline only (never deployed): the same handler path as every function, then one plain insert. */
const insert = action<{ _id: string }>()({ input: v.object({ n: v.number() }), roles: SIGNED_IN });

export const main = defineFunction('benchInsert', {
  insert: useCase(insert, {
    permission: signedIn,
    run: async (input, { db, openid, now }) => {
      const { _id } = await db.collection('benchInserts').add({ data: { openid, n: input.n, at: now() } });
      return { _id };
    },
  }),
});
