/**
 * The 回音壁 (echo wall): a closed appeal reaches the public only when its resident publishes it, after seeing
 * the exact public text — a redacted copy made from the appeal and the deputy's reply (redact.ts). The copy is
 * what the wall shows, never the live text; staff may edit (redacted again) or withdraw it.
 */
import { refuse, type AuditNote, type Refusal } from '../outcome';
import type { ActorRole } from '../outcome';
import { redactForPublic } from './redact';
import type { AppealActor, AppealOutcome, AppealState } from './state';

export const WALL_SUMMARY_MAX = 60;
export const WALL_REPLY_MAX = 1000;

/** What the public reads of one appeal. */
export interface WallCopy {
  summary: string;
  reply: string;
}

/** The stored public copy, with when it was published, edited or withdrawn. */
export interface WallEntry extends WallCopy {
  publishedAt: Date;
  editedAt?: Date;
  withdrawnAt?: Date;
  withdrawReason?: string;
}

const chars = (s: string) => Array.from(s.replace(/\s+/g, ' ').trim());
const cut = (s: string, max: number) => {
  const c = chars(s);
  return c.length <= max ? c.join('') : c.slice(0, max - 1).join('') + '…';
};

/** The public copy: redacted first (names known to the appeal plus the ones the text introduces), then cut. */
export function wallCopy(state: Pick<AppealState, 'content' | 'reply'>, names: readonly string[]): WallCopy {
  return { summary: cut(redactForPublic(state.content, names), WALL_SUMMARY_MAX), reply: cut(redactForPublic(state.reply?.content ?? '', names), WALL_REPLY_MAX) };
}

/** A short fingerprint of a copy (FNV-1a, 2 × 32 bit): publish proves the resident saw exactly this text. */
export function wallDigest(copy: WallCopy): string {
  const text = `${copy.summary}\u0000${copy.reply}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a >>> 13), 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export type WallInput =
  | { command: 'publish'; digest: string; names: readonly string[] }
  | { command: 'wall_edit'; summary?: string; reply?: string; names: readonly string[] }
  | { command: 'wall_withdraw'; reason: string };

const NOT_FOUND = refuse('NOT_FOUND', '没有找到这条诉求');

function staffRole(actor: AppealActor): ActorRole | null {
  if (actor.kind === 'console') return 'staff';
  return actor.kind === 'person' && actor.role === 'staff' ? 'staff' : null;
}

function outcome(state: AppealState, command: WallInput['command'], patch: AppealOutcome['patch'], audit: AuditNote, events: AppealOutcome['events'] = []): AppealOutcome {
  return { ok: true, command, from: state.status, to: state.status, patch, audit: [audit], events };
}

/** Publish (the submitter, a closed appeal, the copy previewed), edit or withdraw (staff, a published one). */
export function decideWall(state: AppealState, actor: AppealActor, input: WallInput, now: Date): AppealOutcome | Refusal {
  if (input.command === 'publish') {
    if (actor.kind !== 'person' || actor.openid !== state.submitterOpenid) return NOT_FOUND;
    if (state.status !== 'closed') return refuse('FAILED_PRECONDITION', '诉求办结后才能公开到回音壁');
    if (state.publish) return refuse('CONFLICT', '这条诉求已经公开在回音壁上');
    const copy = wallCopy(state, input.names);
    if (wallDigest(copy) !== input.digest) return refuse('CONFLICT', '公开的内容有了变化，请重新预览后再确认');
    return outcome(state, 'publish', { publish: true, wall: { ...copy, publishedAt: now } }, { action: 'publish', actorRole: 'resident', actorOpenid: actor.openid, from: state.status, to: state.status, note: '居民确认公开到回音壁' });
  }
  const role = staffRole(actor);
  if (!role) return refuse('PERMISSION_DENIED', '您没有权限进行此操作');
  if (!state.publish || !state.wall) return refuse('FAILED_PRECONDITION', '这条诉求没有公开在回音壁上');
  const by = actor.kind === 'person' ? { actorOpenid: actor.openid } : {};
  if (input.command === 'wall_edit') {
    const summary = input.summary === undefined ? state.wall.summary : cut(redactForPublic(input.summary, input.names), WALL_SUMMARY_MAX);
    const reply = input.reply === undefined ? state.wall.reply : cut(redactForPublic(input.reply, input.names), WALL_REPLY_MAX);
    return outcome(state, 'wall_edit', { wall: { ...state.wall, summary, reply, editedAt: now } }, { action: 'wall_edit', actorRole: role, ...by, from: state.status, to: state.status, note: '工作人员修改了回音壁上的公开内容' });
  }
  return outcome(
    state,
    'wall_withdraw',
    { publish: false, wall: { ...state.wall, withdrawnAt: now, withdrawReason: input.reason } },
    { action: 'wall_withdraw', actorRole: role, ...by, from: state.status, to: state.status, note: `从回音壁撤下：${input.reason}` },
    [{ type: 'tell_submitter', body: `您公开到回音壁的诉求已被工作人员撤下。原因：${input.reason}` }],
  );
}
