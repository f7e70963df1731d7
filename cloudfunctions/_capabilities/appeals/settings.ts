import { createHash } from 'node:crypto';
import type { SlaView } from '../../../contracts/staff';
import { DEFAULT_SLA, normaliseSla, type SlaSettings } from '../../../domain/appeals/supervision';
import { appendAudit } from '../../_platform/audit';
import { findById, type Db } from '../../_platform/db';
import { forget, warm } from '../../_platform/warm';

/** Service levels (settings document `sla`): staff edit them in the app or the cloud console. */
export function loadSla(db: Db): Promise<SlaView> {
  return warm('settings:sla', async () => normaliseSla(await findById(db, 'settings', 'sla')));
}

/** Fingerprint of the SLA values in a settings document: tells app writes from console edits. */
export function slaHash(doc: Record<string, unknown>): string {
  const values = Object.fromEntries(Object.keys(DEFAULT_SLA).map((k) => [k, doc[k] ?? null]));
  return createHash('sha1').update(JSON.stringify(values)).digest('hex').slice(0, 16);
}

/** Staff change some service levels in the app (audited). */
export async function updateSla(db: Db, changes: Partial<SlaSettings>, by: string, at: Date): Promise<SlaView> {
  const before = (await findById(db, 'settings', 'sla')) ?? {};
  const { sla } = normaliseSla({ ...before, ...changes });
  forget('settings:sla');
  const doc = { ...sla, applied: sla, appliedHash: slaHash(sla as unknown as Record<string, unknown>), problems: [], updatedAt: at, updatedBy: by };
  await db.collection('settings').doc('sla').set({ data: doc });
  await appendAudit(db, { entityType: 'setting', entityId: 'sla', action: 'update', actorOpenid: by, actorRole: 'staff', source: 'app', from: JSON.stringify(normaliseSla(before).sla), to: JSON.stringify(sla), at });
  return { sla, problems: [] };
}

/** Settings edited in the console are noticed, audited (source console) and their problems recorded. */
export async function reconcileSla(db: Db, at: Date): Promise<{ settingsChanged: boolean; problems?: string[] }> {
  const doc = await findById(db, 'settings', 'sla');
  if (!doc) return { settingsChanged: false };
  const hash = slaHash(doc);
  if (doc.appliedHash === hash) return { settingsChanged: false };
  const { sla, problems } = normaliseSla(doc);
  const res = await db.collection('settings').where({ _id: 'sla', appliedHash: doc.appliedHash ?? null }).update({
    data: { appliedHash: hash, applied: db.command.set(sla), problems, updatedAt: at },
  });
  if (res.stats.updated !== 1) return { settingsChanged: false };
  await appendAudit(db, { entityType: 'setting', entityId: 'sla', action: 'update', actorRole: 'staff', source: 'console', from: JSON.stringify(doc.applied ?? DEFAULT_SLA), to: JSON.stringify(sla), at, note: problems.length ? problems.join('；') : undefined });
  return { settingsChanged: true, problems };
}
