/** Words and routes the suggestion pages share. */
export type { AppealLinks, ClusterView, PublicCase, SuggestionDetail, SuggestionItem, SupportResult } from '../../../contracts/suggestion';
export { SUGGESTION_STATUS_LABELS, STEP_FROM } from '../../../domain/suggestions/lifecycle';
export { RESOLUTION_LABELS } from '../../../domain/appeals/labels';

export const FN = 'suggestion' as const;

export const ROUTES = {
  list: '/packages/suggestion/pages/list/index',
  clusters: '/packages/suggestion/pages/clusters/index',
  detail: '/packages/suggestion/pages/detail/index',
  case: '/packages/suggestion/pages/case/index',
};
