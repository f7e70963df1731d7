/** Duty record and points (一人一档, 履职积分): deputies read their record, staff review points. */
import type { Page } from './appeal';
import { pointsQueueInput, recordInput, reviewPointsInput } from './duty';
import type { DutyPointItem, DutyRecord } from './duty';
import { action, DEPUTIES_AND_STAFF, STAFF_ONLY } from './manifest';

export const dutyManifest = {
  deputy: {
    record: action<DutyRecord>()({ input: recordInput, roles: DEPUTIES_AND_STAFF }),
  },
  staff: {
    pointsQueue: action<Page<DutyPointItem>>()({ input: pointsQueueInput, roles: STAFF_ONLY }),
    reviewPoints: action<{ updated: number }>()({ input: reviewPointsInput, roles: STAFF_ONLY }),
  },
};
