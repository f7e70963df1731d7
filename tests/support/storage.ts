import type { RunningRuntime } from './runtime';

/** Upload bytes to the runtime's cloud storage the way the mini-program does; answers the cloud file id. */
export async function uploadToStorage(rt: RunningRuntime, cloudPath: string, content: Buffer): Promise<string> {
  const meta = await fetch(rt.adminUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'storage.getUploadMetadata', path: cloudPath }) }).then((r) => r.json());
  const put = await fetch(meta.data.url, { method: 'PUT', body: content });
  if (!put.ok) throw new Error(`upload failed: ${put.status}`);
  return meta.data.fileId as string;
}

export { dbQuery } from './console';
