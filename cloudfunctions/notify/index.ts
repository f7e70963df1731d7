import { serve } from '../_platform/handler';
import { processOutbox } from '../_platform/outbox';

/** Most outbox items one run handles (the deadline usually stops it first on the cloud). */
const MAX_PER_RUN = 500;

export const actions = {};

/** Delivers the outbox: due items, retries with backoff, items whose worker died mid-send — in bounded batches. */
export const main = serve('notify', actions, {
  timers: { deliver: async ({ db, cloud, now, deadline }) => processOutbox(db, cloud, now(), { deadline, maxItems: MAX_PER_RUN }) },
});
