/** Moderation: the staff queue of held text and images (domain/moderation/held.ts). */
import type { Page } from './appeal';
import { action, STAFF_ONLY } from './manifest';
import { decideHeldInput, heldContentInput } from './moderation';
import type { HeldDecisionResult, HeldItem } from './moderation';

export const moderationManifest = {
  staff: {
    heldContent: action<Page<HeldItem>>()({ input: heldContentInput, roles: STAFF_ONLY }),
    decideHeld: action<HeldDecisionResult>()({ input: decideHeldInput, roles: STAFF_ONLY }),
  },
};
