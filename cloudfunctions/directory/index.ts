import * as v from 'valibot';
import type { Category, Community, DeputyPublic, Station, StreetContact } from '../../contracts/directory';
import { streetPhone } from '../_lib/streetContact';
import { action, defineFunction } from '../_lib/handler';
import type { Database } from '../_lib/cloud';

const noInput = v.object({});

/** Reference collections are small (< 100 docs, declared smallCollection): one page reads them whole. */
async function readAll<T>(db: Database, name: string, fields: Record<string, true>): Promise<T[]> {
  const res = await db.collection(name).field(fields).orderBy('_id', 'asc').limit(100).get();
  return res.data as T[];
}

export const main = defineFunction('directory', {
  communities: action({
    input: noInput,
    run: async (_input, { db }) => readAll<Community>(db, 'communities', { _id: true, name: true, stationId: true }),
  }),
  stations: action({
    input: noInput,
    run: async (_input, { db }) =>
      readAll<Station>(db, 'stations', { _id: true, name: true, kind: true, communityIds: true, address: true, phone: true }),
  }),
  deputies: action({
    input: noInput,
    run: async (_input, { db }) => {
      const all = await db.collection('deputies').where({ active: true })
        .field({ _id: true, name: true, stationId: true, communityIds: true, specialties: true })
        .orderBy('_id', 'asc').limit(100).get();
      return all.data as DeputyPublic[];
    },
  }),
  contact: action({
    input: noInput,
    run: async (_input, { db }): Promise<StreetContact> => ({ phone: await streetPhone(db) }),
  }),
  categories: action({
    input: noInput,
    run: async (_input, { db }) => {
      const res = await db.collection('categories').field({ _id: true, name: true, order: true }).orderBy('order', 'asc').limit(100).get();
      return res.data.map((c) => ({ _id: c._id, name: c.name })) as Category[];
    },
  }),
});
