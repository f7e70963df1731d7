/** exceljs's Workbook class on its own (without the CSV and streaming parts): what the functions bundle. */
declare module 'exceljs/lib/doc/workbook' {
  import type { Workbook } from 'exceljs';
  const WorkbookClass: typeof Workbook;
  export = WorkbookClass;
}
