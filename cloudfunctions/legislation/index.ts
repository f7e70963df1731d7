import * as legislation from '../_capabilities/legislation/useCases';
import { serve } from '../_platform/handler';

/** 立法信息采集 (contracts/legislation.manifest.ts). */
export const actions = {
  drafts: legislation.drafts,
  detail: legislation.detail,
  comment: legislation.comment,
  myComments: legislation.myComments,
  comments: legislation.comments,
  adopt: legislation.adopt,
  points: legislation.points,
  recordOffline: legislation.recordOffline,
  submission: legislation.submission,
  yearFigures: legislation.yearFigures,
};

export const main = serve('legislation', actions);
