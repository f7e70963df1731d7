import * as street from '../_capabilities/street/spreadsheet';
import { serve } from '../_platform/handler';

/** 街道网络: import the street's communities, stations, deputy roster and categories from a spreadsheet. */
export const actions = {
  importStreet: street.importStreet,
  exportStreet: street.exportStreet,
};

export const main = serve('street', actions, { admin: { importStreet: street.adminImportStreet } });
