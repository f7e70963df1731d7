import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** Cloud storage backed by files under DATA_DIR/storage. File ids look like the cloud's: cloud://<env>.local/<path>. */
export class LocalStorage {
  constructor(
    private readonly root: string,
    private readonly env: string,
    private readonly baseUrl: () => string,
    /** Signs upload URLs: only a URL handed out by storage.getUploadMetadata can write a file. */
    private readonly uploadSecret: string = randomBytes(24).toString('hex'),
  ) {
    mkdirSync(root, { recursive: true });
  }

  fileIdFor(cloudPath: string): string {
    return `cloud://${this.env}.local/${cloudPath}`;
  }

  pathOf(fileIdOrPath: string): string | undefined {
    const cloudPath = fileIdOrPath.startsWith('cloud://') ? fileIdOrPath.replace(/^cloud:\/\/[^/]+\//, '') : fileIdOrPath;
    const clean = normalize(cloudPath).replace(/^(\.\.(\/|\\|$))+/, '');
    if (!clean || clean.startsWith('/') || clean.includes('..')) return undefined;
    return join(this.root, clean);
  }

  private sign(cloudPath: string): string {
    return createHmac('sha256', this.uploadSecret).update(cloudPath).digest('hex');
  }

  /** True when `signature` is the one uploadMetadata handed out for this path. */
  mayUpload(cloudPath: string, signature: string | null): boolean {
    const want = Buffer.from(this.sign(cloudPath));
    const got = Buffer.from(signature ?? '');
    return got.length === want.length && timingSafeEqual(got, want);
  }

  uploadMetadata(cloudPath: string): Record<string, unknown> {
    const token = this.sign(cloudPath);
    return {
      url: `${this.baseUrl()}/__storage/upload/${encodeURIComponent(cloudPath)}?sign=${token}`,
      token,
      authorization: token,
      fileId: this.fileIdFor(cloudPath),
      cosFileId: token,
      download_url: this.downloadUrl(cloudPath),
    };
  }

  downloadUrl(cloudPath: string): string {
    return `${this.baseUrl()}/__storage/files/${cloudPath.split('/').map(encodeURIComponent).join('/')}`;
  }

  write(cloudPath: string, content: Buffer): boolean {
    const file = this.pathOf(cloudPath);
    if (!file) return false;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return true;
  }

  read(cloudPath: string): Buffer | undefined {
    const file = this.pathOf(cloudPath);
    return file && existsSync(file) ? readFileSync(file) : undefined;
  }

  /** Reply items as the cloud gives them (the SDK maps code SUCCESS to status 0). */
  downloadList(fileIds: string[], maxAge = 7200): { fileID: string; tempFileURL: string; code: string; maxAge: number }[] {
    return fileIds.map((fileID) => {
      const file = this.pathOf(fileID);
      const ok = !!file && existsSync(file);
      const cloudPath = fileID.replace(/^cloud:\/\/[^/]+\//, '');
      return { fileID, tempFileURL: ok ? this.downloadUrl(cloudPath) : '', code: ok ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST', maxAge };
    });
  }
}
