// The client's view of the action manifests (contracts/api.ts): types only, so no schema reaches a package.
import type { Api, ActionName, EventOf, FunctionName, OutputOf } from '../../contracts/api';
import type { CallOptions } from './gateway';
import type { Envelope } from './types';

export type { ActionName, EventOf, OutputOf };

/** Functions with client actions (timer-only functions have none). */
export type ClientFunction = { [F in FunctionName]: keyof Api[F] extends never ? never : F }[FunctionName];

/** The answer an event's action declares. */
export type ReplyOf<F extends FunctionName, E> = E extends { action: infer A } ? (A extends ActionName<F> ? OutputOf<F, A> : never) : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** One signature per function, as overloads: `fn` picks the function, the event's `action` its input and answer. */
export type PerFunction<S extends Record<ClientFunction, unknown>> = UnionToIntersection<S[ClientFunction]>;

/**
 * callCloud(fn, { action, ...input }): the event is checked against the function's manifest and the answer
 * typed by it. An explicit `callCloud<T>(…)` still checks the event and answers T.
 */
export type TypedCallCloud = PerFunction<{
  [F in ClientFunction]: {
    <E extends EventOf<F>>(fn: F, event: E, options?: CallOptions): Promise<Envelope<ReplyOf<F, E>>>;
    <T>(fn: F, event: EventOf<F>, options?: CallOptions): Promise<Envelope<T>>;
  };
}>;
