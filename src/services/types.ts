// Client-side view of the server contracts: shared types come from contracts/ and domain/.
import type { ErrorCode } from '../../contracts/envelope';

export type { ErrorCode } from '../../contracts/envelope';
export type { Community, Station, StationKind } from '../../contracts/directory';
export type { DevUser, WhoAmI } from '../../contracts/user';
export type { Role } from '../../domain/roles';
export { ROLE_LABELS as ROLE_LABEL } from '../../domain/roles';
export { STATION_KIND_LABELS as STATION_KIND_LABEL } from '../../contracts/directory';

/** Client-side codes: the call never reached a function, or came back malformed. */
export type ClientErrorCode = 'NETWORK';

export interface CloudErrorBody {
  code: ErrorCode | ClientErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: CloudErrorBody };

export type CloudEvent = Record<string, unknown>;
