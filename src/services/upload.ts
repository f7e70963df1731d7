// Type-level default. Builds pick upload.weapp.ts or upload.h5.ts instead (same exports).

/** A picked photo before upload: `preview` shows it right away, `source` is what the platform uploads. */
export interface PickedImage {
  preview: string;
  source: unknown;
  ext: string;
}

export async function pickImages(_count: number): Promise<PickedImage[]> {
  return [];
}

/** Uploads to cloud storage at cloudPath; answers the cloud fileID (cloud://…). */
export async function uploadImage(_image: PickedImage, _cloudPath: string): Promise<string> {
  throw new Error('当前平台暂不支持上传图片');
}

/** Something an <Image src> can show for a cloud fileID. */
export function imageSrc(fileId: string): string {
  return fileId;
}
