/**
 * The nightly run that computes 晴雨表 into summary documents. It reads each contributor's collection in _id
 * order, 100 records a batch, tallying by month; after every batch it saves where it is (cursor and tally)
 * on the run document, so a run the timeout stops is continued by the next trigger. Then it writes one
 * summary per month, quarter and year, a few per step, and marks the run done for the China day.
 * A lease on the run document (a versioned update) keeps two invocations from counting at once.
 */
import { chinaDay } from '../../../domain/time';
import { appendAudit } from '../../_platform/audit';
import type { Db } from '../../_platform/db';
import { findById } from '../../_platform/db';
import type { SystemContext } from '../../_platform/handler';
import { CONTRIBUTORS } from './contributors';
import { cellsOf, emptyCells, periodsOfMonths, tally, type Cells } from './summaries';

export const RUNS = 'pulseRuns';
export const SUMMARIES = 'pulseSummaries';
const RUN_ID = 'nightly';
const BATCH = 100;
const WRITES_PER_STEP = 10;
/** Batches tallied between saves of the run document (the tally is the bulk of what a save writes). */
const BATCHES_PER_SAVE = 5;
/** Most batches one invocation reads (the deadline usually stops it first on the cloud). */
const MAX_BATCHES = 200;

type Phase = 'scanning' | 'writing' | 'done';

interface RunDoc {
  _id: string;
  runId: string;
  /** The China day the run started: one complete run a day. */
  day: string;
  phase: Phase;
  startedAt: Date;
  finishedAt?: Date | null;
  contributor: number;
  cursor: string | null;
  scanned: number;
  invocations: number;
  byMonth: Record<string, Cells>;
  pending: string[];
  written: number;
  leaseUntil: number;
  version: number;
}

export interface RunReport {
  phase: Phase | 'busy' | 'skipped';
  runId?: string;
  scanned?: number;
  written?: number;
  more: boolean;
}

async function claim(db: Db, run: RunDoc, patch: Partial<RunDoc>): Promise<RunDoc | null> {
  const _ = db.command;
  const next = { ...run, ...patch, version: run.version + 1 };
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) data[k] = k === 'byMonth' ? _.set(v) : v;
  data.version = next.version;
  const res = await db.collection(RUNS).where({ _id: run._id, version: run.version }).update({ data });
  return res.stats.updated === 1 ? next : null;
}

function freshRun(at: Date, version: number): Omit<RunDoc, '_id'> {
  return { runId: `${chinaDay(at)}-${at.getTime()}`, day: chinaDay(at), phase: 'scanning', startedAt: at, finishedAt: null, contributor: 0, cursor: null, scanned: 0, invocations: 0, byMonth: {}, pending: [], written: 0, leaseUntil: 0, version };
}

/** One batch of the current contributor; answers the run with cursor and tally moved on. */
async function scanBatch(db: Db, run: RunDoc, counters: Map<number, Awaited<ReturnType<(typeof CONTRIBUTORS)[number]['prepare']>>>, batch: number): Promise<Partial<RunDoc>> {
  const contributor = CONTRIBUTORS[run.contributor];
  if (!contributor) return { phase: 'writing', pending: periodsOfMonths(Object.keys(run.byMonth)) };
  let count = counters.get(run.contributor);
  if (!count) {
    count = await contributor.prepare(db);
    counters.set(run.contributor, count);
  }
  const _ = db.command;
  const projection = Object.fromEntries(contributor.fields.map((f) => [f, true]));
  const q = run.cursor ? db.collection(contributor.collection).where({ _id: _.gt(run.cursor) }) : db.collection(contributor.collection);
  const docs = (await q.orderBy('_id', 'asc').limit(batch).field(projection).get()).data;
  const byMonth = run.byMonth;
  for (const doc of docs) {
    const { placement, facts } = count(doc);
    for (const f of facts) tally((byMonth[f.month] ??= emptyCells()), placement, f.measure, f.value);
  }
  const patch: Partial<RunDoc> = { byMonth, scanned: run.scanned + docs.length, cursor: docs.length ? docs[docs.length - 1]._id : run.cursor };
  if (docs.length < batch) {
    patch.contributor = run.contributor + 1;
    patch.cursor = null;
    if (!CONTRIBUTORS[run.contributor + 1]) {
      patch.phase = 'writing';
      patch.pending = periodsOfMonths(Object.keys(byMonth));
    }
  }
  return patch;
}

async function writeStep(db: Db, run: RunDoc, at: Date): Promise<Partial<RunDoc>> {
  const step = run.pending.slice(0, WRITES_PER_STEP);
  const sources = CONTRIBUTORS.map((c) => c.source);
  for (const period of step) {
    const cells = cellsOf(period, run.byMonth);
    await db.collection(SUMMARIES).doc(period).set({ data: { period, ...cells, sources, runId: run.runId, builtAt: at } });
  }
  const pending = run.pending.slice(step.length);
  const patch: Partial<RunDoc> = { pending, written: run.written + step.length };
  if (pending.length === 0) Object.assign(patch, { phase: 'done', finishedAt: at, byMonth: {}, leaseUntil: 0 });
  return patch;
}

/**
 * One invocation: start today's run (or a forced restart), or continue the one in hand, until the deadline
 * or `maxBatches` steps; answers where it stopped (`more`: the next trigger continues).
 */
export async function runPulse(ctx: SystemContext, opts: { restart?: boolean; maxBatches?: number; batchSize?: number } = {}): Promise<RunReport> {
  const { db, deadline } = ctx;
  const at = ctx.now();
  let run = (await findById(db, RUNS, RUN_ID)) as RunDoc | null;
  if (!run) {
    try {
      await db.collection(RUNS).add({ data: { _id: RUN_ID, ...freshRun(at, 0), phase: 'done', day: '' } });
    } catch {
      // another invocation made it first
    }
    run = (await findById(db, RUNS, RUN_ID)) as RunDoc | null;
    if (!run) return { phase: 'busy', more: true };
  }
  if (run.leaseUntil > Date.now()) return { phase: 'busy', runId: run.runId, more: true };
  const startNew = run.phase === 'done' && (opts.restart || run.day !== chinaDay(at));
  if (run.phase === 'done' && !startNew) return { phase: 'skipped', runId: run.runId, more: false };
  const lease = deadline + 5000;
  const claimed = await claim(db, run, startNew ? { ...freshRun(at, run.version), leaseUntil: lease, invocations: 1 } : { leaseUntil: lease, invocations: run.invocations + 1 });
  if (!claimed) return { phase: 'busy', more: true };
  let cur: RunDoc = claimed;
  const counters = new Map();
  const limit = Math.min(opts.maxBatches ?? MAX_BATCHES, MAX_BATCHES);
  // The tally is saved with its cursor (one document, one update): work lost to a timeout is redone, never counted twice.
  let unsaved: Partial<RunDoc> = {};
  let unsavedBatches = 0;
  for (let steps = 0; steps < limit && Date.now() < deadline && cur.phase !== 'done'; steps++) {
    const scanning = cur.phase === 'scanning';
    const patch = scanning ? await scanBatch(db, cur, counters, Math.min(opts.batchSize ?? BATCH, BATCH)) : await writeStep(db, cur, at);
    unsaved = { ...unsaved, ...patch };
    cur = { ...cur, ...patch };
    unsavedBatches += 1;
    const last = steps + 1 >= limit || Date.now() >= deadline;
    if (!scanning || cur.phase !== 'scanning' || unsavedBatches >= BATCHES_PER_SAVE || last) {
      const saved = await claim(db, cur, unsaved);
      if (!saved) return { phase: 'busy', more: true };
      cur = saved;
      unsaved = {};
      unsavedBatches = 0;
    }
  }
  if (unsavedBatches > 0) {
    const saved = await claim(db, cur, unsaved);
    if (!saved) return { phase: 'busy', more: true };
    cur = saved;
  }
  if (cur.phase === 'done') {
    await appendAudit(db, { entityType: 'pulse', entityId: cur.runId, action: 'compute', actorRole: 'system', source: 'timer', at, note: `晴雨表统计完成：读取 ${cur.scanned} 条记录，写入 ${cur.written} 份汇总`, data: { invocations: cur.invocations, months: cur.written } });
  } else {
    const released = await claim(db, cur, { leaseUntil: 0 });
    if (released) cur = released;
  }
  return { phase: cur.phase, runId: cur.runId, scanned: cur.scanned, written: cur.written, more: cur.phase !== 'done' };
}
