import { routeAppeal, type RoutingDeputy } from '../../domain/appeals/routing';

const deputy = (id: string, communityIds: string[], specialties: string[], active = true): RoutingDeputy => ({ _id: id, stationId: 's', communityIds, specialties, active });

const roster = [
  deputy('d2', ['c1'], ['housing']),
  deputy('d1', ['c1'], ['traffic']),
  deputy('d3', ['c1', 'c2'], ['housing']),
  deputy('d9', ['c1'], ['housing'], false),
];

describe('appeal routing', () => {
  it('prefers a deputy whose specialty matches the category', () => {
    const d = routeAppeal({ communityId: 'c1', category: 'traffic' }, roster, new Map([['d1', 10]]));
    expect(d).toMatchObject({ rule: 'specialty', chosen: 'd1' });
    expect(d.candidates.map((c) => c.deputyId)).toEqual(['d1', 'd2', 'd3']);
  });
  it('among specialty matches takes the fewest open appeals', () => {
    const d = routeAppeal({ communityId: 'c1', category: 'housing' }, roster, new Map([['d2', 3], ['d3', 1]]));
    expect(d.chosen).toBe('d3');
  });
  it('breaks ties by deputy id, deterministically', () => {
    const d = routeAppeal({ communityId: 'c1', category: 'housing' }, roster, new Map());
    expect(d.chosen).toBe('d2');
    expect(routeAppeal({ communityId: 'c1', category: 'housing' }, [...roster].reverse(), new Map()).chosen).toBe('d2');
  });
  it('falls back to the roster by load when no specialty matches', () => {
    const d = routeAppeal({ communityId: 'c1', category: 'elderly' }, roster, new Map([['d1', 2], ['d2', 2], ['d3', 0]]));
    expect(d).toMatchObject({ rule: 'roster', chosen: 'd3' });
  });
  it('never routes to an inactive deputy', () => {
    const d = routeAppeal({ communityId: 'c1', category: 'housing' }, roster, new Map([['d2', 5], ['d3', 5]]));
    expect(d.candidates.map((c) => c.deputyId)).not.toContain('d9');
  });
  it('sends a community without deputies to triage, saying why in Chinese', () => {
    const d = routeAppeal({ communityId: 'c7', category: 'housing' }, roster, new Map(), { community: '杏花村' });
    expect(d).toEqual({ rule: 'none', candidates: [], reason: '杏花村暂无值班代表，已交街道人大工委分派' });
  });
  it('explains the choice with names', () => {
    const d = routeAppeal({ communityId: 'c2', category: 'housing' }, roster, new Map(), { community: '柳岸社区', category: '住房物业', deputy: () => '张丽华' });
    expect(d.reason).toBe('柳岸社区的值班代表中，张丽华代表擅长住房物业领域，已转给张丽华代表');
  });
});
