import Taro from '@tarojs/taro';
import type { PickedFile } from './files';

/** A spreadsheet from a WeChat chat (the usual way a clerk's file reaches a phone). */
export async function pickSpreadsheet(): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    const f = res.tempFiles[0];
    return f ? { name: f.name, size: f.size, source: f.path } : null;
  } catch {
    return null; // cancelled
  }
}

export async function openDocument(url: string, _name: string): Promise<void> {
  const { tempFilePath } = await Taro.downloadFile({ url });
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
}
