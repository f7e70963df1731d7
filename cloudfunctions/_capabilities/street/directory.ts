/** The street's directory everyone reads: communities, stations, active deputies (public fields), categories. */
import type { Category, Community, DeputyPublic, Station, StreetContact } from '../../../contracts/directory';
import { streetManifest } from '../../../contracts/street.manifest';
import type { Db } from '../../_platform/db';
import { useCase } from '../../_platform/handler';
import { signedIn } from '../../_platform/permissions';
import { streetPhone } from '../../_platform/streetContact';

const { directory } = streetManifest;

/** Reference collections are small (< 100 docs, declared smallCollection): one page reads them whole. */
async function readAll<T>(db: Db, name: string, fields: Record<string, true>): Promise<T[]> {
  const res = await db.collection(name).field(fields).orderBy('_id', 'asc').limit(100).get();
  return res.data as unknown as T[];
}

export const communities = useCase(directory.communities, { permission: signedIn, run: async (_input, { db }) => readAll<Community>(db, 'communities', { _id: true, name: true, stationId: true }) });
export const stations = useCase(directory.stations, { permission: signedIn, run: async (_input, { db }) => readAll<Station>(db, 'stations', { _id: true, name: true, kind: true, communityIds: true, address: true, phone: true }) });
export const deputies = useCase(directory.deputies, {
  permission: signedIn,
  run: async (_input, { db }) => {
    const all = await db.collection('deputies').where({ active: true }).field({ _id: true, name: true, stationId: true, communityIds: true, specialties: true }).orderBy('_id', 'asc').limit(100).get();
    return all.data as unknown as DeputyPublic[];
  },
});
export const categories = useCase(directory.categories, {
  permission: signedIn,
  run: async (_input, { db }) => {
    const res = await db.collection('categories').field({ _id: true, name: true, order: true }).orderBy('order', 'asc').limit(100).get();
    return res.data.map((c): Category => ({ _id: c._id, name: c.name }));
  },
});

export const contact = useCase(directory.contact, { permission: signedIn, run: async (_input, { db }): Promise<StreetContact> => ({ phone: await streetPhone(db) }) });
