import fs from 'node:fs';
import path from 'node:path';
import type { IPluginContext } from '@tarojs/service';
import { PLACEHOLDER_APPIDS } from '../wechat-config';

/**
 * The AppID lives in config/wechat.json, not in project.config.json (which keeps the tourist AppID so a
 * fresh clone opens in DevTools without an account). A real AppID is written into the weapp output's
 * project.config.json — the folder miniprogram-ci uploads and DevTools may open.
 */
export default (ctx: IPluginContext, opts: { appid?: string }) => {
  ctx.onBuildFinish(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    const appid = opts?.appid;
    if (!appid || PLACEHOLDER_APPIDS.includes(appid)) return;
    const file = path.join(ctx.paths.outputPath, 'project.config.json');
    if (!fs.existsSync(file)) return;
    const copy = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (copy.appid === appid) return;
    copy.appid = appid;
    fs.writeFileSync(file, `${JSON.stringify(copy, null, 2)}\n`);
  });
};
