/**
 * The street's liaison network: one deputies' home, activity stations under it, contact points under
 * those; each community is served by one station or contact point; deputies sit on its duty roster.
 */
import { escalationLadder } from './appeals/escalation';

export type StationKind = 'home' | 'station' | 'contact_point';

export interface NetworkStation {
  _id: string;
  kind: StationKind;
  parentId?: string;
}

export interface NetworkCommunity {
  _id: string;
  stationId: string;
}

export interface NetworkDeputy {
  _id: string;
  stationId: string;
  communityIds: string[];
  active: boolean;
}

export interface Network {
  stations: NetworkStation[];
  communities: NetworkCommunity[];
  deputies: NetworkDeputy[];
}

const KIND_RANK: Record<StationKind, number> = { contact_point: 0, station: 1, home: 2 };

/** Active deputies responsible for a community. */
export function deputiesForCommunity(communityId: string, deputies: NetworkDeputy[]): NetworkDeputy[] {
  return deputies.filter((d) => d.active && d.communityIds.includes(communityId));
}

/** Problems that would leave a resident's appeal with nowhere to go. Empty when the network is sound. */
export function validateNetwork(network: Network): string[] {
  const problems: string[] = [];
  const byId = new Map(network.stations.map((s) => [s._id, s]));
  const homes = network.stations.filter((s) => s.kind === 'home');
  if (homes.length !== 1) problems.push(`expected exactly one deputies' home, found ${homes.length}`);
  for (const s of network.stations) {
    if (s.kind === 'home') {
      if (s.parentId) problems.push(`home ${s._id} must not have a parent`);
      continue;
    }
    const parent = s.parentId ? byId.get(s.parentId) : undefined;
    if (!parent) problems.push(`station ${s._id} has no valid parent`);
    else if (KIND_RANK[parent.kind] <= KIND_RANK[s.kind]) problems.push(`station ${s._id} must sit under a higher level`);
    const ladder = escalationLadder(s._id, network.stations);
    if (byId.get(ladder[ladder.length - 1])?.kind !== 'home') problems.push(`station ${s._id} does not reach the home`);
  }
  for (const c of network.communities) {
    if (!byId.has(c.stationId)) problems.push(`community ${c._id} has unknown station ${c.stationId}`);
    if (deputiesForCommunity(c._id, network.deputies).length === 0) problems.push(`community ${c._id} has no active deputy`);
  }
  return problems;
}
