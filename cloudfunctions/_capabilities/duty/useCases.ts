/** 一人一档 and 履职积分: a deputy's record, staff's review of pending points. */
import { dutyManifest } from '../../../contracts/duty.manifest';
import type { DutyPointItem, DutyRecord } from '../../../contracts/duty';
import { recordSubject, reviewPoints as decideReview } from '../../../domain/duty/commands';
import { summarisePoints, type DutyEvent, type PointStatus } from '../../../domain/duty/points';
import { chinaDay } from '../../../domain/time';
import { appendAudit } from '../../_platform/audit';
import { findById, type Db, type Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { permission, useCase } from '../../_platform/handler';
import { pageByTime, pageResult } from '../../_platform/paging';
import { staffMember } from '../../_platform/permissions';
import { directoryNames } from '../../_platform/directory';
import { warm } from '../../_platform/warm';
import { reviewEntries } from './ledger';

const iso = (d: unknown) => new Date(d as string).toISOString();

export const toPointItem = (d: Doc, deputyName?: string): DutyPointItem => ({
  _id: d._id,
  deputyId: d.deputyId,
  ...(deputyName !== undefined ? { deputyName } : {}),
  event: d.event,
  label: d.label,
  points: d.points,
  refType: d.refType,
  refId: d.refId,
  ...(d.trackingNo ? { trackingNo: d.trackingNo } : {}),
  reason: d.reason ?? d.label,
  status: d.status,
  at: iso(d.at),
  ...(d.status === 'rejected' && d.reviewNote ? { reviewNote: d.reviewNote } : {}),
  ...(d.status === 'reversed' && d.reversedReason ? { reviewNote: d.reversedReason } : {}),
});

/** A deputy opens their own record, staff anyone's (domain/duty/commands.ts recordSubject). */
const ownRecordOrStaff = permission<{ deputyId?: string }>('ownRecordOrStaff', (user, input) => {
  const subject = recordSubject(user, input.deputyId);
  return subject.ok ? null : subject;
});

type Tally = { _id: { status: string; overdue?: boolean }; n: number };
type Grouped = { _id: { event: DutyEvent; status: PointStatus }; points: number; n: number };
type RecordRoot = Doc & { tallies: Tally[]; grouped: Grouped[]; recent: Doc[]; receptions: { n: number }[]; mediations: { n: number }[] };

/**
 * 一人一档 for one deputy: appeal counts, points (approved apart from pending) and the latest entries. One
 * aggregation on the deputy with five uncorrelated lookups, each led by a match on this deputy's index.
 */
async function dutyRecord(db: Db, deputyId: string, at: Date): Promise<DutyRecord> {
  const _ = db.command;
  const $ = _.aggregate;
  const [root] = (
    await db
      .collection('deputies')
      .aggregate()
      .match({ _id: deputyId })
      .lookup({ from: 'appeals', pipeline: $.pipeline().match({ assigneeDeputyId: deputyId }).group({ _id: { status: '$status', overdue: '$overdue' }, n: $.sum(1) }).limit(100).done(), as: 'tallies' })
      .lookup({ from: 'dutyPoints', pipeline: $.pipeline().match({ deputyId }).group({ _id: { event: '$event', status: '$status' }, points: $.sum('$points'), n: $.sum(1) }).limit(100).done(), as: 'grouped' })
      .lookup({ from: 'dutyPoints', pipeline: $.pipeline().match({ deputyId }).sort({ at: -1, _id: -1 }).limit(30).done(), as: 'recent' })
      // 代表常在: reception days so far and mediation cases (the rest is counted from the ledger below).
      .lookup({ from: 'receptionRoster', pipeline: $.pipeline().match({ deputyId, day: _.lte(chinaDay(at)) }).count('n').done(), as: 'receptions' })
      .lookup({ from: 'mediations', pipeline: $.pipeline().match({ handlerDeputyIds: deputyId }).count('n').done(), as: 'mediations' })
      .end()
  ).list as RecordRoot[];
  if (!root) throw new AppError('NOT_FOUND', '没有这位代表的档案');
  // The station from the warm instance (it seldom changes).
  const station = await warm(`directory:station:${root.stationId}`, () => findById(db, 'stations', root.stationId));
  const count = (status: string) => root.tallies.filter((t) => t._id.status === status).reduce((sum, t) => sum + t.n, 0);
  const [assigned, inProgress, replied, closed] = [count('assigned'), count('in_progress'), count('replied'), count('closed')];
  const overdueNow = root.tallies.filter((t) => t._id.overdue === true).reduce((sum, t) => sum + t.n, 0);
  const points = summarisePoints(root.grouped.map((g) => ({ event: g._id.event, status: g._id.status, points: g.points })));
  // Activities and agreements from the ledger (any review state but rejected).
  const times = (event: DutyEvent) => root.grouped.filter((g) => g._id.event === event && g._id.status !== 'rejected').reduce((sum, g) => sum + g.n, 0);
  return {
    deputy: { _id: root._id, name: root.name, stationId: root.stationId, stationName: station?.name ?? '', level: root.level ?? '', specialties: root.specialties ?? [] },
    appeals: { assigned, in_progress: inProgress, replied, closed, overdueNow },
    points,
    recent: root.recent.map((d) => toPointItem(d)),
    presence: { attended: times('activity_attended'), absent: times('activity_absent'), receptions: root.receptions[0]?.n ?? 0, mediations: root.mediations[0]?.n ?? 0, agreed: times('mediation_agreed') },
  };
}

export const record = useCase(dutyManifest.deputy.record, {
  permission: ownRecordOrStaff,
  run: async (input, { db, user, now }) => dutyRecord(db, orRefuse(recordSubject(user, input.deputyId)).deputyId, now()),
});

export const pointsQueue = useCase(dutyManifest.staff.pointsQueue, {
  permission: staffMember,
  run: async (input, { db }) => {
    const page = await pageByTime(db, (extra) => db.collection('dutyPoints').where({ status: 'pending', ...extra }), 'at', input.cursor, 'asc');
    const names = await directoryNames(db, 'deputies');
    return pageResult(page.docs.map((d) => toPointItem(d, names.get(d.deputyId) ?? d.deputyId)), page.nextCursor);
  },
});

/** Points count only once reviewed: approve or reject pending entries (never touches reviewed ones). */
export const reviewPoints = useCase(dutyManifest.staff.reviewPoints, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const at = now();
    const review = orRefuse(decideReview(input.decision, input.note));
    const updated = await reviewEntries(db, input.ids, review.to, user.openid, at, input.note);
    await appendAudit(db, { entityType: 'duty', entityId: input.ids.length === 1 ? input.ids[0] : `batch-${at.getTime()}`, action: review.action, actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: review.from, to: review.to, at, note: `${updated} 条：${input.ids.join(', ').slice(0, 180)}${input.note ? `；${input.note}` : ''}` });
    return { updated };
  },
});
