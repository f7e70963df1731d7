import * as projects from '../_capabilities/ballots/projects';
import { serve } from '../_platform/handler';

/** 群众点单 → 代表定单 → 政府买单 → 人大验单 (the ballots capability's proposals and projects). */
export const actions = {
  propose: projects.propose,
  myProposals: projects.myProposals,
  proposals: projects.proposals,
  shortlist: projects.shortlist,
  reviewProposal: projects.reviewProposal,
  list: projects.list,
  detail: projects.detail,
  follow: projects.follow,
  unfollow: projects.unfollow,
  progress: projects.progress,
  score: projects.score,
};

export const main = serve('project', actions);
