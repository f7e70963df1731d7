import * as supervision from '../../../domain/appeals/supervision';
import type { HolidayData } from '../../../domain/calendar';
import type { Db } from '../../_platform/db';
import { OPEN_STATUSES, type AppealDoc } from './model';
import { touchAppeal } from './writer';

/**
 * Open appeals whose deadlines were counted on weekends only: count them again on the calendar as it is now
 * (after staff entered a year). Only appeals not yet overdue; the version guard skips ones changed meanwhile.
 */
export async function recountWeekendOnlyDeadlines(db: Db, calendar: HolidayData): Promise<number> {
  const _ = db.command;
  let changed = 0;
  const seen = new Set<string>();
  for (let round = 0; round < 20; round++) {
    const page = ((await db.collection('appeals').where({ deadlineWeekendsOnly: true, status: _.in([...OPEN_STATUSES]) }).limit(100).get()).data as unknown as AppealDoc[]).filter((a) => !seen.has(a._id));
    if (page.length === 0) break;
    for (const a of page) {
      seen.add(a._id);
      const patch = supervision.recounted(a, calendar);
      if (patch && (await touchAppeal(db, a, patch))) changed += 1;
    }
  }
  return changed;
}
