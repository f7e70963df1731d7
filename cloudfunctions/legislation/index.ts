import * as legislation from '../_capabilities/legislation/useCases';
import { serve } from '../_platform/handler';

/** 立法意见征询 (contracts/legislation.manifest.ts). */
export const actions = {
  drafts: legislation.drafts,
  detail: legislation.detail,
  comment: legislation.comment,
  myComments: legislation.myComments,
  comments: legislation.comments,
  adopt: legislation.adopt,
};

export const main = serve('legislation', actions);
