// 码上见代表 end to end: a resident scans a deputy's printed code, the appeal form opens with that deputy
// chosen, and the appeal lands with that deputy (not the one routing would otherwise pick).
import { uniqueTag } from '../factories/ids';
import { resident, staffMember } from '../factories/people';
import { presenceCorner } from '../factories/presence';
import { requireBuilds, runtimeSession, shown, shownText, WAIT } from './h5';

requireBuilds('presence');
const env = runtimeSession();

test('a resident scans a deputy’s code → the form has that deputy chosen → the appeal reaches that deputy', async () => {
  const { rt, s } = env;
  const page = s.page;
  const corner = await presenceCorner(rt);
  const chosen = corner.deputies[1];
  // The code staff print carries the scene; WeChat opens its page with ?scene=<url-encoded scene>.
  const code = await rt.ok('presence', { action: 'code', kind: 'deputy', id: chosen.deputyId }, await staffMember(rt));
  const who = await resident(rt, { communityId: corner.community._id });
  const content = `扫码反映：楼道堆放杂物影响通行 ${uniqueTag()}`;

  await s.as(who, `${code.page}?scene=${encodeURIComponent(code.scene)}`);
  await shown(page, '[data-testid="chosen-by-code"]').filter({ hasText: `${chosen.name}代表` }).waitFor(WAIT);
  const category = (await rt.ok('directory', { action: 'categories' }, who)).find((c: { _id: string }) => c._id === corner.category);
  await shownText(page, category.name).click();
  await shown(page, '[data-testid="field-community"]').filter({ hasText: corner.community.name }).waitFor(WAIT);
  await shown(page, '[data-testid="field-content"] textarea').fill(content);
  await shown(page, '[data-testid="submit"]').click();
  await shown(page, '[data-testid="submit-success"]').waitFor(WAIT);
  await shownText(page, `办理代表：${chosen.name} 代表`).waitFor(WAIT);
  await shownText(page, `您选择了${chosen.name}代表，已转给${chosen.name}代表`).waitFor(WAIT);

  const queue = await rt.ok('deputy', { action: 'queue' }, chosen.openid);
  expect(queue.items.map((i: { summary: string }) => i.summary).join('\n')).toContain(content.slice(0, 10));
  expect((await rt.ok('deputy', { action: 'queue' }, corner.deputies[0].openid)).items).toEqual([]);
}, 90_000);
