/**
 * 码上见代表: what a printed 小程序码 carries in its scene (≤ 32 characters) and which page it opens. A station's
 * or a deputy's code opens the appeal form with it chosen; an activity's code opens the deputy's check-in.
 */
export type CodeKind = 'station' | 'deputy' | 'activity';

const PREFIX: Record<CodeKind, string> = { station: 's', deputy: 'd', activity: 'a' };
export const APPEAL_FORM_PAGE = 'packages/appeal/pages/new/index';
export const CHECK_IN_PAGE = 'packages/deputy/pages/presence/index';

export const codePage = (kind: CodeKind): string => (kind === 'activity' ? CHECK_IN_PAGE : APPEAL_FORM_PAGE);

export function sceneOf(kind: CodeKind, id: string): string {
  return `${PREFIX[kind]}=${id}`.slice(0, 32);
}

/** A scanned scene (URL-encoded by WeChat when passed in the page query) → what it names; null if not ours. */
export function parseScene(raw: string | undefined | null): { kind: CodeKind; id: string } | null {
  if (!raw) return null;
  let scene = raw;
  try {
    scene = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const m = /^([sda])=([A-Za-z0-9_-]{1,30})$/.exec(scene);
  if (!m) return null;
  const kind = (Object.keys(PREFIX) as CodeKind[]).find((k) => PREFIX[k] === m[1])!;
  return { kind, id: m[2] };
}
