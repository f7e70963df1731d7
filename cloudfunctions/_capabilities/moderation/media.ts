/**
 * Images people attach (appeal photos, proposal images, milestone photos). An image may only be a file the
 * caller uploaded into their own folder (`u/<their user id>/…`) of this environment's storage. It is sent to
 * security.mediaCheckAsync when first attached (mediaCheck.ts); WeChat answers later with a wxa_media_check
 * message push (onMediaCheck). Until it passes, only its uploader and staff see it (domain/contentCheck.ts).
 */
import { imageCheckOf, imageVisible, type ImageCheck, type ImageViewer } from '../../../domain/contentCheck';
import type { Db } from '../../_platform/db';
import type { UserDoc } from '../../_platform/users';
import { holdContent, mediaId, settleMedia, type MediaDoc } from './writer';

/** The storage folder a person uploads into (the mini-program reads it from user.whoami). */
export const uploadDirOf = (user: Pick<UserDoc, '_id'>): string => `u/${user._id}`;

/** cloud://<env>.<bucket>/<path> → its env and path. */
export function parseFileId(fileId: string): { env: string; path: string } | null {
  const m = /^cloud:\/\/([A-Za-z0-9_-]+)\.[^/]+\/(.+)$/.exec(fileId);
  if (!m || m[2].split('/').some((seg) => seg === '..' || seg === '.' || seg === '')) return null;
  return { env: m[1], path: m[2] };
}

/** Why an image id is refused, or null: another environment, or not in the caller's own folder. */
export function imageProblem(fileId: string, user: Pick<UserDoc, '_id'>, env: string | undefined): string | null {
  const parsed = parseFileId(fileId);
  if (!parsed) return '不是有效的图片';
  if (!env || parsed.env !== env) return '图片不是在本小程序上传的，请重新上传';
  if (!parsed.path.startsWith(`${uploadDirOf(user)}/`)) return '只能使用您本人上传的图片，请重新上传';
  return null;
}

export async function holdImage(db: Db, m: MediaDoc, verdict: 'review' | 'error', at: Date): Promise<void> {
  await holdContent(db, { kind: 'image', entityType: 'media', entityId: m._id, label: '图片', authorOpenid: m.ownerOpenid, text: m.fileId, payload: { fileId: m.fileId }, verdict, createdAt: at });
}

/** The media records of some file ids (by their ids, 100 a query). */
export async function imageDocs(db: Db, fileIds: readonly string[]): Promise<Map<string, MediaDoc>> {
  const out = new Map<string, MediaDoc>();
  const ids = [...new Set(fileIds)].map(mediaId);
  for (let i = 0; i < ids.length; i += 100) {
    const rows = (await db.collection('media').where({ _id: db.command.in(ids.slice(i, i + 100)) }).limit(100).get()).data as unknown as MediaDoc[];
    for (const r of rows) out.set(r.fileId, r);
  }
  return out;
}

/** Each image's check (an image nobody claimed through a function counts as unchecked). */
export async function imageChecks(db: Db, fileIds: readonly string[]): Promise<Map<string, ImageCheck>> {
  const docs = await imageDocs(db, fileIds);
  return new Map(fileIds.map((f) => [f, docs.get(f)?.check ?? 'error']));
}

/** The images a viewer may see, in their order. */
export async function visibleImages(db: Db, fileIds: readonly string[] | undefined, viewer: ImageViewer): Promise<string[]> {
  const list = fileIds ?? [];
  if (list.length === 0 || viewer === 'staff') return [...list];
  const checks = await imageChecks(db, list);
  return list.filter((f) => imageVisible(checks.get(f), viewer));
}

/** Public views of several records at once: one lookup, then a filter per record. */
export async function publicImageFilter(db: Db, fileIds: readonly string[]): Promise<(images: readonly string[] | undefined) => string[]> {
  const checks = await imageChecks(db, fileIds);
  return (images) => (images ?? []).filter((f) => imageVisible(checks.get(f), 'other'));
}

export interface MediaCheckPush {
  MsgType: 'event';
  Event: 'wxa_media_check';
  FromUserName?: string;
  trace_id?: string;
  result?: { suggest?: string; label?: unknown };
}

/**
 * The wxa_media_check message push: the asynchronous verdict for one trace id. Only a push naming a trace id
 * WeChat gave us (stored server-side, never sent to a client) changes anything, and only the first answer
 * for it; review holds the image for staff.
 */
export async function onMediaCheck(db: Db, push: MediaCheckPush, at: Date): Promise<{ matched: boolean; check?: ImageCheck }> {
  const traceId = typeof push.trace_id === 'string' ? push.trace_id : '';
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(traceId)) return { matched: false };
  const found = (await db.collection('media').where({ traceId }).limit(1).get()).data[0] as unknown as MediaDoc | undefined;
  if (!found) return { matched: false };
  const check = imageCheckOf(push.result?.suggest);
  if (!(await settleMedia(db, found._id, check, at, ['checking']))) return { matched: true, check: found.check };
  if (check === 'review' || check === 'error') await holdImage(db, found, check, at);
  return { matched: true, check };
}

