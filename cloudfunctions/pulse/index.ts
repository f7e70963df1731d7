import * as pulse from '../_capabilities/pulse/useCases';
import { serve } from '../_platform/handler';

/** 晴雨表: the nightly statistics run, the staff board and its Excel export, the public summary. */
export const actions = {
  board: pulse.board,
  exportPulse: pulse.exportPulse,
};

export const main = serve('pulse', actions, { timers: { nightly: pulse.nightly }, admin: { rebuild: pulse.rebuild } });
