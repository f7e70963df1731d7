/**
 * The held-content queue: text the check marked for review (or could not check) and that has no held status
 * of its own record — a deputy's reply, progress or transfer note, a rating comment, a project milestone — and
 * images waiting for a person. Staff release an entry (it is applied then, as its author asked, or fails if
 * the record moved on) or refuse it with a reason its author reads.
 */
import type { QueuedKind } from '../contentCheck';
import { refuse, type Refusal } from '../outcome';

export type HeldKind = QueuedKind | 'image';
export const HELD_STATUSES = ['held', 'released', 'refused', 'failed'] as const;
export type HeldStatus = (typeof HELD_STATUSES)[number];

export const HELD_KIND_LABELS: Record<HeldKind, string> = {
  'appeal.reply': '答复',
  'appeal.progress': '办理进展',
  'appeal.transfer': '交办说明',
  'appeal.rating_comment': '评价留言',
  'project.milestone': '项目进度',
  image: '图片',
};

/** What the author is told when their text is held instead of sent. */
export function heldMessage(kind: HeldKind): string {
  return `您提交的${HELD_KIND_LABELS[kind]}需经工作人员审核，审核通过后才会显示和通知对方`;
}

export interface HeldDecision {
  ok: true;
  to: Exclude<HeldStatus, 'held'>;
  /** Told to the author when refused. */
  notice?: { title: string; body: string };
}

/** Staff's decision on a held entry; the release itself is applied by the capability that owns the record. */
export function decideHeld(entry: { status: HeldStatus; kind: HeldKind }, decision: 'release' | 'refuse', reason: string | undefined): HeldDecision | Refusal {
  if (entry.status !== 'held') return refuse('FAILED_PRECONDITION', '这条内容已经处理过了');
  if (decision === 'release') return { ok: true, to: 'released' };
  if (!reason || reason.trim().length < 2) return refuse('INVALID_ARGUMENT', '不通过时请写明原因（至少 2 个字），提交人会看到它');
  const label = HELD_KIND_LABELS[entry.kind];
  return { ok: true, to: 'refused', notice: { title: `您提交的${label}未通过审核`, body: `原因：${reason.trim()}。请修改后重新提交。` } };
}
