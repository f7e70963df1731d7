/**
 * Attaching images: the one place that calls security.mediaCheckAsync (only the functions that accept
 * images bundle it, and declare the permission in their config.json).
 */
import type { getCloud } from '../../_platform/cloud';
import type { Db } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import type { UserDoc } from '../../_platform/users';
import { holdImage, imageDocs, imageProblem } from './media';
import { mediaId, recordMedia, type MediaDoc } from './writer';

type Cloud = ReturnType<typeof getCloud>;

async function startCheck(cloud: Cloud, fileId: string, openid: string): Promise<{ traceId?: string; error?: string; missing?: true }> {
  try {
    const { fileList } = (await cloud.getTempFileURL({ fileList: [fileId] })) as { fileList: { status?: number; tempFileURL?: string }[] };
    const url = fileList[0]?.tempFileURL;
    if (fileList[0]?.status !== 0 || !url) return { missing: true };
    const res = (await cloud.openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, scene: 2, openid })) as { traceId?: string; trace_id?: string };
    const traceId = res?.traceId ?? res?.trace_id;
    return traceId ? { traceId } : { error: 'no trace id' };
  } catch (err) {
    return { error: String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? err).slice(0, 200) };
  }
}

/**
 * Accept the images a person attaches: each must be theirs (see imageProblem) and exist; a new one is sent
 * to the asynchronous check (a call that fails leaves it unchecked and queued for staff). Answers the ids.
 */
export async function claimImages(ctx: { db: Db; cloud: Cloud; user: UserDoc; now: () => Date }, fileIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(fileIds)];
  if (ids.length === 0) return [];
  const env = ctx.cloud.getWXContext().ENV as string | undefined;
  for (const fileId of ids) {
    const problem = imageProblem(fileId, ctx.user, env);
    if (problem) throw new AppError('INVALID_ARGUMENT', problem);
  }
  const known = await imageDocs(ctx.db, ids);
  for (const fileId of ids) {
    const seen = known.get(fileId);
    if (seen) {
      if (seen.ownerOpenid !== ctx.user.openid) throw new AppError('INVALID_ARGUMENT', '只能使用您本人上传的图片，请重新上传');
      continue;
    }
    const started = await startCheck(ctx.cloud, fileId, ctx.user.openid);
    if (started.missing) throw new AppError('INVALID_ARGUMENT', '图片不存在或已删除，请重新上传');
    const at = ctx.now();
    const doc: MediaDoc = { _id: mediaId(fileId), fileId, ownerOpenid: ctx.user.openid, check: started.traceId ? 'checking' : 'error', createdAt: at, updatedAt: at, ...(started.traceId ? { traceId: started.traceId } : {}), ...(started.error ? { error: started.error } : {}) };
    await recordMedia(ctx.db, doc);
    if (doc.check === 'error') await holdImage(ctx.db, doc, 'error', at);
  }
  return ids;
}

