import * as suggestions from '../_capabilities/suggestions/useCases';
import { serve } from '../_platform/handler';

/** 代表建议 from clusters, 我也遇到 and merging duplicates (contracts/suggestion.manifest.ts). */
export const actions = {
  clusters: suggestions.clusters,
  propose: suggestions.propose,
  step: suggestions.step,
  list: suggestions.list,
  detail: suggestions.detail,
  links: suggestions.links,
  similar: suggestions.similar,
  publicCase: suggestions.publicCase,
  support: suggestions.support,
  merge: suggestions.merge,
};

export const main = serve('suggestion', actions);
