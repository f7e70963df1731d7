// Page-local response types until contracts/ lands; keep in sync with the cloud functions.

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FAILED_PRECONDITION'
  | 'RATE_LIMITED'
  | 'CONTENT_REJECTED'
  | 'INTERNAL';

/** Client-side codes: the call never reached a function, or came back malformed. */
export type ClientErrorCode = 'NETWORK';

export interface CloudErrorBody {
  code: ErrorCode | ClientErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: CloudErrorBody };

export type CloudEvent = Record<string, unknown>;

export type Role = 'resident' | 'deputy' | 'staff';

export type StationKind = 'home' | 'station' | 'contact_point';

export interface Station {
  _id: string;
  name: string;
  kind: StationKind;
  communityIds: string[];
  address: string;
}

export interface Community {
  _id: string;
  name: string;
  stationId: string;
}

export interface WhoAmI {
  openid: string;
  role: Role;
  name?: string;
  deputyId?: string;
  communityId?: string;
}

/** Local dev identities served by GET /api/dev/users (h5 only). */
export interface DevUser {
  openid: string;
  role: Role;
  name: string;
  deputyId?: string;
  communityIds?: string[];
}

export const ROLE_LABEL: Record<Role, string> = {
  resident: '居民',
  deputy: '人大代表',
  staff: '工作人员',
};

export const STATION_KIND_LABEL: Record<StationKind, string> = {
  home: '代表之家',
  station: '代表活动站',
  contact_point: '代表联络点',
};
