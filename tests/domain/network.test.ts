import { escalationLadder } from '../../domain/appeals/escalation';
import { deputiesForCommunity, validateNetwork, type Network } from '../../domain/network';

const network = (): Network => ({
  stations: [
    { _id: 'home', kind: 'home' },
    { _id: 'st1', kind: 'station', parentId: 'home' },
    { _id: 'cp1', kind: 'contact_point', parentId: 'st1' },
  ],
  communities: [
    { _id: 'c1', stationId: 'cp1' },
    { _id: 'c2', stationId: 'st1' },
  ],
  deputies: [
    { _id: 'd1', stationId: 'cp1', communityIds: ['c1'], active: true },
    { _id: 'd2', stationId: 'st1', communityIds: ['c2', 'c1'], active: true },
    { _id: 'd3', stationId: 'st1', communityIds: ['c2'], active: false },
  ],
});

describe('escalation ladder', () => {
  it('climbs contact point → station → home', () => {
    expect(escalationLadder('cp1', network().stations)).toEqual(['cp1', 'st1', 'home']);
  });
  it('stops on a cycle instead of looping', () => {
    const stations = [
      { _id: 'a', kind: 'station' as const, parentId: 'b' },
      { _id: 'b', kind: 'station' as const, parentId: 'a' },
    ];
    expect(escalationLadder('a', stations)).toEqual(['a', 'b']);
  });
  it('is empty for an unknown station', () => {
    expect(escalationLadder('nope', network().stations)).toEqual([]);
  });
});

describe('deputies for a community', () => {
  it('lists only active deputies on the roster', () => {
    expect(deputiesForCommunity('c2', network().deputies).map((d) => d._id)).toEqual(['d2']);
    expect(deputiesForCommunity('c1', network().deputies).map((d) => d._id)).toEqual(['d1', 'd2']);
  });
});

describe('network validation', () => {
  it('accepts a sound network', () => {
    expect(validateNetwork(network())).toEqual([]);
  });
  it('reports a community nobody serves', () => {
    const n = network();
    n.communities.push({ _id: 'c3', stationId: 'cp1' });
    expect(validateNetwork(n)).toEqual(['community c3 has no active deputy']);
  });
  it('reports an inverted hierarchy and a missing home', () => {
    const n = network();
    n.stations = [
      { _id: 'st1', kind: 'station', parentId: 'cp1' },
      { _id: 'cp1', kind: 'contact_point', parentId: 'st1' },
    ];
    const problems = validateNetwork(n);
    expect(problems).toContain("expected exactly one deputies' home, found 0");
    expect(problems).toContain('station st1 must sit under a higher level');
  });
});
