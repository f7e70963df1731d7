import type { Community, Station, StationKind } from '../../services/types';

const KIND_ORDER: StationKind[] = ['home', 'station', 'contact_point'];

export interface NetworkGroup {
  kind: StationKind;
  stations: { station: Station; communities: Community[] }[];
}

/** Groups stations by kind (代表之家 first) with the communities each one serves. */
export function buildNetwork(stations: Station[], communities: Community[]): NetworkGroup[] {
  const byId = new Map(communities.map((c) => [c._id, c]));
  return KIND_ORDER.map((kind) => ({
    kind,
    stations: stations
      .filter((s) => s.kind === kind)
      .map((station) => {
        const listed = (station.communityIds || []).map((id) => byId.get(id)).filter((c): c is Community => !!c);
        const linked = communities.filter((c) => c.stationId === station._id && !listed.includes(c));
        return { station, communities: [...listed, ...linked] };
      }),
  })).filter((group) => group.stations.length > 0);
}
