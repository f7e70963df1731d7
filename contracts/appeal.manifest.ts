/** Appeals (民生诉求): residents submit and rate, deputies handle, staff moderate and supervise. */
import { appealIdInput, deputyQueueInput, pageInput, progressInput, publishInput, rateAppealInput, replyInput, submitAppealInput, transferInput, wallEditInput, wallWithdrawInput } from './appeal';
import type { AppealChangeResult, AppealDetail, AppealListItem, DeputyQueuePage, Page, RateResult, SubmitResult, WallItem, WallPreview } from './appeal';
import { action, DEPUTIES, SIGNED_IN, STAFF_ONLY } from './manifest';
import { assignInput, findInput, moderateInput, staffPageInput, updateSettingsInput } from './staff';
import type { SlaView, StaffAppealItem, StaffDashboard } from './staff';
import { bareInput } from './validation';
import type { DeputyHome } from './duty';

export const appealManifest = {
  appeal: {
    submit: action<SubmitResult>()({ input: submitAppealInput, roles: SIGNED_IN }),
    mine: action<Page<AppealListItem>>()({ input: pageInput('mine'), roles: SIGNED_IN }),
    detail: action<AppealDetail>()({ input: appealIdInput('detail'), roles: SIGNED_IN }),
    rate: action<RateResult>()({ input: rateAppealInput, roles: SIGNED_IN }),
    wall: action<Page<WallItem>>()({ input: pageInput('wall'), roles: SIGNED_IN }),
    wallPreview: action<WallPreview>()({ input: appealIdInput('wallPreview'), roles: SIGNED_IN }),
    publish: action<WallItem>()({ input: publishInput, roles: SIGNED_IN }),
  },
  deputy: {
    queue: action<DeputyQueuePage>()({ input: deputyQueueInput, roles: DEPUTIES }),
    home: action<DeputyHome>()({ input: bareInput('home'), roles: DEPUTIES }),
    accept: action<AppealChangeResult>()({ input: appealIdInput('accept'), roles: DEPUTIES }),
    progress: action<AppealChangeResult>()({ input: progressInput, roles: DEPUTIES }),
    transfer: action<AppealChangeResult>()({ input: transferInput, roles: DEPUTIES }),
    reply: action<AppealChangeResult>()({ input: replyInput, roles: DEPUTIES }),
  },
  staff: {
    reviewQueue: action<Page<StaffAppealItem>>()({ input: staffPageInput('reviewQueue'), roles: STAFF_ONLY }),
    triageQueue: action<Page<StaffAppealItem>>()({ input: staffPageInput('triageQueue'), roles: STAFF_ONLY }),
    overdue: action<Page<StaffAppealItem>>()({ input: staffPageInput('overdue'), roles: STAFF_ONLY }),
    flagged: action<Page<StaffAppealItem>>()({ input: staffPageInput('flagged'), roles: STAFF_ONLY }),
    moderate: action<AppealListItem>()({ input: moderateInput, roles: STAFF_ONLY }),
    assign: action<AppealListItem>()({ input: assignInput, roles: STAFF_ONLY }),
    find: action<StaffAppealItem>()({ input: findInput, roles: STAFF_ONLY }),
    dashboard: action<StaffDashboard>()({ input: bareInput('dashboard'), roles: STAFF_ONLY }),
    settings: action<SlaView>()({ input: bareInput('settings'), roles: STAFF_ONLY }),
    updateSettings: action<SlaView>()({ input: updateSettingsInput, roles: STAFF_ONLY }),
    wallEdit: action<WallItem>()({ input: wallEditInput, roles: STAFF_ONLY }),
    wallWithdraw: action<AppealListItem>()({ input: wallWithdrawInput, roles: STAFF_ONLY }),
  },
};
