import type { Role } from '../domain/roles';

export interface WhoAmI {
  openid: string;
  role: Role;
  name?: string;
  deputyId?: string;
  communityId?: string;
}

/** A seeded identity the local runtime lets a developer act as. */
export interface DevUser {
  openid: string;
  role: Role;
  name: string;
  deputyId?: string;
  communityIds?: string[];
}
