import type { getCloud } from './cloud';

export type ContentVerdict = 'pass' | 'review' | 'risky' | 'error';

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
