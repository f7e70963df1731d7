import { supervise } from '../_capabilities/appeals/useCases/timers';
import { serve } from '../_platform/handler';

/** 督办: marks overdue appeals on China's working calendar, reminds the deputy, escalates repeat misses. */
export const actions = {};

export const main = serve('supervise', actions, { timers: { supervise } });
