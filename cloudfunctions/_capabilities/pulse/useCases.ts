/** 晴雨表 for staff (board, Excel export) and the nightly run: read from the summary documents only. */
import type { PulseBoard, PulseCell, PulseCompare, PulseExport, PulseRow } from '../../../contracts/pulse';
import { pulseManifest } from '../../../contracts/pulse.manifest';
import { derive, MEASURE_KEYS, MEASURES, type Dimension, type Figures, type PulseSource } from '../../../domain/pulse/figures';
import { comparisonsOf, monthsOf, periodLabel, shiftPeriod } from '../../../domain/pulse/periods';
import { appendAudit } from '../../_platform/audit';
import type { Db, Doc } from '../../_platform/db';
import { adminAction, useCase, type SystemContext } from '../../_platform/handler';
import { staffMember } from '../../_platform/permissions';
import { rebuildPulseInput } from '../../../contracts/pulse';
import { runPulse, SUMMARIES } from './builder';
import { cellOf, type Cells } from './summaries';
import { writePulseBook } from './workbook';

const { pulse } = pulseManifest;

const iso = (d: unknown): string | null => (d ? new Date(d as string).toISOString() : null);
const cell = (figures: Figures): PulseCell => ({ figures, derived: derive(figures) });

async function summaries(db: Db, periods: string[]): Promise<Map<string, Doc>> {
  const _ = db.command;
  const docs = (await db.collection(SUMMARIES).where({ _id: _.in(periods) }).limit(periods.length).get()).data;
  return new Map(docs.map((d) => [d._id, d]));
}

/** Names for each dimension's ids, from the street's reference collections. */
async function namesOf(db: Db, dimension: Dimension): Promise<Map<string, string>> {
  const collection = { all: null, community: 'communities', category: 'categories', station: 'stations', deputy: 'deputies' }[dimension];
  if (!collection) return new Map();
  const docs = (await db.collection(collection).field({ name: true }).limit(100).get()).data;
  return new Map(docs.map((d) => [d._id, String(d.name ?? d._id)]));
}

function rowsOf(doc: Doc | undefined, dimension: Dimension, names: Map<string, string>): PulseRow[] {
  if (dimension === 'all' || !doc) return [];
  const breakdown = (doc as unknown as Cells)[dimension] ?? {};
  return Object.entries(breakdown)
    .map(([id, figures]) => ({ id, name: names.get(id) ?? '（已不在名册）', ...cell(figures) }))
    .sort((a, b) => (b.figures.received ?? 0) - (a.figures.received ?? 0) || a.name.localeCompare(b.name, 'zh'));
}

const compare = (period: string, docs: Map<string, Doc>): PulseCompare => ({ period, label: periodLabel(period), ...cell(cellOf(docs.get(period) as unknown as Cells | undefined, 'all')) });

export async function pulseBoard(db: Db, period: string, dimension: Dimension): Promise<PulseBoard> {
  const { lastYear, lastQuarter } = comparisonsOf(period);
  const lastMonth = monthsOf(period).slice(-1)[0];
  const trendMonths = Array.from({ length: 12 }, (_, i) => shiftPeriod(lastMonth, i - 11));
  const docs = await summaries(db, [...new Set([period, lastYear, ...(lastQuarter ? [lastQuarter] : []), ...trendMonths])]);
  const doc = docs.get(period);
  const sources = ((doc?.sources as PulseSource[] | undefined) ?? []).slice();
  return {
    period,
    label: periodLabel(period),
    dimension,
    builtAt: iso(doc?.builtAt),
    sources,
    total: cell(cellOf(doc as unknown as Cells | undefined, 'all')),
    rows: rowsOf(doc, dimension, await namesOf(db, dimension)),
    lastYear: compare(lastYear, docs),
    lastQuarter: lastQuarter ? compare(lastQuarter, docs) : null,
    trend: trendMonths.map((m) => ({ period: m, label: periodLabel(m), figures: cellOf(docs.get(m) as unknown as Cells | undefined, 'all') })),
    measures: MEASURE_KEYS.map((key) => ({ key, label: MEASURES[key].label, source: MEASURES[key].source })),
  };
}

export const board = useCase(pulse.board, {
  permission: staffMember,
  run: async (input, { db }) => pulseBoard(db, input.period, input.dimension),
});

/** The period's figures as an .xlsx in cloud storage: weapp opens it with openDocument, h5 downloads it. */
export const exportPulse = useCase(pulse.exportPulse, {
  permission: staffMember,
  run: async (input, { db, cloud, now, user }): Promise<PulseExport> => {
    const dims: Dimension[] = ['community', 'category', 'station', 'deputy'];
    const boards = await Promise.all(dims.map((d) => pulseBoard(db, input.period, d)));
    const buffer = await writePulseBook(boards);
    const stamp = now().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const { fileID } = await cloud.uploadFile({ cloudPath: `pulse/pulse-${input.period}-${stamp}.xlsx`, fileContent: buffer });
    const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL?: string }[] };
    await appendAudit(db, { entityType: 'pulse', entityId: input.period, action: 'export', actorOpenid: user.openid, actorRole: 'staff', source: 'app', at: now(), note: `导出晴雨表 ${periodLabel(input.period)}`, data: { fileId: fileID } });
    return { fileId: fileID, url: fileList[0]?.tempFileURL ?? '' };
  },
});

export const nightly = (ctx: SystemContext) => runPulse(ctx);

/** The deployer's (and tests') run: restart today's computation, or step it a few batches at a time. */
export const rebuild = adminAction({
  input: rebuildPulseInput,
  run: async (input, ctx) => runPulse(ctx, { restart: input.restart, maxBatches: input.maxBatches, batchSize: input.batchSize }),
});
