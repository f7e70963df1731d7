/**
 * What WeChat's content check (security.msgSecCheck) decides for text people write: publish it, hold it for
 * staff review (the check asked for review, or could not answer), or refuse it.
 */
export type ContentVerdict = 'pass' | 'review' | 'risky' | 'error';

export type ContentPath = 'publish' | 'hold' | 'refuse';

export function contentPath(verdict: ContentVerdict): ContentPath {
  if (verdict === 'pass') return 'publish';
  return verdict === 'risky' ? 'refuse' : 'hold';
}
