import * as v from 'valibot';

/** A cloud storage file id as the mini-program's uploadFile returns it: cloud://<env>/<path>, no "..". */
export const fileIdSchema = v.pipe(
  v.string('应为文本'),
  v.maxLength(300, '过长'),
  v.regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/, '不是有效的文件'),
  v.check((s) => !s.includes('..'), '不是有效的文件'),
);

export const importStreetInput = v.object({ action: v.literal('importStreet'), fileId: fileIdSchema, dryRun: v.optional(v.boolean('应为是或否')) });
export const exportStreetInput = v.object({ action: v.literal('exportStreet') });
/** The deployer's import (npm run import:street): an admin event, no WeChat identity. */
export const adminImportStreetInput = v.object({ action: v.literal('importStreet'), fileId: fileIdSchema, dryRun: v.optional(v.boolean('应为是或否')) });

/** One problem (or warning) of an import, as the staff page lists it. */
export interface StreetIssue {
  sheet: string;
  row?: number;
  column?: string;
  message: string;
  text: string;
}

export interface StreetImportResult {
  imported: boolean;
  dryRun: boolean;
  errors: StreetIssue[];
  warnings: StreetIssue[];
  counts: Record<'communities' | 'stations' | 'deputies' | 'categories', { created: number; updated: number; unchanged: number; kept: string[] }>;
  summary: string;
}

export interface StreetExport {
  fileId: string;
  url: string;
  /** true when the street is still empty and the file is the blank template. */
  blank: boolean;
}
