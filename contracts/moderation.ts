import * as v from 'valibot';
import type { ContentVerdict } from '../domain/contentCheck';
import type { HeldKind } from '../domain/moderation/held';
import { cursorSchema, idSchema } from './validation';

export const heldContentInput = v.object({ action: v.literal('heldContent'), cursor: cursorSchema });
export const decideHeldInput = v.object({
  action: v.literal('decideHeld'),
  id: idSchema,
  decision: v.picklist(['release', 'refuse'], '请选择通过或不通过'),
  reason: v.optional(v.pipe(v.string('应为文本'), v.trim(), v.maxLength(200, '原因不能超过 200 个字'))),
});

/** One entry of the staff review queue of held text and images. */
export interface HeldItem {
  _id: string;
  kind: HeldKind;
  kindLabel: string;
  entityType: 'appeal' | 'project' | 'media';
  entityId: string;
  /** A tracking number or a project title. */
  label: string;
  /** The text as written; for an image, its file id (fileId). */
  text: string;
  fileId?: string;
  verdict: ContentVerdict;
  createdAt: string;
}

export interface HeldDecisionResult {
  _id: string;
  status: 'released' | 'refused' | 'failed';
  /** Why a release could not be applied (the record moved on meanwhile). */
  reason?: string;
}
