/** The appeal timers: close unrated appeals, and 督办 (mark overdue, remind, escalate up the ladder). */
import { decideAppeal, type AppealActor } from '../../../../domain/appeals/commands';
import { supervisionLadder, supervisionStep, type LadderStation } from '../../../../domain/appeals/escalation';
import { unratedCutoff } from '../../../../domain/appeals/rating';
import * as supervision from '../../../../domain/appeals/supervision';
import type { HolidayData } from '../../../../domain/calendar';
import { loadCalendar } from '../../../_platform/calendar';
import { findById, type Db } from '../../../_platform/db';
import { AppError } from '../../../_platform/errors';
import type { SystemContext } from '../../../_platform/handler';
import { OPEN_STATUSES, type AppealDoc } from '../model';
import { changeAppeal, touchAppeal } from '../writer';

const TIMER: AppealActor = { kind: 'timer' };

/** Most appeals one closeUnrated run handles (the deadline usually stops it first on the cloud). */
const MAX_CLOSE_PER_RUN = 300;

/**
 * Replied appeals nobody rated within the window close as unrated, oldest first, in bounded batches:
 * the run stops starting work at its deadline (or after MAX_CLOSE_PER_RUN) and the next hourly run
 * continues (closed ones leave the replied set; ones that failed are left for the next run).
 */
export async function closeUnrated({ db, now, deadline }: SystemContext) {
  const at = now();
  const _ = db.command;
  const skipped: string[] = [];
  let closed = 0;
  let more = false;
  scan: for (;;) {
    const due = (await db.collection('appeals').where({ status: 'replied', repliedAt: _.lte(unratedCutoff(at)), ...(skipped.length ? { _id: _.nin(skipped) } : {}) }).orderBy('repliedAt', 'asc').limit(100).get()).data;
    for (const d of due) {
      if (closed + skipped.length >= MAX_CLOSE_PER_RUN || Date.now() >= deadline) {
        more = true;
        break scan;
      }
      try {
        await changeAppeal(db, d._id, (a) => decideAppeal(a, TIMER, { command: 'auto_close' }, { now: at }), { source: 'timer', at });
        closed += 1;
      } catch (err) {
        if (!(err instanceof AppError)) throw err; // raced with a rating, or still locked: next run
        skipped.push(d._id);
      }
    }
    if (due.length < 100) break;
  }
  return { closed, skipped: skipped.length, more };
}

/** Who is told at a rung: the station's active bound deputies (not the assignee), or every staff member. */
async function recipientsAt(db: Db, rung: string, excludeDeputyId?: string): Promise<string[]> {
  if (rung === 'staff') return (await db.collection('users').where({ role: 'staff' }).limit(50).get()).data.map((u) => u.openid as string);
  const deputies = (await db.collection('deputies').where({ stationId: rung, active: true }).limit(100).get()).data;
  return deputies.filter((d) => d._id !== excludeDeputyId && d.openid).map((d) => d.openid as string);
}

/** Most appeals one run looks at (the deadline usually stops it first on the cloud). */
const MAX_PER_RUN = 500;
const BATCH = 100;

const asDates = (a: AppealDoc): AppealDoc => ({ ...a, acceptDeadline: a.acceptDeadline ? new Date(a.acceptDeadline) : undefined, replyDeadline: a.replyDeadline ? new Date(a.replyDeadline) : undefined });

async function superviseOne(db: Db, a: AppealDoc, at: Date, calendar: HolidayData, stations: LadderStation[], communities: Map<string, string>): Promise<'skipped' | 'marked' | 'escalated'> {
  const ladder = supervisionLadder(communities.get(a.communityId) ?? '', stations);
  const step = supervisionStep(asDates(a), at, ladder, calendar);
  if (step.kind === 'none') {
    await touchAppeal(db, a, supervision.nothingDue(a));
    return 'skipped';
  }
  const assignee = a.assigneeDeputyId ? await findById(db, 'deputies', a.assigneeDeputyId) : null;
  // A roster entry nobody has bound to a WeChat account cannot be told.
  const assigneeOpenid = typeof assignee?.openid === 'string' && assignee.openid ? assignee.openid : undefined;
  const recipients = step.kind === 'escalate' ? await recipientsAt(db, step.target, a.assigneeDeputyId) : [];
  await changeAppeal(db, a._id, (cur) => decideAppeal(asDates(cur), TIMER, { command: 'supervise', ladder, stations, recipients, ...(assigneeOpenid ? { assigneeOpenid } : {}) }, { now: at, calendar }), { source: 'timer', at, expectVersion: a.version });
  return step.kind === 'mark_overdue' ? 'marked' : 'escalated';
}

/**
 * One run: due appeals (nextSupervisionAt ≤ now) per open status, oldest first, in batches, until the
 * deadline or MAX_PER_RUN. Each one handled moves its nextSupervisionAt on (or clears it), so the next run
 * starts where this one stopped; ids seen in this run are not fetched again.
 */
export async function supervise(ctx: SystemContext) {
  const { db, deadline } = ctx;
  const at = ctx.now();
  const calendar = await loadCalendar(db);
  const _ = db.command;
  const stations = (await db.collection('stations').limit(100).get()).data as unknown as LadderStation[];
  const communities = new Map((await db.collection('communities').limit(100).get()).data.map((c) => [c._id, c.stationId as string]));
  const report = { marked: 0, escalated: 0, skipped: 0, deferred: 0, more: false };
  const seen: string[] = [];
  // One query per status: each streams from the (status, nextSupervisionAt) index, oldest first.
  scan: for (const status of OPEN_STATUSES) {
    for (;;) {
      const due = (await db.collection('appeals').where({ status, nextSupervisionAt: _.lte(at), ...(seen.length ? { _id: _.nin(seen) } : {}) }).orderBy('nextSupervisionAt', 'asc').limit(BATCH).get()).data as unknown as AppealDoc[];
      for (const a of due) {
        if (seen.length >= MAX_PER_RUN || Date.now() >= deadline) {
          report.more = true;
          break scan;
        }
        seen.push(a._id);
        try {
          report[await superviseOne(db, a, at, calendar, stations, communities)] += 1;
        } catch (err) {
          if (!(err instanceof AppError)) throw err; // changed meanwhile (accepted, replied) or locked: next run sees the new state
          report.deferred += 1;
        }
      }
      if (due.length < BATCH) break;
    }
  }
  return { ...report };
}
