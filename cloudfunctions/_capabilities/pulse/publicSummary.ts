/** The public 晴雨表 line, served by `directory`: one summary document read, nothing heavy bundled. */
import type { PublicSummary } from '../../../contracts/pulse';
import { pulseManifest } from '../../../contracts/pulse.manifest';
import { derive, publicLine } from '../../../domain/pulse/figures';
import { monthOf } from '../../../domain/pulse/periods';
import { findById } from '../../_platform/db';
import { useCase } from '../../_platform/handler';
import { signedIn } from '../../_platform/permissions';
import { cellOf, type Cells } from './summaries';

const SUMMARIES = 'pulseSummaries';

/** "本月办结 N 件，满意率 x%" for the home page, or one station's (a station page's slot). */
export const publicSummary = useCase(pulseManifest.directory.publicSummary, {
  permission: signedIn,
  run: async (input, { db, now }): Promise<PublicSummary> => {
    const period = monthOf(now());
    const doc = (await findById(db, SUMMARIES, period)) as unknown as (Cells & { builtAt?: unknown }) | null;
    const figures = input.stationId ? cellOf(doc ?? undefined, 'station', input.stationId) : cellOf(doc ?? undefined, 'all');
    return { period, closed: figures.closed ?? 0, satisfactionRate: derive(figures).satisfactionRate, line: publicLine(figures), builtAt: doc?.builtAt ? new Date(doc.builtAt as string).toISOString() : null };
  },
});
