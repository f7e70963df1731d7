import { reconcile } from '../_capabilities/appeals/useCases/reconcile';
import { serve } from '../_platform/handler';

/** Applies staff's cloud-console edits (appeal decisions, service levels) exactly once. */
export const actions = {};

export const main = serve('reconcile', actions, { timers: { reconcile } });
