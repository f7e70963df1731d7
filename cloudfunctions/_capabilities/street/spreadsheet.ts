/** 街道网络 from a spreadsheet: import (checked first, nothing half-written) and export. Only `street` bundles exceljs. */
import { adminImportStreetInput, type StreetExport, type StreetImportResult } from '../../../contracts/street';
import { streetManifest } from '../../../contracts/street.manifest';
import { demoStreetPlan } from '../../../database/seed/street';
import { sheetsFromPlan } from '../../../domain/street';
import type { getCloud } from '../../_platform/cloud';
import type { Db } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { adminAction, useCase } from '../../_platform/handler';
import { staffMember } from '../../_platform/permissions';
import { currentPlan, importStreet as importSheets, type ImportRequest } from './importStreet';
import { MAX_FILE_BYTES, readStreetBook, writeStreetBook } from './streetBook';

const { street } = streetManifest;

type Cloud = ReturnType<typeof getCloud>;

async function download(cloud: Cloud, fileID: string): Promise<Buffer> {
  let res: { fileContent?: Buffer };
  try {
    res = (await cloud.downloadFile({ fileID })) as { fileContent?: Buffer };
  } catch {
    throw new AppError('NOT_FOUND', '没有找到上传的表格文件，请重新上传');
  }
  if (!res.fileContent || res.fileContent.length === 0) throw new AppError('NOT_FOUND', '没有找到上传的表格文件，请重新上传');
  if (res.fileContent.length > MAX_FILE_BYTES) throw new AppError('INVALID_ARGUMENT', '表格文件不能超过 2 MB');
  return res.fileContent;
}

const emptyCounts = (): StreetImportResult['counts'] => ({
  communities: { created: 0, updated: 0, unchanged: 0, kept: [] },
  stations: { created: 0, updated: 0, unchanged: 0, kept: [] },
  deputies: { created: 0, updated: 0, unchanged: 0, kept: [] },
  categories: { created: 0, updated: 0, unchanged: 0, kept: [] },
});

async function importFile(db: Db, cloud: Cloud, fileId: string, req: Omit<ImportRequest, 'sheets' | 'fileId'>): Promise<StreetImportResult> {
  const book = await readStreetBook(await download(cloud, fileId));
  if (!book.ok) return { imported: false, dryRun: !!req.dryRun, errors: book.errors, warnings: [], counts: emptyCounts(), summary: '表格无法读取，未导入任何数据' };
  return importSheets(db, { ...req, sheets: book.sheets, fileId });
}

/** Check (dryRun) or import an uploaded .xlsx; row problems come back as a list, nothing half-written. */
export const importStreet = useCase(street.importStreet, {
  permission: staffMember,
  run: async (input, { db, cloud, user, now }) => importFile(db, cloud, input.fileId, { at: now(), actorOpenid: user.openid, actorRole: 'staff', source: 'app', dryRun: input.dryRun }),
});

/** The current street as a spreadsheet to edit and import again (the demo street as the example when empty). */
export const exportStreet = useCase(street.exportStreet, {
  permission: staffMember,
  run: async (_input, { db, cloud, now }): Promise<StreetExport> => {
    const plan = await currentPlan(db);
    const blank = plan.communities.length === 0 && plan.stations.length === 0;
    const buffer = blank
      ? await writeStreetBook(sheetsFromPlan(demoStreetPlan()), { title: '连心桥 · 街道网络导入模板', note: '示例：表中是虚构的“清河街道”，请整行替换为本街道的数据后导入。' })
      : await writeStreetBook(sheetsFromPlan(plan), { title: '连心桥 · 街道网络（当前数据）', note: '这是当前已导入的数据：修改后可在“导入街道”中重新导入，按编码更新。' });
    const stamp = now().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const { fileID } = await cloud.uploadFile({ cloudPath: `street/export-${stamp}.xlsx`, fileContent: buffer });
    const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL?: string }[] };
    return { fileId: fileID, url: fileList[0]?.tempFileURL ?? '', blank };
  },
});

/** The deployer's import (npm run import:street), invoked without a WeChat identity. */
export const adminImportStreet = adminAction({
  input: adminImportStreetInput,
  run: async (input, { db, cloud, now }) => importFile(db, cloud, input.fileId, { at: now(), actorRole: 'system', source: 'deploy', dryRun: input.dryRun }),
});
