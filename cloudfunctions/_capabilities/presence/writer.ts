/**
 * The one writer of the presence collections: stationProfiles, receptionRoster, activities, mediations,
 * claimAttempts. A change to an activity or a mediation case is read, decided by the domain and written in
 * one transaction with its audit entries and duty points. (Walk-in appeals go through the appeals writer.)
 */
import type { ActivityDecision } from '../../../domain/presence/activities';
import type { MediationOutcome } from '../../../domain/presence/mediation';
import type { RosterSlot } from '../../../domain/presence/roster';
import { rosterSlotId } from '../../../domain/presence/roster';
import type { Refusal } from '../../../domain/outcome';
import { appendAudit, appendNotes, type AuditSource } from '../../_platform/audit';
import { findById, insertOnce, type Db, type Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { enqueueNotice, type Notice } from '../../_platform/outbox';
import { retryOnConflict } from '../../_platform/retry';
import { writeDutyPoints, type KnownEntries } from '../duty/ledger';

interface By {
  openid: string;
  role: 'deputy' | 'staff';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * An activity or a mediation case earns duty points only as it leaves 'open' (settled; closed with an
 * agreement), once: while open it has produced none, so its entries are inserted without a lookup.
 */
const earnedNone = (current: Doc): KnownEntries | null => (current.status === 'open' ? { ids: [], reversed: [] } : null);

/** Objects in a patch replace the stored ones (the SDK would merge them field by field). */
const replacing = (db: Db, data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([k, v]) => k !== '_id' && v !== undefined).map(([k, v]) => [k, isPlainObject(v) ? db.command.set(v) : v]));

/** A station's profile (hours, intro, location): the import owns the station itself, staff own this. */
export async function saveStationProfile(db: Db, stationId: string, profile: { hours: string; intro: string; location: { latitude: number; longitude: number } | null }, by: By, at: Date): Promise<void> {
  const before = await findById(db, 'stationProfiles', stationId);
  await db.collection('stationProfiles').doc(stationId).set({ data: { ...profile, updatedAt: at, updatedBy: by.openid } });
  await appendAudit(db, { entityType: 'station', entityId: stationId, action: 'save_profile', actorOpenid: by.openid, actorRole: by.role, source: 'app', from: before?.hours ?? '', to: profile.hours, at });
}

/** Replace who receives at a station on one half-day; a slot already reminded keeps its reminder mark. */
export async function replaceRosterSlot(db: Db, key: { stationId: string; day: string; half: string }, slots: (RosterSlot & { deputyName: string; stationName: string })[], by: By, at: Date): Promise<void> {
  const existing = (await db.collection('receptionRoster').where({ stationId: key.stationId, day: key.day, half: key.half }).limit(20).get()).data;
  const keep = new Set(slots.map((s) => rosterSlotId(s)));
  for (const old of existing) if (!keep.has(old._id)) await db.collection('receptionRoster').doc(old._id).remove();
  const stored = new Set(existing.map((e) => e._id));
  for (const s of slots) if (!stored.has(rosterSlotId(s))) await insertOnce(db, 'receptionRoster', { _id: rosterSlotId(s), ...s, remindedAt: null, createdAt: at, createdBy: by.openid });
  await appendAudit(db, {
    entityType: 'station', entityId: key.stationId, action: 'set_roster', actorOpenid: by.openid, actorRole: by.role, source: 'app', at,
    from: existing.map((e) => e.deputyName).join('、'), to: slots.map((s) => s.deputyName).join('、'), note: `${key.day} ${key.half === 'am' ? '上午' : '下午'}`,
  });
}

/** A reminder is sent once per slot (or invitation): the mark is set only if it was not set before. */
export async function markReminded(db: Db, collection: 'receptionRoster' | 'activities', id: string, at: Date): Promise<boolean> {
  const res = await db.collection(collection).where({ _id: id, remindedAt: null }).update({ data: { remindedAt: at } });
  return res.stats.updated === 1;
}

export async function queueReminder(db: Db, notice: Notice, at: Date): Promise<string> {
  return enqueueNotice(db, notice, at);
}

export async function createActivity(db: Db, doc: Doc, by: By, at: Date): Promise<boolean> {
  const created = await insertOnce(db, 'activities', doc);
  if (created) await appendAudit(db, { entityType: 'activity', entityId: doc._id, action: 'create', actorOpenid: by.openid, actorRole: by.role, source: 'app', to: 'open', at, note: `${doc.title as string}（邀请 ${(doc.invitees as unknown[]).length} 位代表）` });
  return created;
}

/** Change an activity: decided on the state the transaction reads; audit and duty points in the same unit. */
export async function changeActivity(db: Db, id: string, decide: (current: Doc) => ActivityDecision, source: AuditSource, at: Date): Promise<Doc> {
  return retryOnConflict(() =>
    db.runTransaction(async (tx) => {
      const current = await findById(tx, 'activities', id);
      if (!current) throw new AppError('NOT_FOUND', '没有找到这次活动');
      const outcome = orRefuse(decide(current));
      const flat = outcome.patch.report ? { reportStatus: outcome.patch.report.status } : {};
      const data = { ...outcome.patch, ...flat, version: (current.version ?? 0) + 1, updatedAt: at };
      await tx.collection('activities').doc(id).update({ data: replacing(db, data) });
      await appendNotes(tx, { type: 'activity', id }, outcome.audit, source, at);
      await writeDutyPoints(tx, outcome.points, earnedNone(current));
      return { ...current, ...data } as Doc;
    }),
  );
}

export async function createMediation(db: Db, doc: Doc, by: By, at: Date): Promise<boolean> {
  const created = await insertOnce(db, 'mediations', doc);
  if (created) await appendAudit(db, { entityType: 'mediation', entityId: doc._id, action: 'open', actorOpenid: by.openid, actorRole: by.role, source: 'app', to: 'open', at });
  return created;
}

export async function changeMediation(db: Db, id: string, decide: (current: Doc) => MediationOutcome | Refusal, at: Date): Promise<Doc> {
  return retryOnConflict(() =>
    db.runTransaction(async (tx) => {
      const current = await findById(tx, 'mediations', id);
      if (!current) throw new AppError('NOT_FOUND', '没有找到这个调解案件');
      const outcome = orRefuse(decide(current));
      const data = { ...outcome.patch, version: (current.version ?? 0) + 1, updatedAt: at };
      await tx.collection('mediations').doc(id).update({ data: replacing(db, data) });
      await appendNotes(tx, { type: 'mediation', id }, outcome.audit, 'app', at);
      await writeDutyPoints(tx, outcome.points, earnedNone(current));
      return { ...current, ...data } as Doc;
    }),
  );
}

/** Count one failed claim of a person today; answers the count after it. */
export async function countFailedClaim(db: Db, openid: string, day: string, at: Date): Promise<number> {
  const id = `${openid}_${day}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  const created = await insertOnce(db, 'claimAttempts', { _id: id, openid, day, count: 1, at });
  if (created) return 1;
  await db.collection('claimAttempts').doc(id).update({ data: { count: db.command.inc(1), at } });
  return ((await findById(db, 'claimAttempts', id))?.count as number | undefined) ?? 1;
}

export async function failedClaims(db: Db, openid: string, day: string): Promise<number> {
  const id = `${openid}_${day}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return ((await findById(db, 'claimAttempts', id))?.count as number | undefined) ?? 0;
}
