/**
 * Who may run each appeal use case, beyond the manifest's roles (contracts/appeal.manifest.ts). What a
 * person may do to one appeal depends on how they relate to it: the domain decides that
 * (domain/appeals/access.ts, domain/appeals/commands.ts actingAs).
 */
import { permission } from '../../_platform/handler';
import { boundDeputy, staffMember } from '../../_platform/permissions';

/** Any signed-in person; the appeal's relation to them decides what they see or may do. */
export const appealParty = permission('appealParty', undefined, 'domain/appeals/access.ts viewerOf');

/** A bound deputy; whether the appeal is theirs to handle the command decides. */
export const handlingDeputy = permission('handlingDeputy', boundDeputy.check, 'domain/appeals/commands.ts actingAs');

export { staffMember };
