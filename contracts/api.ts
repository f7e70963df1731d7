/**
 * Every action of every deployable function, gathered from the capability manifests. A function's actions
 * may come from several capabilities (staff serves appeals, duty, accounts and street); each action is
 * declared in exactly one manifest. Types here type the client gateway; the table is what the
 * authorisation matrix and the fuzzer iterate over.
 */
import type * as v from 'valibot';
import { accountManifest } from './account.manifest';
import { appealManifest } from './appeal.manifest';
import { ballotManifest } from './ballot.manifest';
import { dutyManifest } from './duty.manifest';
import { legislationManifest } from './legislation.manifest';
import { presenceManifest } from './presence.manifest';
import { moderationManifest } from './moderation.manifest';
import type { ActionSpec, OutputOfSpec } from './manifest';
import { pulseManifest } from './pulse.manifest';
import { streetManifest } from './street.manifest';
import { suggestionManifest } from './suggestion.manifest';

/** Capability → its manifest (the folder of the same name in cloudfunctions/_capabilities holds the use cases). */
export const CAPABILITIES = {
  appeals: appealManifest,
  ballots: ballotManifest,
  legislation: legislationManifest,
  duty: dutyManifest,
  moderation: moderationManifest,
  accounts: accountManifest,
  street: streetManifest,
  pulse: pulseManifest,
  suggestions: suggestionManifest,
  presence: presenceManifest,
} as const;

export const API = {
  appeal: appealManifest.appeal,
  deputy: { ...appealManifest.deputy, ...dutyManifest.deputy },
  staff: { ...appealManifest.staff, ...dutyManifest.staff, ...accountManifest.staff, ...streetManifest.staff, ...moderationManifest.staff },
  ballot: ballotManifest.ballot,
  project: ballotManifest.project,
  legislation: legislationManifest.legislation,
  user: accountManifest.user,
  directory: { ...streetManifest.directory, ...pulseManifest.directory },
  street: { ...streetManifest.street, ...legislationManifest.street },
  pulse: pulseManifest.pulse,
  suggestion: suggestionManifest.suggestion,
  presence: presenceManifest.presence,
  // Timer-only functions: no client actions.
  supervise: {},
  reconcile: {},
  notify: {},
  // HTTP-only function (Open311 GeoReport v2 and CSV): no client actions.
  opendata: {},
} as const;

export type Api = typeof API;
export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type SpecOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends ActionSpec ? Api[F][A] : never;
/** What the client sends (before the schema's transforms), `action` included. */
export type EventOf<F extends FunctionName, A extends ActionName<F> = ActionName<F>> = A extends ActionName<F> ? v.InferInput<SpecOf<F, A>['input']> : never;
/** What the function gets after validation. */
export type InputOf<F extends FunctionName, A extends ActionName<F>> = v.InferOutput<SpecOf<F, A>['input']>;
export type OutputOf<F extends FunctionName, A extends ActionName<F>> = OutputOfSpec<SpecOf<F, A>>;

/** Every (function, action) pair, for tests and docs. */
export function listActions(): { fn: FunctionName; action: string; spec: ActionSpec }[] {
  return (Object.keys(API) as FunctionName[]).flatMap((fn) => Object.entries(API[fn] as Record<string, ActionSpec>).map(([action, spec]) => ({ fn, action, spec })));
}
