import * as v from 'valibot';
import type { Role } from '../domain/roles';
import { idSchema } from './validation';

export const setCommunityInput = v.object({ action: v.literal('setCommunity'), communityId: idSchema });

export interface WhoAmI {
  openid: string;
  role: Role;
  name?: string;
  deputyId?: string;
  communityId?: string;
  /** The storage folder this person uploads photos into (only images there are accepted as theirs). */
  uploadDir: string;
}

/** A seeded identity the local runtime lets a developer act as. */
export interface DevUser {
  openid: string;
  role: Role;
  name: string;
  deputyId?: string;
  communityIds?: string[];
}
