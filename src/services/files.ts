// Type-level default. Builds pick files.weapp.ts or files.h5.ts instead (same exports).

/** A document the user picked (a .xlsx): `source` is what the platform uploads (see upload.ts). */
export interface PickedFile {
  name: string;
  size: number;
  source: unknown;
}

export async function pickSpreadsheet(): Promise<PickedFile | null> {
  return null;
}

/** Opens a downloaded document (an exported .xlsx) for the user to view or forward. */
export async function openDocument(_url: string, _name: string): Promise<void> {
  throw new Error('当前平台暂不支持打开文件');
}
