import fs from 'node:fs';
import path from 'node:path';
import type { IPluginContext } from '@tarojs/service';

/**
 * Taro copies project.config.json into the weapp output with miniprogramRoot rewritten to "./"
 * but keeps cloudfunctionRoot as written (relative to the repo root). Re-point it so DevTools
 * works when opening dist/weapp too: dist/weapp → ../cloudfunctions/ (= dist/cloudfunctions).
 */
export default (ctx: IPluginContext) => {
  ctx.onBuildFinish(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    const { appPath, outputPath } = ctx.paths;
    const file = path.join(outputPath, 'project.config.json');
    const source = path.join(appPath, 'project.config.json');
    if (!fs.existsSync(file) || !fs.existsSync(source)) return;
    const original = JSON.parse(fs.readFileSync(source, 'utf8'));
    const copy = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!original.cloudfunctionRoot) return;
    const target = path.resolve(appPath, original.cloudfunctionRoot);
    const relative = path.relative(outputPath, target).split(path.sep).join('/');
    const next = `${relative}/`;
    if (copy.cloudfunctionRoot === next) return;
    copy.cloudfunctionRoot = next;
    fs.writeFileSync(file, `${JSON.stringify(copy, null, 2)}\n`);
  });
};
