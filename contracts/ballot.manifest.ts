/** Ballots and projects (民生实事项目票决): proposals, shortlisting, ballots, delivery and its scoring. */
import { ballotIdInput, castInput, createBallotInput, paperInput, progressProjectInput, projectIdInput, proposalsInput, proposeInput, reviewProposalInput, scoreInput, shortlistInput } from './ballot';
import type { BallotDetail, BallotResults, BallotSummary, CastResult, MyProposalItem, PaperResult, ProgressResult, ProjectDetail, ProjectPublic, ProposalItem, ProposeResult } from './ballot';
import type { Page } from './appeal';
import { pageInput } from './appeal';
import { action, DEPUTIES, SIGNED_IN, STAFF_ONLY } from './manifest';
import { bareInput } from './validation';

export const ballotManifest = {
  ballot: {
    list: action<(BallotSummary & { voted: boolean })[]>()({ input: bareInput('list'), roles: SIGNED_IN }),
    detail: action<BallotDetail>()({ input: ballotIdInput('detail'), roles: SIGNED_IN }),
    cast: action<CastResult>()({ input: castInput, roles: SIGNED_IN }),
    results: action<BallotResults>()({ input: ballotIdInput('results'), roles: SIGNED_IN }),
    close: action<BallotSummary>()({ input: ballotIdInput('close'), roles: STAFF_ONLY }),
    paper: action<PaperResult>()({ input: paperInput, roles: STAFF_ONLY }),
    create: action<BallotSummary>()({ input: createBallotInput, roles: STAFF_ONLY }),
  },
  project: {
    propose: action<ProposeResult>()({ input: proposeInput, roles: SIGNED_IN }),
    myProposals: action<Page<MyProposalItem>>()({ input: pageInput('myProposals'), roles: SIGNED_IN }),
    proposals: action<Page<ProposalItem>>()({ input: proposalsInput, roles: STAFF_ONLY }),
    shortlist: action<{ projectId: string; proposalIds: string[] }>()({ input: shortlistInput, roles: STAFF_ONLY }),
    reviewProposal: action<ProposeResult>()({ input: reviewProposalInput, roles: STAFF_ONLY }),
    list: action<ProjectPublic[]>()({ input: bareInput('list'), roles: SIGNED_IN }),
    detail: action<ProjectDetail>()({ input: projectIdInput('detail'), roles: SIGNED_IN }),
    follow: action<{ following: boolean }>()({ input: projectIdInput('follow'), roles: SIGNED_IN }),
    unfollow: action<{ following: boolean }>()({ input: projectIdInput('unfollow'), roles: SIGNED_IN }),
    progress: action<ProgressResult>()({ input: progressProjectInput, roles: STAFF_ONLY }),
    score: action<{ projectId: string; score: number }>()({ input: scoreInput, roles: DEPUTIES }),
  },
};
