/** What the presence actions answer, built from stored documents. */
import type { ActivityView, InviteeView, MediationView, RosterEntryView } from '../../../contracts/presence';
import { ACTIVITY_KIND_LABELS, allowedResponses, INVITEE_LABELS, type ActivityState, type Invitee } from '../../../domain/presence/activities';
import { MEDIATION_STATUS_LABELS, MEDIATION_STEP_LABELS, nextStep, REFERRAL_LABELS, type MediationStep } from '../../../domain/presence/mediation';
import { slotWords, type HalfDay } from '../../../domain/presence/roster';
import { findById, type Db, type Doc } from '../../_platform/db';
import { AppError } from '../../_platform/errors';

const iso = (d: unknown) => new Date(d as string).toISOString();

export const toRosterEntry = (d: Doc): RosterEntryView => ({
  _id: d._id, stationId: d.stationId, stationName: d.stationName ?? '', deputyId: d.deputyId, deputyName: d.deputyName ?? '', day: d.day, half: d.half as HalfDay, when: slotWords(d.day, d.half as HalfDay),
});

const toInvitee = (i: Invitee): InviteeView => ({ deputyId: i.deputyId, name: i.name, status: i.status, statusLabel: INVITEE_LABELS[i.status], ...(i.leaveReason ? { leaveReason: i.leaveReason } : {}), ...(i.checkedInBy ? { checkedInBy: i.checkedInBy } : {}) });

/** The stored activity as the domain reads it (dates revived). */
export const activityState = (d: Doc): ActivityState => ({ ...(d as unknown as ActivityState), startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt), invitees: d.invitees ?? [] });

/** `viewer.deputyId`: the calling deputy (their own invitation and what they may do); staff see everyone. */
export function toActivityView(d: Doc, viewer: { deputyId?: string; staff: boolean }, now: Date): ActivityView {
  const a = activityState(d);
  const mine = viewer.deputyId ? a.invitees.find((i) => i.deputyId === viewer.deputyId) : undefined;
  // A deputy sees who else is invited and how they answered, but not anyone's leave reason.
  const withoutReason = ({ leaveReason: _r, ...rest }: InviteeView): InviteeView => rest;
  const invitees = a.invitees.map(toInvitee).map((i) => (viewer.staff || i.deputyId === viewer.deputyId ? i : withoutReason(i)));
  return {
    _id: d._id, kind: a.kind, kindLabel: ACTIVITY_KIND_LABELS[a.kind], title: a.title, startsAt: iso(a.startsAt), endsAt: iso(a.endsAt), place: a.place, stationId: a.stationId ?? null, capacity: a.capacity, status: a.status,
    invitees,
    ...(mine ? { mine: toInvitee(mine) } : {}),
    allowed: viewer.deputyId ? allowedResponses(a, viewer.deputyId, now) : [],
    ...(a.report ? { report: { text: a.report.text, photos: a.report.photos, status: a.report.status } } : {}),
  };
}

export async function loadActivity(db: Db, id: string): Promise<Doc> {
  const d = await findById(db, 'activities', id);
  if (!d) throw new AppError('NOT_FOUND', '没有找到这次活动');
  return d;
}

export function toMediationView(d: Doc, communityName: string): MediationView {
  const steps = (d.steps ?? []) as { step: MediationStep; note: string; day: string }[];
  return {
    _id: d._id, communityId: d.communityId, communityName, parties: d.parties ?? [], summary: d.summary, status: d.status, statusLabel: MEDIATION_STATUS_LABELS[d.status as keyof typeof MEDIATION_STATUS_LABELS],
    handlerDeputyIds: d.handlerDeputyIds ?? [],
    steps: steps.map((s) => ({ step: s.step, label: MEDIATION_STEP_LABELS[s.step], note: s.note, day: s.day })),
    nextStep: d.status === 'open' ? (nextStep({ steps: d.steps ?? [] }) ?? null) : null,
    ...(d.agreement ? { agreement: { text: d.agreement.text, partiesConfirmed: d.agreement.partiesConfirmed === true, day: d.agreement.day } } : {}),
    ...(d.referral ? { referral: { to: d.referral.to, label: REFERRAL_LABELS[d.referral.to as keyof typeof REFERRAL_LABELS], note: d.referral.note, day: d.referral.day } } : {}),
    createdAt: iso(d.createdAt),
  };
}

