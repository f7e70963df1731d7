/**
 * The one moderation policy for what people write or upload that another person will see. Text goes through
 * WeChat's security.msgSecCheck, images through security.mediaCheckAsync. `pass` publishes; `review`, or a
 * checker that could not answer (`error`), holds the content for staff — nothing is shown to anyone but its
 * author and staff, nor pushed, until it passes; `risky` is refused with a reason in Chinese.
 */
import { refuse, type Refusal } from './outcome';

export type ContentVerdict = 'pass' | 'review' | 'risky' | 'error';

export type ContentPath = 'publish' | 'hold' | 'refuse';

export function contentPath(verdict: ContentVerdict): ContentPath {
  if (verdict === 'pass') return 'publish';
  return verdict === 'risky' ? 'refuse' : 'hold';
}

/** Several fields checked as one: the strictest verdict decides (risky, then unchecked, then review). */
export function worstVerdict(verdicts: readonly ContentVerdict[]): ContentVerdict {
  for (const v of ['risky', 'error', 'review'] as const) if (verdicts.includes(v)) return v;
  return 'pass';
}

/**
 * Every field a person writes that someone else reads, by kind: the msgSecCheck scene (2 = comment) and the
 * reason a risky text is refused with. A held kind that is not a status of its own record (a reply, a note,
 * a rating comment, a milestone) waits in the held-content queue for staff.
 */
export const MODERATED_TEXT = {
  appeal: { scene: 2, fields: ['content', 'contact.name', 'location.name'], refusal: '诉求内容未通过安全检查，请修改后重新提交', queued: false },
  'appeal.reply': { scene: 2, fields: ['content'], refusal: '答复内容未通过安全检查，请修改后再提交', queued: true },
  'appeal.progress': { scene: 2, fields: ['note'], refusal: '进展说明未通过安全检查，请修改后再提交', queued: true },
  'appeal.transfer': { scene: 2, fields: ['department', 'note'], refusal: '交办说明未通过安全检查，请修改后再提交', queued: true },
  'appeal.rating_comment': { scene: 2, fields: ['comment'], refusal: '评价内容未通过安全检查，请修改后再提交', queued: true },
  proposal: { scene: 2, fields: ['title', 'description'], refusal: '建议内容未通过安全检查，请修改后重新提交', queued: false },
  comment: { scene: 2, fields: ['content'], refusal: '意见内容未通过安全检查，请修改后再提交', queued: false },
  'project.milestone': { scene: 2, fields: ['milestone'], refusal: '进度说明未通过安全检查，请修改后再提交', queued: true },
} as const;

export type ModeratedKind = keyof typeof MODERATED_TEXT;
/** Kinds whose held text waits in the queue (their record has no held status of its own). */
export type QueuedKind = { [K in ModeratedKind]: (typeof MODERATED_TEXT)[K]['queued'] extends true ? K : never }[ModeratedKind];

/** What to do with a text of this kind: publish it, hold it, or the refusal a risky one gets. */
export function screen(kind: ModeratedKind, verdict: ContentVerdict): { ok: true; path: 'publish' | 'hold' } | Refusal {
  const path = contentPath(verdict);
  return path === 'refuse' ? refuse('CONTENT_REJECTED', MODERATED_TEXT[kind].refusal) : { ok: true, path };
}

/** An image's check: `checking` until WeChat's asynchronous answer (wxa_media_check) arrives. */
export type ImageCheck = 'checking' | ContentVerdict;

/** The answer of a wxa_media_check push (result.suggest), as an image check. */
export function imageCheckOf(suggest: unknown): ImageCheck {
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'error';
}

/** Who looks at an image: its uploader, staff, or anyone else (a deputy, the public). */
export type ImageViewer = 'uploader' | 'staff' | 'other';

/** Only a passed image is shown to others; its uploader and staff see it while it is checked or held. */
export function imageVisible(check: ImageCheck | undefined, viewer: ImageViewer): boolean {
  if (viewer === 'staff') return true;
  if (viewer === 'uploader') return check !== 'risky';
  return check === 'pass';
}

/** Staff decide a held image (review, or the check could not answer): pass shows it, risky hides it for good. */
export function decideImage(check: ImageCheck, decision: 'release' | 'refuse'): { ok: true; to: ImageCheck } | Refusal {
  if (check === 'pass' || check === 'risky') return refuse('FAILED_PRECONDITION', '这张图片已审核过');
  return { ok: true, to: decision === 'release' ? 'pass' : 'risky' };
}
