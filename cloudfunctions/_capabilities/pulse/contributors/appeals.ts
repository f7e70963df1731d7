/** Appeals in 晴雨表: read through the database only (the appeal capability's files stay untouched). */
import { appealFacts, type AppealRecord } from '../../../../domain/pulse/figures';
import { loadCalendar } from '../../../_platform/calendar';
import type { Contributor } from './types';

export const appealsContributor: Contributor = {
  source: 'appeals',
  collection: 'appeals',
  fields: ['communityId', 'category', 'status', 'createdAt', 'assigneeDeputyId', 'acceptedAt', 'repliedAt', 'closedAt', 'resolution', 'rating', 'reopenCount', 'overdueAt', 'escalatedTo', 'escalationLevel'],
  async prepare(db) {
    const calendar = await loadCalendar(db);
    const stationOf = new Map((await db.collection('communities').limit(100).get()).data.map((c) => [c._id, c.stationId as string | undefined]));
    return (doc) => {
      const a = doc as unknown as AppealRecord;
      const station = stationOf.get(a.communityId);
      return {
        placement: { community: a.communityId, category: a.category, ...(station ? { station } : {}), ...(a.assigneeDeputyId ? { deputy: a.assigneeDeputyId } : {}) },
        facts: appealFacts(a, calendar),
      };
    };
  },
};
