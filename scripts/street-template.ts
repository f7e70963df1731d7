// npm run street:template — writes database/seed/street-template.xlsx from the demo street (清河街道), so
// the template a clerk fills in is always the same network the default seed has (a test checks it).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoStreetPlan } from '../database/seed/street';
import { sheetsFromPlan } from '../domain/street';
import { writeStreetBook } from '../cloudfunctions/_capabilities/street/streetBook';

export const TEMPLATE_PATH = join(resolve(__dirname, '..'), 'database', 'seed', 'street-template.xlsx');
export const TEMPLATE_TITLE = '连心桥 · 街道网络导入模板';
export const TEMPLATE_NOTE = '示例：表中是虚构的“清河街道”，请整行替换为本街道的数据后导入（小程序“工作人员后台 → 导入街道”，或 npm run import:street -- 文件.xlsx）。';

export async function writeTemplate(path = TEMPLATE_PATH): Promise<number> {
  const buffer = await writeStreetBook(sheetsFromPlan(demoStreetPlan()), { title: TEMPLATE_TITLE, note: TEMPLATE_NOTE });
  writeFileSync(path, buffer);
  return buffer.length;
}

if (require.main === module) {
  writeTemplate().then((bytes) => console.log(`wrote ${TEMPLATE_PATH} (${bytes} B)`));
}
