/**
 * How a capability declares its actions, once: each action's input schema, the type it answers and the roles
 * that may call it. The function framework (cloudfunctions/_platform/handler.ts) enforces the declaration,
 * the client gateway (src/services/api.ts) is typed by it, and the authorisation matrix and the fuzzer
 * iterate over it (contracts/api.ts gathers every manifest).
 */
import type * as v from 'valibot';
import { ROLES, type Role } from '../domain/roles';

export interface ActionSpec<S extends v.GenericSchema = v.GenericSchema, O = unknown> {
  readonly input: S;
  /** Roles (from the users collection) that may call it. */
  readonly roles: readonly Role[];
  /** Type only: what the action answers; never set at run time. */
  readonly output?: O;
}

/** Anyone who opened the mini-program (every role). */
export const SIGNED_IN: readonly Role[] = ROLES;
export const STAFF_ONLY: readonly Role[] = ['staff'];
export const DEPUTIES: readonly Role[] = ['deputy'];
export const DEPUTIES_AND_STAFF: readonly Role[] = ['deputy', 'staff'];

/** Declare an action answering `O`: `action<Result>()({ input, roles })`. */
export const action =
  <O>() =>
  <S extends v.GenericSchema>(spec: { input: S; roles: readonly Role[] }): ActionSpec<S, O> =>
    spec;

/** A capability's actions, by function then action name. */
export type CapabilityManifest = Record<string, Record<string, ActionSpec>>;

/** The answer type an action declares. */
export type OutputOfSpec<S> = S extends ActionSpec<v.GenericSchema, infer O> ? O : never;
