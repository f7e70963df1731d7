// Where the staff pages are. They sit with their capability (issue 11): appeal moderation and street
// settings in packages/staff, ballots and 点单 in packages/ballot, points review next to the duty record in
// packages/deputy, inviting deputies and adding staff next to account binding in packages/account.
import { RECORD_PAGE } from '../../utils/points';

export const STAFF_ROUTES = {
  dashboard: '/packages/staff/pages/dashboard/index',
  review: '/packages/staff/pages/review/index',
  triage: '/packages/staff/pages/triage/index',
  overdue: '/packages/staff/pages/overdue/index',
  flagged: '/packages/staff/pages/flagged/index',
  history: '/packages/staff/pages/history/index',
  settings: '/packages/staff/pages/settings/index',
  users: '/packages/staff/pages/users/index',
  street: '/packages/staff/pages/street/index',
  calendar: '/packages/staff/pages/calendar/index',
  held: '/packages/staff/pages/held/index',
  wall: '/packages/staff/pages/wall/index',
  stations: '/packages/staff/pages/stations/index',
  activities: '/packages/staff/pages/activities/index',
  intake: '/packages/deputy/pages/intake/index',
  mediation: '/packages/deputy/pages/mediation/index',
  ballots: '/packages/ballot/pages/staff-ballots/index',
  ballot: '/packages/ballot/pages/staff-ballot/index',
  ballotNew: '/packages/ballot/pages/staff-ballot-new/index',
  proposals: '/packages/ballot/pages/staff-proposals/index',
  points: '/packages/deputy/pages/points-review/index',
  invite: '/packages/account/pages/invite/index',
  staffMembers: '/packages/account/pages/staff-members/index',
  legislation: '/packages/legislation/pages/review/index',
  pulse: '/packages/pulse/pages/board/index',
  /** A deputy's 一人一档 (?deputyId=…). */
  record: RECORD_PAGE,
  appeal: '/pages/appeal-detail/index',
};
