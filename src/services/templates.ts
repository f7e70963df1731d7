// Subscribe-message templates: ids and titles come from config/wechat.json, never from code.
import wechat from '../../config/wechat.json';

export type TemplateKey = keyof typeof wechat.subscribeTemplates;

export const TEMPLATE_KEYS = Object.keys(wechat.subscribeTemplates) as TemplateKey[];

export function templateId(key: TemplateKey): string {
  return wechat.subscribeTemplates[key].templateId;
}

export function templateTitle(key: TemplateKey): string {
  return wechat.subscribeTemplates[key].title;
}

/** Which reminders make sense for whom: residents follow their appeals, deputies also get new and supervised ones. */
export function templatesFor(role: string | undefined): TemplateKey[] {
  return role === 'deputy' || role === 'staff' ? TEMPLATE_KEYS : TEMPLATE_KEYS.filter((k) => k === 'appealStatus');
}
