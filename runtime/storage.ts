import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** Cloud storage backed by files under DATA_DIR/storage. File ids look like the cloud's: cloud://<env>.local/<path>. */
export class LocalStorage {
  constructor(
    private readonly root: string,
    private readonly env: string,
    private readonly baseUrl: () => string,
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

  uploadMetadata(cloudPath: string): Record<string, unknown> {
    const token = createHash('sha1').update(cloudPath).digest('hex');
    return {
      url: `${this.baseUrl()}/__storage/upload/${encodeURIComponent(cloudPath)}`,
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
