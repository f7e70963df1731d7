import type { AppealState } from '../../../domain/appeals/state';
import type { ContentVerdict } from '../../../domain/contentCheck';

/** An appeal as stored: flat, readable fields a clerk can follow in the cloud console. */
export interface AppealDoc extends AppealState {
  requestId: string;
  images: string[];
  location?: { latitude: number; longitude: number; name?: string };
  anonymous: boolean;
  publish: boolean;
  contact?: { name?: string; phone?: string };
  contentCheck: { verdict: ContentVerdict; traceId?: string; error?: string };
  /** Console moderation: a clerk sets these in the database panel; the reconciler applies them. */
  staffDecision?: string | null;
  staffReason?: string;
  staffAssignDeputyId?: string;
  consoleError?: { value: unknown; reason: string; at: Date } | null;
  consoleFlagged?: boolean;
  createdAt: Date;
}

export const OPEN_STATUSES = ['assigned', 'in_progress'] as const;
