import type { TimelineEntry } from '../../contracts/appeal';

/** Who did something, as the timeline and the audit history name them. */
export const ACTOR_LABELS: Record<TimelineEntry['actorRole'], string> = {
  resident: '居民',
  deputy: '代表',
  staff: '工作人员',
  system: '系统',
};
