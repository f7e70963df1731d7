/** 代表常在 (presence): stations and their roster, 码上见代表, activities, walk-in intake, 清茶 mediation. */
import type { AppealChangeResult, Page } from './appeal';
import { action, DEPUTIES, DEPUTIES_AND_STAFF, SIGNED_IN, STAFF_ONLY } from './manifest';
import {
  activitiesInput, activityInput, callbackInput, checkInInput, claimInput, closeMediationInput, codeInput, createActivityInput, intakeInput, markAttendanceInput,
  mediationInput, mediationsInput, mediationStepInput, openMediationInput, publishReportInput, respondInput, saveStationInput, setRosterInput, settleInput, stationInput, todayInput,
} from './presence';
import type { ActivityView, ClaimResult, CodeResult, IntakeResult, MediationView, MyDuties, RosterEntryView, StationPage, TodayAtStations } from './presence';
import { bareInput } from './validation';

export const presenceManifest = {
  presence: {
    station: action<StationPage>()({ input: stationInput, roles: SIGNED_IN }),
    today: action<TodayAtStations>()({ input: todayInput, roles: SIGNED_IN }),
    claim: action<ClaimResult>()({ input: claimInput, roles: SIGNED_IN }),
    myDuties: action<MyDuties>()({ input: bareInput('myDuties'), roles: DEPUTIES }),
    respond: action<ActivityView>()({ input: respondInput, roles: DEPUTIES }),
    checkIn: action<ActivityView>()({ input: checkInInput, roles: DEPUTIES }),
    activity: action<ActivityView>()({ input: activityInput, roles: DEPUTIES_AND_STAFF }),
    intake: action<IntakeResult>()({ input: intakeInput, roles: DEPUTIES_AND_STAFF }),
    callback: action<AppealChangeResult>()({ input: callbackInput, roles: DEPUTIES_AND_STAFF }),
    mediations: action<Page<MediationView>>()({ input: mediationsInput, roles: DEPUTIES_AND_STAFF }),
    mediation: action<MediationView>()({ input: mediationInput, roles: DEPUTIES_AND_STAFF }),
    openMediation: action<MediationView>()({ input: openMediationInput, roles: DEPUTIES_AND_STAFF }),
    mediationStep: action<MediationView>()({ input: mediationStepInput, roles: DEPUTIES_AND_STAFF }),
    closeMediation: action<MediationView>()({ input: closeMediationInput, roles: DEPUTIES_AND_STAFF }),
    saveStation: action<StationPage>()({ input: saveStationInput, roles: STAFF_ONLY }),
    setRoster: action<RosterEntryView[]>()({ input: setRosterInput, roles: STAFF_ONLY }),
    code: action<CodeResult>()({ input: codeInput, roles: STAFF_ONLY }),
    createActivity: action<ActivityView>()({ input: createActivityInput, roles: STAFF_ONLY }),
    activities: action<Page<ActivityView>>()({ input: activitiesInput, roles: STAFF_ONLY }),
    markAttendance: action<ActivityView>()({ input: markAttendanceInput, roles: STAFF_ONLY }),
    settle: action<ActivityView>()({ input: settleInput, roles: STAFF_ONLY }),
    publishReport: action<ActivityView>()({ input: publishReportInput, roles: STAFF_ONLY }),
  },
};
