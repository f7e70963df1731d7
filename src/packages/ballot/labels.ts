// Words for proposals and projects (ballot subpackage only).
import type { ProjectStatus, ProposalStatus } from '../../../domain/projects/lifecycle';

export type { ProjectStatus, ProposalStatus };

export const PROPOSAL_STATUS_LABEL: Record<ProposalStatus, string> = {
  submitted: '已提交，待整理',
  pending_review: '待人工审核',
  shortlisted: '已列入候选项目',
  rejected: '未采纳',
};

export const PROJECT_STATUS_LABEL: Record<ProjectStatus, string> = {
  candidate: '候选项目',
  delivering: '实施中',
  delivered: '已完工',
};

// What the project function answers (contracts/ballot.ts).
export type { ProjectMilestone as Milestone, ProjectPublic as Project, ProjectDetail } from '../../../contracts/ballot';

export interface MyProposal {
  _id: string;
  title: string;
  status: ProposalStatus;
  projectId: string | null;
  /** Staff's explanation when the proposal was not taken up (status rejected). */
  reviewReason?: string | null;
  createdAt: string;
}

/** "85.5" (万元) → 855000 yuan; '' → undefined; NaN when not a number. */
export function wanToYuan(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (!/^\d+(\.\d{1,4})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 10000);
}
