import * as v from 'valibot';
import { exportStreetInput, fileIdSchema, importStreetInput, type StreetExport, type StreetImportResult } from '../../contracts/street';
import { sheetsFromPlan } from '../../domain/street';
import { demoStreetPlan } from '../../database/seed/street';
import type { getCloud } from '../_lib/cloud';
import type { Db } from '../_lib/db';
import { AppError } from '../_lib/errors';
import { action, adminAction, defineFunction } from '../_lib/handler';
import { currentPlan, importStreet, type ImportRequest } from '../_lib/street';
import { MAX_FILE_BYTES, readStreetBook, writeStreetBook } from '../_lib/streetBook';

/** 街道网络: import the street's communities, stations, deputy roster and categories from a spreadsheet. */
const STAFF = ['staff'] as const;

async function download(cloud: ReturnType<typeof getCloud>, fileID: string): Promise<Buffer> {
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

async function importFile(db: Db, cloud: ReturnType<typeof getCloud>, fileId: string, req: Omit<ImportRequest, 'sheets' | 'fileId'>): Promise<StreetImportResult> {
  const book = await readStreetBook(await download(cloud, fileId));
  if (!book.ok) return { imported: false, dryRun: !!req.dryRun, errors: book.errors, warnings: [], counts: emptyCounts(), summary: '表格无法读取，未导入任何数据' };
  return importStreet(db, { ...req, sheets: book.sheets, fileId });
}

const emptyCounts = (): StreetImportResult['counts'] => ({
  communities: { created: 0, updated: 0, unchanged: 0, kept: [] },
  stations: { created: 0, updated: 0, unchanged: 0, kept: [] },
  deputies: { created: 0, updated: 0, unchanged: 0, kept: [] },
  categories: { created: 0, updated: 0, unchanged: 0, kept: [] },
});

export const main = defineFunction(
  'street',
  {
    /** Check (dryRun) or import an uploaded .xlsx; row problems come back as a list, nothing half-written. */
    importStreet: action({
      input: importStreetInput,
      roles: STAFF,
      run: async (input, { db, cloud, user, now }): Promise<StreetImportResult> => importFile(db, cloud, input.fileId, { at: now(), actorOpenid: user.openid, actorRole: 'staff', source: 'app', dryRun: input.dryRun }),
    }),
    /** The current street as a spreadsheet to edit and import again (the demo street as the example when empty). */
    exportStreet: action({
      input: exportStreetInput,
      roles: STAFF,
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
    }),
  },
  {},
  {
    /** The deployer's import (npm run import:street), invoked without a WeChat identity. */
    importStreet: adminAction({
      input: v.object({ action: v.literal('importStreet'), fileId: fileIdSchema, dryRun: v.optional(v.boolean('应为是或否')) }),
      run: async (input, { db, cloud, now }) => importFile(db, cloud, input.fileId, { at: now(), actorRole: 'system', source: 'deploy', dryRun: input.dryRun }),
    }),
  },
);
