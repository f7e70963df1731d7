/** Proposal and project commands: each answers the whole outcome or the reason it is refused. */
import { screen, type ContentVerdict } from '../contentCheck';
import { dutyPointsFor, type DutyPointEntry } from '../duty/points';
import { refuse, type AuditNote, type Refusal } from '../outcome';
import { PROPOSAL_TRANSITIONS, projectStatusAt, type ProjectStatus, type ProposalStatus } from './lifecycle';

/** A resident's proposal as submitted: published to staff, held for review (unsure check, blocked account), or refused as risky. */
export function propose(verdict: ContentVerdict, blocked = false): { ok: true; status: ProposalStatus } | Refusal {
  const screened = screen('proposal', verdict);
  if (!screened.ok) return screened;
  return { ok: true, status: screened.path === 'publish' && !blocked ? 'submitted' : 'pending_review' };
}

export interface ProposalNotice {
  toOpenid: string;
  status: string;
  title: string;
  body: string;
  key: string;
}

export interface ReviewOutcome {
  ok: true;
  from: ProposalStatus;
  to: ProposalStatus;
  reason: string | null;
  audit: AuditNote;
  notices: ProposalNotice[];
}

/** Staff approve a held proposal into the pool, or decline an open one with the explanation its proposer reads. */
export function reviewProposal(p: { _id: string; status: ProposalStatus; title: string; proposerOpenid: string }, decision: 'approve' | 'reject', reason: string | undefined, staff: { openid: string }): ReviewOutcome | Refusal {
  const rule = PROPOSAL_TRANSITIONS[decision];
  if (!rule.from.includes(p.status)) return refuse('FAILED_PRECONDITION', '这条建议当前不能这样处理');
  if (decision === 'reject' && !reason) return refuse('INVALID_ARGUMENT', '不采纳时请写明理由，建议人会看到它');
  const notices = rule.to === 'rejected' ? [{ toOpenid: p.proposerOpenid, status: '未采纳', title: `您的建议「${p.title}」未列入候选`, body: reason ?? '', key: `proposal-${p._id}-rejected` }] : [];
  return {
    ok: true,
    from: p.status,
    to: rule.to,
    reason: reason ?? null,
    audit: { action: `review_${decision}`, actorRole: 'staff', actorOpenid: staff.openid, from: p.status, to: rule.to, ...(reason ? { note: reason } : {}) },
    notices,
  };
}

export interface ShortlistOutcome {
  ok: true;
  proposalIds: string[];
  notices: ProposalNotice[];
  audit: AuditNote;
}

/** Merge proposals (none already shortlisted) into one candidate project; every proposer is told. */
export function shortlist(proposals: { _id: string; status: ProposalStatus; title: string; proposerOpenid: string }[], asked: readonly string[], title: string, staff: { openid: string }): ShortlistOutcome | Refusal {
  if (proposals.length !== new Set(asked).size) return refuse('NOT_FOUND', '有建议不存在');
  if (proposals.some((p) => !PROPOSAL_TRANSITIONS.shortlist.from.includes(p.status))) return refuse('FAILED_PRECONDITION', '有建议已被采纳为候选项目');
  const merged = proposals.length > 1;
  return {
    ok: true,
    proposalIds: proposals.map((p) => p._id),
    notices: proposals.map((p) => ({ toOpenid: p.proposerOpenid, status: '已采纳', title: '您的民生项目建议已列入候选', body: `您提出的「${p.title}」已${merged ? '与相近建议合并为' : '整理为'}候选项目「${title}」，将进入票决。`, key: `proposal-${p._id}-shortlisted` })),
    audit: { action: 'shortlist', actorRole: 'staff', actorOpenid: staff.openid, to: 'candidate', note: `合并建议 ${proposals.map((p) => p._id).join(', ')}` },
  };
}

export interface ProgressOutcome {
  ok: true;
  percent: number;
  status: ProjectStatus;
  /** What followers are told (status phrase, ≤ 5 Chinese characters). */
  phrase: string;
  audit: AuditNote;
}

/** 政府买单: staff record delivery progress; it never goes back. */
export function recordProgress(p: { percent?: number }, percent: number, milestone: string, staff: { openid: string }): ProgressOutcome | Refusal {
  if (percent < (p.percent ?? 0)) return refuse('INVALID_ARGUMENT', '进度不能倒退，如需更正请联系管理员');
  const status = projectStatusAt(percent);
  return { ok: true, percent, status, phrase: status === 'delivered' ? '已完工' : '进行中', audit: { action: 'progress', actorRole: 'staff', actorOpenid: staff.openid, from: String(p.percent ?? 0), to: String(percent), note: milestone } };
}

export interface ScoreOutcome {
  ok: true;
  points: DutyPointEntry[];
  audit: AuditNote;
}

/** 人大验单: a deputy scores a delivered project (again, if they change their mind); it earns duty points once. */
export function scoreDelivery(p: { _id: string; status: ProjectStatus }, score: number, comment: string | undefined, deputy: { openid: string; deputyId: string }, at: Date): ScoreOutcome | Refusal {
  if (p.status !== 'delivered') return refuse('FAILED_PRECONDITION', '项目完工后才能验收评分');
  return {
    ok: true,
    points: dutyPointsFor('project.score', deputy.deputyId, { id: p._id }, {}, at),
    audit: { action: 'score', actorRole: 'deputy', actorOpenid: deputy.openid, to: String(score), ...(comment ? { note: comment } : {}) },
  };
}
