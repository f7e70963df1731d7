import Taro from '@tarojs/taro';
import { templateId, type TemplateKey } from './templates';

export const subscribeSimulated: boolean = false;

/** wx.requestSubscribeMessage (≤ 5 templates, only after a tap); refusal or failure → []. */
export async function requestTemplates(keys: TemplateKey[]): Promise<TemplateKey[] | null> {
  const ids = keys.slice(0, 5).map(templateId);
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    return keys.filter((key) => res[templateId(key)] === 'accept');
  } catch {
    return []; // refused the dialog, turned reminders off in settings, or bad template ids
  }
}
