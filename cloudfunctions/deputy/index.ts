import * as handling from '../_capabilities/appeals/useCases/deputy';
import * as duty from '../_capabilities/duty/useCases';
import { serve } from '../_platform/handler';

/** The deputy's workbench: the appeals they hold (appeals) and their duty record (duty). */
export const actions = {
  record: duty.record,
  queue: handling.queue,
  home: handling.home,
  accept: handling.accept,
  progress: handling.progress,
  transfer: handling.transfer,
  reply: handling.reply,
};

export const main = serve('deputy', actions);
