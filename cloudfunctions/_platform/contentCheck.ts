import type { getCloud } from './cloud';

import type { ContentVerdict } from '../../domain/contentCheck';

export type { ContentVerdict };

/**
 * security.msgSecCheck v2. Decides on result.suggest, never on errcode alone. Any failure or a slow answer
 * is 'error': the caller keeps the content and holds it for staff review, never publishing it unchecked.
 */
export async function checkText(cloud: ReturnType<typeof getCloud>, openid: string, content: string, scene: 1 | 2 | 3 | 4, timeoutMs = 2500): Promise<{ verdict: ContentVerdict; traceId?: string; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const call = cloud.openapi.security.msgSecCheck({ openid, scene, version: 2, content: content.slice(0, 2500) }) as Promise<{ result?: { suggest?: string }; traceId?: string }>;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('msgSecCheck timed out')), timeoutMs); });
    const res = await Promise.race([call, timeout]);
    const suggest = res?.result?.suggest;
    if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return { verdict: suggest, traceId: res.traceId };
    return { verdict: 'error', error: `unexpected suggest ${String(suggest)}` };
  } catch (err) {
    return { verdict: 'error', error: String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? err).slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Several fields a person wrote, checked as one text (one msgSecCheck call, each field on its own line with
 * its label): the verdict covers them all. Nothing to check is a pass.
 */
export async function checkTexts(cloud: ReturnType<typeof getCloud>, openid: string, parts: readonly (readonly [label: string, text: string | undefined])[], scene: 1 | 2 | 3 | 4 = 2): Promise<{ verdict: ContentVerdict; traceId?: string; error?: string }> {
  const lines = parts.filter(([, text]) => typeof text === 'string' && text.trim() !== '').map(([label, text]) => (label ? `${label}：${text}` : String(text)));
  if (lines.length === 0) return { verdict: 'pass' };
  return checkText(cloud, openid, lines.join('\n'), scene);
}
