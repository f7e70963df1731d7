import * as activities from '../_capabilities/presence/activities';
import * as intake from '../_capabilities/presence/intake';
import * as mediation from '../_capabilities/presence/mediation';
import * as stations from '../_capabilities/presence/stations';
import { remind } from '../_capabilities/presence/timers';
import { serve } from '../_platform/handler';

/** 代表常在 (contracts/presence.manifest.ts): stations and roster, codes, activities, walk-in intake, 清茶 mediation. */
export const actions = {
  station: stations.station,
  today: stations.today,
  saveStation: stations.saveStation,
  setRoster: stations.setRoster,
  code: stations.code,
  myDuties: stations.myDuties,
  createActivity: activities.createActivity,
  activities: activities.activities,
  activity: activities.activity,
  respond: activities.respond,
  checkIn: activities.checkIn,
  markAttendance: activities.markAttendance,
  settle: activities.settle,
  publishReport: activities.publishReport,
  intake: intake.intake,
  claim: intake.claim,
  callback: intake.callback,
  mediations: mediation.mediations,
  mediation: mediation.mediation,
  openMediation: mediation.openMediation,
  mediationStep: mediation.mediationStep,
  closeMediation: mediation.closeMediation,
};

export const main = serve('presence', actions, { timers: { remind } });
