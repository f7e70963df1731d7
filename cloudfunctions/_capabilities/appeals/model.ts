import type { AppealState } from '../../../domain/appeals/state';
import type { ContentVerdict } from '../../../domain/contentCheck';

/** An appeal as stored: flat, readable fields a clerk can follow in the cloud console. */
export interface AppealDoc extends AppealState {
  requestId: string;
  /**
   * The duty-points entries (履职积分) this appeal has produced, by _id: a new entry is then inserted without a
   * lookup. Absent on appeals stored before it was kept — their entries are looked up as before.
   */
  dutyKeys?: string[];
  /** Those of dutyKeys a 不满意 reversed (the redo's reply earns them again without a lookup). Absent on older appeals. */
  reversedDutyKeys?: string[];
  /** false until someone supports it (我也遇到, a merge): a reply then tells nobody without a query. Absent on older appeals. */
  hasSupporters?: boolean;
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
