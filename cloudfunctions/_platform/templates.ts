import wechat from '../../config/wechat.json';

export type TemplateKey = keyof typeof wechat.subscribeTemplates;

export interface TemplateConfig {
  templateId: string;
  title: string;
  fields: Record<string, string>;
  page: string;
}

/** Subscribe templates come from config/wechat.json, never from code. */
export function template(key: TemplateKey): TemplateConfig {
  return wechat.subscribeTemplates[key] as TemplateConfig;
}

export const TEMPLATE_KEYS = Object.keys(wechat.subscribeTemplates) as TemplateKey[];

export function isTemplateKey(value: string): value is TemplateKey {
  return (TEMPLATE_KEYS as string[]).includes(value);
}
