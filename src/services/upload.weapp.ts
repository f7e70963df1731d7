import Taro from '@tarojs/taro';
import type { PickedImage } from './upload';

export async function pickImages(count: number): Promise<PickedImage[]> {
  if (count <= 0) return [];
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFiles.map((f) => ({ preview: f.tempFilePath, source: f.tempFilePath, ext: extOf(f.tempFilePath) }));
  } catch {
    return []; // cancelled
  }
}

function extOf(path: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(path);
  return m ? m[1].toLowerCase() : 'jpg';
}

export async function uploadImage(image: PickedImage, cloudPath: string): Promise<string> {
  const res = await Taro.cloud.uploadFile({ cloudPath, filePath: String(image.source) });
  return res.fileID;
}

/** The <Image> component shows cloud:// fileIDs directly on weapp. */
export function imageSrc(fileId: string): string {
  return fileId;
}
