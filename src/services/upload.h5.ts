// H5 against the local cloud runtime: the two steps of the SDK's uploadFile — a signed upload URL for one
// path (asked with the h5 identity; /admin serves only the runtime's own SDK), then PUT the bytes to it.
// Local development only: a hosted h5 would need an authenticated upload endpoint instead.
import { resolveDevOpenid } from './identity';
import type { PickedImage } from './upload';

const MAX_BYTES = 10 * 1024 * 1024;

export function pickImages(count: number): Promise<PickedImage[]> {
  if (count <= 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.multiple = count > 1;
    input.style.display = 'none';
    const done = (files: File[]) => {
      input.remove();
      resolve(
        files
          .filter((f) => f.type.startsWith('image/') && f.size <= MAX_BYTES)
          .slice(0, count)
          .map((f) => ({ preview: URL.createObjectURL(f), source: f, ext: extOf(f) })),
      );
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    document.body.appendChild(input);
    input.click();
  });
}

function extOf(file: File): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(file.name);
  if (m) return m[1].toLowerCase();
  return file.type.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'jpg';
}

export async function uploadImage(image: PickedImage, cloudPath: string): Promise<string> {
  const openid = await resolveDevOpenid();
  const meta = await fetch('/api/storage/upload-url', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(openid ? { 'X-WX-OPENID': openid } : {}) },
    body: JSON.stringify({ path: cloudPath }),
  }).then((r) => r.json());
  const url: unknown = meta?.data?.url;
  const fileId: unknown = meta?.data?.fileId;
  if (typeof url !== 'string' || typeof fileId !== 'string') throw new Error('上传失败');
  // Same origin as the page, whatever host name the runtime reported.
  const u = new URL(url, window.location.href);
  const put = await fetch(u.pathname + u.search, { method: 'PUT', body: image.source as Blob });
  if (!put.ok) throw new Error('上传失败');
  return fileId;
}

/** cloud://<env>/<path> → the runtime's file URL. */
export function imageSrc(fileId: string): string {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  if (!m) return fileId;
  return `/__storage/files/${m[1].split('/').map(encodeURIComponent).join('/')}`;
}
