/** Legislative consultation (立法意见征询): residents comment on drafts, staff decide adoption. */
import type { Page } from './appeal';
import { adoptInput, commentInput, commentsInput, draftIdInput, myCommentsInput } from './legislation';
import type { CommentItem, DraftDetail, DraftSummary } from './legislation';
import { action, SIGNED_IN, STAFF_ONLY } from './manifest';
import { bareInput } from './validation';

export const legislationManifest = {
  legislation: {
    drafts: action<DraftSummary[]>()({ input: bareInput('drafts'), roles: SIGNED_IN }),
    detail: action<DraftDetail>()({ input: draftIdInput('detail'), roles: SIGNED_IN }),
    comment: action<CommentItem>()({ input: commentInput, roles: SIGNED_IN }),
    myComments: action<Page<CommentItem>>()({ input: myCommentsInput, roles: SIGNED_IN }),
    comments: action<Page<CommentItem>>()({ input: commentsInput, roles: STAFF_ONLY }),
    adopt: action<CommentItem>()({ input: adoptInput, roles: STAFF_ONLY }),
  },
};
