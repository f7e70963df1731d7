/** How a person relates to an appeal, which decides what they see and which commands they may take. */
import type { Role } from '../roles';
import type { ActorKind, AppealStatus } from './lifecycle';

export type AppealViewer = 'submitter' | 'assignee' | 'staff' | 'past_assignee';

export interface AppealPerson {
  openid: string;
  role: Role;
  deputyId?: string;
}

export interface AppealParties {
  status: AppealStatus;
  submitterOpenid: string;
  assigneeDeputyId?: string;
  pastAssigneeIds: readonly string[];
}

/** How the person relates to the appeal; undefined = may not even know it exists. */
export function viewerOf(appeal: AppealParties, person: AppealPerson): AppealViewer | undefined {
  if (person.role === 'staff') return 'staff';
  if (person.role === 'deputy' && person.deputyId) {
    if (appeal.assigneeDeputyId === person.deputyId && appeal.status !== 'pending_review' && appeal.status !== 'triage') return 'assignee';
    if (appeal.pastAssigneeIds.includes(person.deputyId)) return 'past_assignee';
  }
  if (appeal.submitterOpenid === person.openid) return 'submitter';
  return undefined;
}

/** The actor a viewer acts as in the transition table; a past assignee only looks. */
export function actorKindOf(viewer: AppealViewer | undefined): ActorKind | undefined {
  if (viewer === 'staff' || viewer === 'assignee' || viewer === 'submitter') return viewer;
  return undefined;
}
