import type { Db, Doc } from './db';
import { warm } from './warm';

/**
 * The street's communities, stations, deputies or categories by _id, for the names a page shows (warm: the directory
 * rarely changes; ≤ 100 each, the street's "1+6+11"). Never for what a decision depends on (a deputy's
 * binding or roster place): read those fresh.
 */
type DirectoryCollection = 'communities' | 'stations' | 'deputies' | 'categories';

export const directoryRows = (db: Db, collection: DirectoryCollection): Promise<Map<string, Doc>> =>
  warm(`directory:rows:${collection}`, async () => new Map((await db.collection(collection).limit(100).get()).data.map((d) => [d._id, d])));

/** The name of each, by _id. */
export const directoryNames = async (db: Db, collection: DirectoryCollection): Promise<Map<string, string>> =>
  new Map([...(await directoryRows(db, collection))].map(([id, d]) => [id, typeof d.name === 'string' ? d.name : '']));
