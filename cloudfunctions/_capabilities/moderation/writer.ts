/** The one writer of held content (the staff review queue) and image checks (media). */
import { createHash } from 'node:crypto';
import type { ContentVerdict, ImageCheck } from '../../../domain/contentCheck';
import type { HeldKind, HeldStatus } from '../../../domain/moderation/held';
import { appendAudit } from '../../_platform/audit';
import { findById, insertOnce, type Db, type Doc } from '../../_platform/db';
import { AppError } from '../../_platform/errors';

export interface HeldDoc {
  _id: string;
  kind: HeldKind;
  /** What it belongs to: an appeal, a project, an image (media). */
  entityType: 'appeal' | 'project' | 'media';
  entityId: string;
  /** How staff recognise the record: a tracking number, a project title. */
  label: string;
  authorOpenid: string;
  /** The text as its author wrote it (for an image: its file id). */
  text: string;
  /** What applying it needs (the command's input). */
  payload: Record<string, unknown>;
  verdict: ContentVerdict;
  status: HeldStatus;
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
  reason?: string;
}

export interface MediaDoc {
  _id: string;
  fileId: string;
  ownerOpenid: string;
  check: ImageCheck;
  traceId?: string;
  error?: string;
  createdAt: Date;
  updatedAt: Date;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
export const mediaId = (fileId: string) => hash(`media\n${fileId}`);

/** Hold a text (or an image) for staff; the same submission held twice is one entry. */
export async function holdContent(db: Db, entry: Omit<HeldDoc, '_id' | 'status'>): Promise<HeldDoc> {
  const doc: HeldDoc = { _id: hash(`${entry.kind}\n${entry.entityId}\n${entry.authorOpenid}\n${JSON.stringify(entry.payload)}`), status: 'held', ...entry };
  await insertOnce(db, 'heldContent', doc as unknown as Doc);
  return doc;
}

/** Settle a held entry once: only from `held` (a second staff member's decision is a CONFLICT). */
export async function settleHeld(db: Db, entry: HeldDoc, to: Exclude<HeldStatus, 'held'>, by: string, at: Date, reason?: string): Promise<void> {
  const res = await db.collection('heldContent').where({ _id: entry._id, status: 'held' }).update({ data: { status: to, decidedAt: at, decidedBy: by, ...(reason ? { reason } : {}) } });
  if (res.stats.updated !== 1) throw new AppError('CONFLICT', '这条内容已被其他工作人员处理');
  await appendAudit(db, { entityType: 'moderation', entityId: entry._id, action: `held_${to}`, actorOpenid: by, actorRole: 'staff', source: 'app', from: 'held', to, at, ...(reason ? { note: reason } : {}), data: { kind: entry.kind, entityType: entry.entityType, entityId: entry.entityId } });
}

export const findHeld = async (db: Db, id: string) => (await findById(db, 'heldContent', id)) as unknown as HeldDoc | null;

/** A new image check (idempotent per file id). */
export async function recordMedia(db: Db, doc: MediaDoc): Promise<void> {
  await insertOnce(db, 'media', doc as unknown as Doc);
}

/** The check's answer, applied once: only while it is still being checked (or unchecked, on a late push). */
export async function settleMedia(db: Db, id: string, check: ImageCheck, at: Date, from: ImageCheck[] = ['checking', 'error']): Promise<boolean> {
  const res = await db.collection('media').where({ _id: id, check: db.command.in(from) }).update({ data: { check, updatedAt: at } });
  return res.stats.updated === 1;
}

/** A released entry its owner could no longer apply (the record moved on): kept with the reason. */
export async function markHeldFailed(db: Db, id: string, reason: string): Promise<void> {
  await db.collection('heldContent').where({ _id: id, status: 'released' }).update({ data: { status: 'failed', reason } });
}
