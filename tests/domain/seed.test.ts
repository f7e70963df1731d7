import { validateNetwork } from '../../domain/network';
import { categories, communities, deputies, stations, users } from '../../database/seed/street';

describe('seeded street network', () => {
  it('has the documented shape', () => {
    expect(communities).toHaveLength(17);
    expect(stations.filter((s) => s.kind === 'home')).toHaveLength(1);
    expect(stations.filter((s) => s.kind === 'station')).toHaveLength(6);
    expect(stations.filter((s) => s.kind === 'contact_point')).toHaveLength(11);
    expect(deputies.length).toBeGreaterThanOrEqual(12);
    expect(users.filter((u) => u.role === 'staff').length).toBeGreaterThanOrEqual(2);
    expect(users.filter((u) => u.role === 'resident').length).toBeGreaterThanOrEqual(3);
    expect(categories.length).toBeGreaterThan(5);
  });
  it('is a sound network: every community reaches a deputy and every station the home', () => {
    expect(validateNetwork({ stations, communities, deputies })).toEqual([]);
  });
  it('lists each community at exactly one station', () => {
    const listed = stations.flatMap((s) => s.communityIds).sort();
    expect(listed).toEqual(communities.map((c) => c._id).sort());
  });
});
