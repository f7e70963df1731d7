/** Permission checks every capability shares; capability-specific ones live in its permissions.ts. */
import { refuse } from '../../domain/outcome';
import { permission } from './handler';

/** Anyone the manifest's roles let in, with nothing further to check. */
export const signedIn = permission('signedIn');

/** Staff, by role (the manifest says so too; this names it for the use case). */
export const staffMember = permission('staffMember', (user) => (user.role === 'staff' ? null : refuse('PERMISSION_DENIED')));

/** A deputy whose WeChat account is bound to a roster entry. */
export const boundDeputy = permission('boundDeputy', (user) => (user.role === 'deputy' && user.deputyId ? null : refuse('PERMISSION_DENIED', '您的代表档案尚未建立，请联系街道人大工委')));
