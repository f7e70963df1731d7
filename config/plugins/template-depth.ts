import type { IPluginContext } from '@tarojs/service';

/**
 * WeChat templates cannot recurse, so base.wxml (main package) holds one copy of a component's template
 * per level it may nest in. Taro gives views and texts every level (baseLevel) and scroll-view four. A
 * component with a cap is counted by its own kind only — a scroll-view at any depth uses level 0 unless
 * it sits inside another scroll-view — so components this app never nests in themselves need few copies.
 * tests/weapp/template-depth.test.ts holds the pages to these caps.
 */
export const TEMPLATE_DEPTH: Record<string, number> = {
  'scroll-view': 1, // the pulse table only; never inside another
  'catch-view': 2, // dialog masks (catchMove); a dialog never opens inside another
  text: 3, // Text in Text in Text at the most
  'static-text': 3,
};

export default (ctx: IPluginContext) => {
  ctx.modifyComponentConfig(({ config }: { config: { template?: { nestElements?: Map<string, number> } } }) => {
    const nest = config.template?.nestElements;
    if (!nest) return;
    for (const [name, depth] of Object.entries(TEMPLATE_DEPTH)) if (nest.has(name)) nest.set(name, depth);
  });
};
