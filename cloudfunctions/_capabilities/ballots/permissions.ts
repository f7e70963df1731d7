/** Who may run the ballot and project use cases beyond the manifest's roles (contracts/ballot.manifest.ts). */
import { permission } from '../../_platform/handler';
import { boundDeputy, signedIn, staffMember } from '../../_platform/permissions';

/** Any signed-in person may try; the ballot's electorate decides who votes (domain/ballots/commands.ts castVote). */
export const electorate = permission('electorate', undefined, 'domain/ballots/commands.ts castVote');

/** Results: staff always, everyone else once the ballot closed (domain/ballots/commands.ts seeResults). */
export const resultsAudience = permission('resultsAudience', undefined, 'domain/ballots/commands.ts seeResults');

/** 人大验单: a deputy bound to a roster entry scores delivery. */
export const scoringDeputy = permission('scoringDeputy', boundDeputy.check);

export { signedIn, staffMember };
