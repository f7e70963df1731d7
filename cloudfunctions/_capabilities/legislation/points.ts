/** The 1+17+N points opinions come through: the stations (home, stations, contact points) and the liaison units. */
import { liaisonPoints, type LiaisonPoint } from '../../../domain/legislation/points';
import type { Db } from '../../_platform/db';
import { AppError } from '../../_platform/errors';

export async function loadPoints(db: Db): Promise<LiaisonPoint[]> {
  const [stations, units] = await Promise.all([
    db.collection('stations').field({ _id: true, name: true, kind: true }).limit(100).get(),
    db.collection('liaisonUnits').field({ _id: true, name: true, unitKind: true }).limit(100).get(),
  ]);
  return liaisonPoints(stations.data as never[], units.data as never[]);
}

/** The point named by id, as stored on an opinion; INVALID_ARGUMENT for an unknown one. */
export async function pointFields(db: Db, pointId: string | undefined): Promise<{ pointId: string | null; pointKind: string | null; pointName: string | null }> {
  if (!pointId) return { pointId: null, pointKind: null, pointName: null };
  const p = (await loadPoints(db)).find((x) => x._id === pointId);
  if (!p) throw new AppError('INVALID_ARGUMENT', '没有这个立法联系点，请重新选择');
  return { pointId: p._id, pointKind: p.kind, pointName: p.name };
}
