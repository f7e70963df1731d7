/** 代表建议 from clusters and 我也遇到 (contracts/suggestion.ts). */
import type { Page } from './appeal';
import { action, DEPUTIES_AND_STAFF, SIGNED_IN, STAFF_ONLY } from './manifest';
import { appealRefInput, mergeInput, proposeInput, similarInput, stepInput, suggestionIdInput, suggestionsInput } from './suggestion';
import type { AppealLinks, ClusterView, PublicCase, SuggestionDetail, SuggestionItem, SupportResult } from './suggestion';
import { bareInput } from './validation';

export const suggestionManifest = {
  suggestion: {
    clusters: action<ClusterView[]>()({ input: bareInput('clusters'), roles: DEPUTIES_AND_STAFF }),
    propose: action<SuggestionDetail>()({ input: proposeInput, roles: DEPUTIES_AND_STAFF }),
    step: action<SuggestionDetail>()({ input: stepInput, roles: DEPUTIES_AND_STAFF }),
    list: action<Page<SuggestionItem>>()({ input: suggestionsInput, roles: SIGNED_IN }),
    detail: action<SuggestionDetail>()({ input: suggestionIdInput('detail'), roles: SIGNED_IN }),
    links: action<AppealLinks>()({ input: appealRefInput('links'), roles: SIGNED_IN }),
    similar: action<PublicCase[]>()({ input: similarInput, roles: SIGNED_IN }),
    publicCase: action<PublicCase>()({ input: appealRefInput('publicCase'), roles: SIGNED_IN }),
    support: action<SupportResult>()({ input: appealRefInput('support'), roles: SIGNED_IN }),
    merge: action<{ _id: string; mergedInto: string }>()({ input: mergeInput, roles: STAFF_ONLY }),
  },
};
