import { escalationLadder } from '../../domain/network';
import { nextLookAt, supervisionStep } from '../../domain/appeals/supervision';
import { formatWechatTime } from '../../domain/notifications/templateData';
import { applyAppealCommand, summaryOf, type AppealDoc } from '../_lib/appeals';
import { findById, type Db } from '../_lib/db';
import { AppError } from '../_lib/errors';
import { defineFunction, type SystemContext } from '../_lib/handler';
import { loadCalendar } from '../_lib/holidays';
import { deliverSoon, type Notice } from '../_lib/notify';

/** 督办: marks overdue appeals on China's working calendar, reminds the deputy, escalates repeat misses. */
function supervisionNotice(a: AppealDoc, toOpenid: string, title: string, body: string, key: string): Notice {
  return {
    toOpenid,
    template: 'supervision',
    values: { trackingNo: a.trackingNo, summary: summaryOf(a.content, 20), deadline: new Date(a.replyDeadline ?? a.updatedAt) },
    title,
    body,
    link: `/packages/deputy/pages/appeal/index?id=${a._id}`,
    dedupeKey: `appeal-${a._id}-${key}-${a.version}`,
  };
}

async function recipientsAt(db: Db, target: string, excludeDeputyId?: string): Promise<string[]> {
  if (target === 'staff') return (await db.collection('users').where({ role: 'staff' }).limit(50).get()).data.map((u) => u.openid as string);
  const deputies = (await db.collection('deputies').where({ stationId: target, active: true }).limit(100).get()).data;
  return deputies.filter((d) => d._id !== excludeDeputyId && d.openid).map((d) => d.openid as string);
}

/** Most appeals one run looks at (the deadline usually stops it first on the cloud). */
const MAX_PER_RUN = 500;
const BATCH = 100;

/**
 * One run: due appeals (nextSupervisionAt ≤ now) per open status, oldest first, in batches, until the
 * deadline or MAX_PER_RUN. Each one handled moves its nextSupervisionAt on (or clears it), so the next run
 * starts where this one stopped; ids seen in this run are not fetched again.
 */
async function supervise(ctx: SystemContext) {
  const { db, cloud, deadline } = ctx;
  const at = ctx.now();
  const calendar = await loadCalendar(db);
  const _ = db.command;
  const stations = (await db.collection('stations').limit(100).get()).data as unknown as { _id: string; kind: 'home' | 'station' | 'contact_point'; parentId?: string; name: string }[];
  const communities = new Map((await db.collection('communities').limit(100).get()).data.map((c) => [c._id, c.stationId as string]));
  const stationName = (id: string) => (id === 'staff' ? '街道人大工委' : (stations.find((s) => s._id === id)?.name ?? id));
  const report = { marked: 0, escalated: 0, skipped: 0, deferred: 0, more: false };
  const noticeIds: string[] = [];
  const seen: string[] = [];

  const one = async (a: AppealDoc): Promise<void> => {
    const ladder = [...escalationLadder(communities.get(a.communityId) ?? '', stations), 'staff'];
    const step = supervisionStep({ ...a, acceptDeadline: a.acceptDeadline ? new Date(a.acceptDeadline) : undefined, replyDeadline: a.replyDeadline ? new Date(a.replyDeadline) : undefined }, at, ladder, calendar);
    if (step.kind === 'none') {
      await db.collection('appeals').where({ _id: a._id, version: a.version }).update({ data: { nextSupervisionAt: a.overdue ? null : nextLookAt(a) } });
      report.skipped += 1;
      return;
    }
    const assignee = a.assigneeDeputyId ? await findById(db, 'deputies', a.assigneeDeputyId) : null;
    // A roster entry nobody has bound to a WeChat account cannot be told.
    const deputy = assignee?.openid ? assignee : null;
    if (step.kind === 'mark_overdue') {
      const what = step.stage === 'accept' ? '受理' : '答复';
      const r = await applyAppealCommand(db, {
        id: a._id, command: 'mark_overdue', source: 'timer', at, expectVersion: a.version,
        note: `超过${what}期限未${what}，已列入督办`,
        patch: () => ({ overdue: true, overdueAt: at, overdueStage: step.stage, supervised: true, escalationLevel: 0, nextSupervisionAt: step.next }),
        notices: (n) => (deputy ? [supervisionNotice(n, deputy.openid, '诉求已超期，请尽快办理', `${n.trackingNo} 已超过${what}期限（${formatWechatTime(new Date(step.stage === 'accept' ? n.acceptDeadline! : n.replyDeadline!))}），已列入督办。`, 'overdue')] : []),
      });
      noticeIds.push(...r.noticeIds);
      report.marked += 1;
      return;
    }
    const recipients = await recipientsAt(db, step.target, a.assigneeDeputyId);
    const r = await applyAppealCommand(db, {
      id: a._id, command: 'escalate', source: 'timer', at, expectVersion: a.version,
      note: `超期未办，督办升级至${stationName(step.target)}`,
      patch: () => ({ escalationLevel: step.level, escalatedTo: step.target, nextSupervisionAt: step.next }),
      notices: (n) => [
        ...(deputy ? [supervisionNotice(n, deputy.openid, '诉求督办升级', `${n.trackingNo} 仍未办结，已升级至${stationName(step.target)}督办。`, 'escalate-self')] : []),
        ...recipients.map((openid, i) => supervisionNotice(n, openid, '请协助督办超期诉求', `${n.trackingNo}（${a.assigneeName ?? '未分派'}代表）超期未办，请协助督办。`, `escalate-${i}`)),
      ],
    });
    noticeIds.push(...r.noticeIds);
    report.escalated += 1;
  };

  // One query per status: each streams from the (status, nextSupervisionAt) index, oldest first.
  scan: for (const status of ['assigned', 'in_progress']) {
    for (;;) {
      const due = (await db.collection('appeals').where({ status, nextSupervisionAt: _.lte(at), ...(seen.length ? { _id: _.nin(seen) } : {}) }).orderBy('nextSupervisionAt', 'asc').limit(BATCH).get()).data as unknown as AppealDoc[];
      for (const a of due) {
        if (seen.length >= MAX_PER_RUN || Date.now() >= deadline) {
          report.more = true;
          break scan;
        }
        seen.push(a._id);
        try {
          await one(a);
        } catch (err) {
          if (!(err instanceof AppError)) throw err; // changed meanwhile (accepted, replied) or locked: next run sees the new state
          report.deferred += 1;
        }
      }
      if (due.length < BATCH) break;
    }
  }
  await deliverSoon(db, cloud, noticeIds, at, Math.min(5000, deadline - Date.now()));
  return report;
}

export const main = defineFunction('supervise', {}, { supervise });
