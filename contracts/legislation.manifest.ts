/** 立法信息采集: opinions on higher congresses' drafts through the 1+17+N points, compiled, submitted, adoption fed back. */
import type { Page } from './appeal';
import { adoptInput, commentInput, commentsInput, draftIdInput, myCommentsInput, recordOfflineInput, yearFiguresInput } from './legislation';
import type { CommentItem, DraftDetail, DraftSummary, LegislativeYear, LiaisonPoints, SubmissionView } from './legislation';
import { action, DEPUTIES_AND_STAFF, SIGNED_IN, STAFF_ONLY } from './manifest';
import { bareInput } from './validation';

export const legislationManifest = {
  legislation: {
    drafts: action<DraftSummary[]>()({ input: bareInput('drafts'), roles: SIGNED_IN }),
    detail: action<DraftDetail>()({ input: draftIdInput('detail'), roles: SIGNED_IN }),
    comment: action<CommentItem>()({ input: commentInput, roles: SIGNED_IN }),
    myComments: action<Page<CommentItem>>()({ input: myCommentsInput, roles: SIGNED_IN }),
    comments: action<Page<CommentItem>>()({ input: commentsInput, roles: STAFF_ONLY }),
    adopt: action<CommentItem>()({ input: adoptInput, roles: STAFF_ONLY }),
    points: action<LiaisonPoints>()({ input: bareInput('points'), roles: SIGNED_IN }),
    recordOffline: action<CommentItem>()({ input: recordOfflineInput, roles: DEPUTIES_AND_STAFF }),
    submission: action<SubmissionView | null>()({ input: draftIdInput('submission'), roles: STAFF_ONLY }),
    yearFigures: action<LegislativeYear>()({ input: yearFiguresInput, roles: STAFF_ONLY }),
  },
  // 汇总梳理 writes an .xlsx: served by the street function, which already carries exceljs, so the function
  // residents call on every draft page stays small.
  street: {
    compileDraft: action<SubmissionView>()({ input: draftIdInput('compileDraft'), roles: STAFF_ONLY }),
  },
};
