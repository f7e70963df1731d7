/** Who may run the presence use cases (after the manifest's roles). Case-by-case access is decided by the domain. */
import { refuse } from '../../../domain/outcome';
import { permission } from '../../_platform/handler';

/** Staff, or a deputy whose WeChat account is bound to a roster entry. */
export const boundDeputyOrStaff = permission('boundDeputyOrStaff', (user) =>
  user.role === 'staff' || (user.role === 'deputy' && user.deputyId) ? null : refuse('PERMISSION_DENIED', '您的代表档案尚未建立，请联系街道人大工委'),
);

/** A mediation case: its handlers and staff only (domain/presence/mediation.ts mayHandle). */
export const mediationHandler = permission('mediationHandler', boundDeputyOrStaff.check, 'domain/presence/mediation.ts mayHandle');

/** A walk-in appeal's callback: its current deputy or staff (domain/presence/intake.ts callbackRating). */
export const appealHandler = permission('appealHandler', boundDeputyOrStaff.check, 'domain/presence/intake.ts callbackRating');

/** An activity: invitees and staff (domain/presence/activities.ts). */
export const activityParty = permission('activityParty', boundDeputyOrStaff.check, 'domain/presence/activities.ts');
