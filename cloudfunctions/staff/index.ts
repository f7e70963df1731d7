import * as accounts from '../_capabilities/accounts/admin';
import * as appeals from '../_capabilities/appeals/useCases/staff';
import * as duty from '../_capabilities/duty/useCases';
import * as moderation from '../_capabilities/moderation/useCases';
import * as calendar from '../_capabilities/street/calendar';
import { serve } from '../_platform/handler';

/** 工作人员后台: one function serving staff's use cases of four capabilities. */
export const actions = {
  // appeals
  reviewQueue: appeals.reviewQueue,
  triageQueue: appeals.triageQueue,
  overdue: appeals.overdue,
  flagged: appeals.flagged,
  moderate: appeals.moderateAppeal,
  assign: appeals.assign,
  find: appeals.find,
  dashboard: appeals.dashboard,
  settings: appeals.settings,
  updateSettings: appeals.updateSettings,
  wallEdit: appeals.wallEdit,
  wallWithdraw: appeals.wallWithdraw,
  // moderation
  heldContent: moderation.heldContent,
  decideHeld: moderation.decideHeld,
  // duty
  pointsQueue: duty.pointsQueue,
  reviewPoints: duty.reviewPoints,
  // accounts
  block: accounts.block,
  unblock: accounts.unblock,
  people: accounts.people,
  addStaff: accounts.addStaff,
  removeStaff: accounts.removeStaff,
  staffMembers: accounts.staffMembers,
  deputyAccounts: accounts.deputyAccounts,
  inviteDeputy: accounts.inviteDeputy,
  revokeInvite: accounts.revokeInvite,
  history: accounts.history,
  // street
  calendar: calendar.calendar,
  calendarYear: calendar.calendarYear,
  setCalendarYear: calendar.setCalendarYear,
};

export const main = serve('staff', actions);
