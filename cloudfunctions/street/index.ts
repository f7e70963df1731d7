import { compileDraft } from '../_capabilities/legislation/compile';
import * as street from '../_capabilities/street/spreadsheet';
import { serve } from '../_platform/handler';

/** 街道网络 from a spreadsheet (import/export), and the legislation submission sheet (汇总梳理, contracts/legislation.manifest.ts). */
export const actions = {
  importStreet: street.importStreet,
  exportStreet: street.exportStreet,
  compileDraft,
};

export const main = serve('street', actions, { admin: { importStreet: street.adminImportStreet } });
