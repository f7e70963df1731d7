import { adopt, mayCompile, mayRecordOffline } from '../../domain/legislation/commands';
import { liaisonPoints, pointFormula } from '../../domain/legislation/points';
import { compileOpinions, legislativeYear, submissionRows, yearFromTallies, type OpinionTally } from '../../domain/legislation/submission';
import { liaisonUnits, pastLegislation } from '../../database/seed/legislation';
import { stations } from '../../database/seed/street';
import { chinaYear } from '../../domain/time';

const draft = { sections: [{ _id: 's1', title: '第一条 登记' }, { _id: 's2', title: '第二条 出户' }] };
const op = (id: string, sectionId: string | null, pointId: string | null, pointName: string | null = pointId) => ({ _id: id, sectionId, content: `意见${id}`, pointId, pointName });

describe('1+17+N points', () => {
  it('counts the demo street as 1 home, 17 stations and contact points and its units', () => {
    const points = liaisonPoints(stations, liaisonUnits);
    expect(pointFormula(points)).toBe(`1+17+${liaisonUnits.length}`);
    expect(points[0]).toMatchObject({ _id: 'home', group: '代表之家' });
    expect(points[points.length - 1]).toMatchObject({ kind: 'unit', group: '联系单位' });
  });
});

describe('汇总梳理', () => {
  it('groups opinions by article (unknown sections and the whole draft last) with counts and sources', () => {
    const c = compileOpinions(draft, [op('a', 's2', 'st1'), op('b', null, null), op('c', 's2', 'u03', '清河人民法庭'), op('d', 's9', 'st1')]);
    expect(c.total).toBe(4);
    expect(c.sections.map((s) => [s.title, s.count])).toEqual([['第一条 登记', 0], ['第二条 出户', 2], ['总体意见', 2]]);
    expect(c.byPoint).toEqual([{ pointId: 'st1', pointName: 'st1', count: 2 }, { pointId: 'online', pointName: '线上（小程序）', count: 1 }, { pointId: 'u03', pointName: '清河人民法庭', count: 1 }]);
    expect(submissionRows(c).map((r) => `${r.article}#${r.no}`)).toEqual(['第二条 出户#1', '第二条 出户#2', '总体意见#1', '总体意见#2']);
  });
  it('compiles once, after the consultation, with something to send; offline entries stop when it is sent', () => {
    const d = { opensAt: new Date('2026-11-01T00:00:00Z'), closesAt: new Date('2026-11-20T00:00:00Z'), sections: [{ _id: 's1' }] };
    const after = new Date('2026-11-21T00:00:00Z');
    expect(mayCompile(d, 3, new Date('2026-11-10T00:00:00Z'))).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(mayCompile(d, 0, after)).toMatchObject({ ok: false });
    expect(mayCompile(d, 3, after)).toEqual({ ok: true });
    expect(mayCompile({ ...d, submittedAt: after }, 3, after)).toMatchObject({ ok: false });
    expect(mayRecordOffline(d, 's1', after)).toEqual({ ok: true });
    expect(mayRecordOffline({ ...d, submittedAt: after }, 's1', after)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
  it('records the higher congress’s adoption only for a submitted opinion', () => {
    expect(adopt('adopted', '已写入修改稿第一条', false)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(adopt('adopted', '已写入修改稿第一条', true)).toMatchObject({ ok: true, label: '全部采纳' });
  });
});

describe('a year’s legislative figures', () => {
  it('counts the drafts opened in the year and their opinions, by point', () => {
    const drafts = [{ _id: 'd1', opensAt: '2025-03-01T02:00:00Z' }, { _id: 'd2', opensAt: '2025-12-31T17:00:00Z' /* 2026 in China */ }];
    const o = (draftId: string, adoption: 'adopted' | 'partially_adopted' | 'not_adopted' | 'pending', pointId: string | null, submitted = true, visible = true) => ({ draftId, adoption, pointId, pointName: pointId, submitted, visible });
    const y = legislativeYear(2025, drafts, [o('d1', 'adopted', 'st1'), o('d1', 'partially_adopted', 'st1'), o('d1', 'not_adopted', null), o('d1', 'pending', 'u01', false), o('d1', 'pending', 'u01', true, false), o('d2', 'adopted', 'st1')]);
    expect(y).toMatchObject({ year: 2025, draftsConsulted: 1, opinionsCollected: 4, submitted: 3, adopted: 1, partiallyAdopted: 1, notAdopted: 1, awaiting: 0 });
    expect(y.byPoint[0]).toEqual({ pointId: 'st1', pointName: 'st1', collected: 2, submitted: 2, adopted: 1, partiallyAdopted: 1 });
  });
  it('the seed reports 11 drafts, 170 opinions submitted, 5 fully and 7 partly adopted — the same for any year it is generated for', () => {
    for (const year of [2025, 2031]) {
      const past = pastLegislation(year);
      expect(past.drafts.every((d) => chinaYear(d.opensAt) === year && chinaYear(d.submittedAt) === year)).toBe(true);
      const y = legislativeYear(year, past.drafts, past.opinions);
      expect(y).toMatchObject({ draftsConsulted: 11, opinionsCollected: 170, submitted: 170, adopted: 5, partiallyAdopted: 7 });
      expect(new Set(past.opinions.map((p) => p.pointKind))).toEqual(new Set(['home', 'station', 'contact_point', 'unit']));
      expect(past.drafts.every((d) => /人大常委会$/.test(d.issuingBody))).toBe(true);
    }
    expect(pastLegislation(2025)).toEqual(pastLegislation(2025));
  });
  it('counted alike (as one aggregate answers), the opinions give the same figures', () => {
    const past = pastLegislation(2025);
    const tallies = new Map<string, OpinionTally>();
    for (const o of past.opinions.filter((x) => x.visible)) {
      const key = JSON.stringify([o.submitted, o.adoption, o.pointId, o.pointName]);
      const t = tallies.get(key) ?? { submitted: o.submitted, adoption: o.adoption, pointId: o.pointId, pointName: o.pointName, count: 0 };
      t.count += 1;
      tallies.set(key, t);
    }
    expect(yearFromTallies(2025, past.drafts.length, [...tallies.values()])).toEqual(legislativeYear(2025, past.drafts, past.opinions));
  });
});
