import { defineFunction } from '../_lib/handler';
import { processOutbox } from '../_lib/notify';

/** Delivers the outbox: due items, retries with backoff, items whose worker died mid-send. */
export const main = defineFunction('notify', {}, {
  deliver: async ({ db, cloud, now }) => processOutbox(db, cloud, now()),
});
