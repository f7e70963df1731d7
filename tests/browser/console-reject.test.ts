// Console-first moderation: a clerk rejects an appeal by editing its record in the (local) cloud console;
// the reconciler applies it through the domain path; the resident reads the reason in the app.
import { heldAppeal } from '../factories/appeals';
import { staffMember } from '../factories/people';
import { requireBuilds, runtimeSession, shown, WAIT } from './h5';

requireBuilds();
const env = runtimeSession();

test('a clerk rejects an appeal in the console with staffDecision/staffReason → reconcile → the resident sees the reason', async () => {
  const { rt, s } = env;
  const reason = '该问题属于小区业主大会自治事项，请先向业委会反映';
  // The content check asks for a person to look at it: it waits in pending_review.
  const held = await heldAppeal(rt, { content: '小区东门的快递柜占用消防通道，希望挪走' });
  const staff = await staffMember(rt);
  const { id, trackingNo } = held;

  // The console: appeals → the record → edit the JSON → 保存.
  const page = s.page;
  await page.goto(`${rt.url}/console`);
  await page.locator('button[data-collection="appeals"]').click();
  await page.locator(`.doc[data-id="${id}"]`).click();
  const editor = page.locator('#editor');
  await page.waitForFunction((docId) => (document.getElementById('editor') as HTMLTextAreaElement).value.includes(docId), id, WAIT);
  const doc = JSON.parse(await editor.inputValue());
  expect(doc.status).toBe('pending_review');
  doc.staffDecision = 'reject';
  doc.staffReason = reason;
  await editor.fill(JSON.stringify(doc, null, 2));
  await page.locator('#saveBtn').click();
  await page.locator('#msg').filter({ hasText: '已保存' }).waitFor(WAIT);

  // Saved, not yet applied: the app still says 待审核 until the timer runs.
  expect((await rt.ok<{ status: string }>('appeal', { action: 'detail', id }, held.resident)).status).toBe('pending_review');
  const res = await fetch(`${rt.url}/api/dev/trigger/reconcile`, { method: 'POST' });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, data: { applied: 1, flagged: 0 } });

  // The resident, in the h5 app: the appeal detail shows 未受理 and the clerk's reason.
  await s.as(held.resident, `pages/appeal-detail/index?id=${id}`);
  const shownReason = shown(page, '[data-testid="reject-reason"]');
  await shownReason.waitFor(WAIT);
  expect((await shownReason.textContent())?.trim()).toBe(reason);
  expect(await shown(page, '[data-testid="status"]').first().textContent()).toBe('未受理');

  // Staff see where the decision came from: the audit entry's source is the console.
  const history = (await rt.ok<{ items: { action: string; source: string; note?: string }[] }>('staff', { action: 'history', entityType: 'appeal', entityId: id }, staff)).items;
  expect(history.find((e) => e.action === 'reject')).toMatchObject({ source: 'console' });
  await s.as(staff, `packages/staff/pages/history/index?type=appeal&id=${id}&no=${trackingNo}`);
  await shown(page, '[data-testid="history-entry"]').filter({ hasText: '不予受理' }).filter({ hasText: '云开发控制台' }).first().waitFor(WAIT);
}, 60_000);
