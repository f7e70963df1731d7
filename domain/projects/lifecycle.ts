/**
 * 群众点单 → 代表定单 → 政府买单 → 人大验单: a resident's proposal is reviewed and shortlisted into a
 * candidate project; the project is voted on, delivered (progress 0–100 %) and scored by deputies.
 * The statuses and the only moves between them.
 */
export const PROPOSAL_STATUSES = ['pending_review', 'submitted', 'shortlisted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROJECT_STATUSES = ['candidate', 'delivering', 'delivered'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export type ProposalCommand = 'approve' | 'reject' | 'shortlist';

/** Proposal moves: staff approve a held one, decline an open one (with a reason), merge any not yet shortlisted. */
export const PROPOSAL_TRANSITIONS: Record<ProposalCommand, { from: readonly ProposalStatus[]; to: ProposalStatus }> = {
  approve: { from: ['pending_review'], to: 'submitted' },
  reject: { from: ['pending_review', 'submitted'], to: 'rejected' },
  shortlist: { from: ['pending_review', 'submitted', 'rejected'], to: 'shortlisted' },
};

/** Staff's moves on a proposal in this status (all proposal moves are staff's). */
export function allowedProposalCommands(status: ProposalStatus): ProposalCommand[] {
  return (Object.keys(PROPOSAL_TRANSITIONS) as ProposalCommand[]).filter((c) => PROPOSAL_TRANSITIONS[c].from.includes(status));
}

/** A project is delivering once progress is recorded, delivered at 100 %. */
export function projectStatusAt(percent: number): ProjectStatus {
  return percent >= 100 ? 'delivered' : 'delivering';
}
