/**
 * Deadlines in words, on the working-day calendar: what is due next for an appeal, by when, and how many
 * working days are left or have gone by. The server counts (it holds the calendar) and sends the summary
 * with each list item and detail; pages word it for who is looking (a deputy is asked to act, a resident
 * is told what to expect, staff see how late).
 */
import { workingDaysBetween, type HolidayData } from '../calendar';
import { addDays, chinaDaysBetween } from '../time';
import type { AppealStatus } from './lifecycle';
import { UNRATED_CLOSE_DAYS } from './rating';

import type { DeadlineStage, DeadlineSummary } from './deadlineWords';

export { byUrgency, deadlineWords, type Audience, type DeadlineStage, type DeadlineSummary, type DeadlineWords } from './deadlineWords';

export interface DeadlineSource {
  status: AppealStatus;
  acceptDeadline?: Date | string | null;
  replyDeadline?: Date | string | null;
  repliedAt?: Date | string | null;
  deadlineWeekendsOnly?: boolean;
}

const toDate = (d: Date | string | null | undefined): Date | null => (d ? new Date(d) : null);

/** What is due next: acceptance while assigned, the reply while being handled, the resident's rating once replied. */
export function deadlineOf(a: DeadlineSource, now: Date, calendar: HolidayData): DeadlineSummary | null {
  let stage: DeadlineStage;
  let due: Date | null;
  if (a.status === 'assigned') {
    const accept = toDate(a.acceptDeadline);
    const reply = toDate(a.replyDeadline);
    // Acceptance missed but the reply still ahead: the reply is what counts now (supervision does the same).
    stage = accept && (now <= accept || !reply || now > reply) ? 'accept' : 'reply';
    due = stage === 'accept' ? accept : reply;
  } else if (a.status === 'in_progress') {
    stage = 'reply';
    due = toDate(a.replyDeadline);
  } else if (a.status === 'replied') {
    const replied = toDate(a.repliedAt);
    if (!replied) return null;
    stage = 'rate';
    due = addDays(replied, UNRATED_CLOSE_DAYS);
  } else return null;
  if (!due || Number.isNaN(due.getTime())) return null;
  const summary: DeadlineSummary = { stage, due: due.toISOString(), daysLeft: 0, daysLate: 0 };
  if (stage === 'rate') {
    summary.daysLeft = Math.max(0, chinaDaysBetween(now, due));
    if (now.getTime() > due.getTime()) summary.daysLate = Math.max(1, chinaDaysBetween(due, now));
    return summary;
  }
  if (now.getTime() <= due.getTime()) summary.daysLeft = workingDaysBetween(now, due, calendar);
  else summary.daysLate = Math.max(1, workingDaysBetween(due, now, calendar));
  if (a.deadlineWeekendsOnly) summary.weekendsOnly = true;
  return summary;
}

