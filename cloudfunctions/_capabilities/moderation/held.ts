/**
 * Holding text for staff, for the capabilities whose records have no held status of their own (a deputy's
 * reply or note, a rating comment, a milestone): the author is told it waits for review, nothing is shown or
 * pushed. What releasing an entry does is the owning capability's (a Releaser, see useCases.ts).
 */
import type { ContentVerdict } from '../../../domain/contentCheck';
import { heldMessage, type HeldKind } from '../../../domain/moderation/held';
import type { getCloud } from '../../_platform/cloud';
import type { Db } from '../../_platform/db';
import type { UserDoc } from '../../_platform/users';
import { holdContent, type HeldDoc } from './writer';

export interface Held {
  held: true;
  heldMessage: string;
}

export async function holdText(db: Db, entry: { kind: Exclude<HeldKind, 'image'>; entityType: HeldDoc['entityType']; entityId: string; label: string; authorOpenid: string; text: string; payload: Record<string, unknown>; verdict: ContentVerdict; at: Date }): Promise<Held> {
  const { at, ...rest } = entry;
  await holdContent(db, { ...rest, createdAt: at });
  return { held: true, heldMessage: heldMessage(entry.kind) };
}

/** Applies a released entry as its author asked; throws the owning command's refusal when it no longer can. */
export type Releaser = (entry: HeldDoc, ctx: { db: Db; cloud: ReturnType<typeof getCloud>; now: () => Date; staff: UserDoc }) => Promise<void>;
