/** 晴雨表: the staff board and its Excel export, and the public summary (home page, station pages). */
import { action, SIGNED_IN, STAFF_ONLY } from './manifest';
import { boardInput, exportPulseInput, publicSummaryInput } from './pulse';
import type { PublicSummary, PulseBoard, PulseExport } from './pulse';

export const pulseManifest = {
  pulse: {
    board: action<PulseBoard>()({ input: boardInput, roles: STAFF_ONLY }),
    exportPulse: action<PulseExport>()({ input: exportPulseInput, roles: STAFF_ONLY }),
  },
  // Served by the small public `directory` function: every home page asks for it, so it must not carry exceljs.
  directory: {
    publicSummary: action<PublicSummary>()({ input: publicSummaryInput, roles: SIGNED_IN }),
  },
};
