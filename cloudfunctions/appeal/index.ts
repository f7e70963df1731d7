import { createHash } from 'node:crypto';

import { appealIdInput, pageInput, rateAppealInput, submitAppealInput, type SubmitResult } from '../../contracts/appeal';
import { RATING_LABELS, statusLabel } from '../../domain/appeals/labels';
import { applyRating, unratedCutoff } from '../../domain/appeals/rating';
import { chinaDayStart } from '../../domain/appeals/supervision';
import { deadlineOf } from '../../domain/appeals/deadlines';
import { digitsFromHex, formatTrackingNo } from '../../domain/appeals/trackingNo';
import { applyAppealCommand, loadVisibleAppeal, toDetail, toListItem, toWallItem, type AppealDoc } from '../_lib/appeals';
import { appendAudit } from '../_lib/audit';
import { checkText } from '../_lib/contentCheck';
import { findById, isDuplicateKey, type Db, type Doc } from '../_lib/db';
import { AppError } from '../_lib/errors';
import { action, defineFunction } from '../_lib/handler';
import { assignedNotice, categoryName, statusNotice } from '../_lib/appealNotices';
import { deliverSoon, enqueueNotice, type Notice } from '../_lib/notify';
import { pageByTime } from '../_lib/paging';
import { retryOnConflict } from '../_lib/retry';
import { landingPatch, loadSla, routePatch } from '../_lib/assignment';
import { loadCalendar } from '../_lib/holidays';
import { streetPhone } from '../_lib/streetContact';

/** Most appeals one closeUnrated run handles (the deadline usually stops it first on the cloud). */
const MAX_CLOSE_PER_RUN = 300;

const appealId = (openid: string, requestId: string) => createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 32);

function resultOf(a: AppealDoc): SubmitResult {
  if (a.status === 'rejected' && a.contentCheck.verdict === 'risky') throw new AppError('CONTENT_REJECTED', '诉求内容未通过安全检查，请修改后重新提交');
  const r: SubmitResult = { _id: a._id, trackingNo: a.trackingNo, status: a.status, statusLabel: statusLabel(a.status, a), routeReason: a.routing?.reason ?? '' };
  if (a.status === 'pending_review') r.routeReason = '您的诉求已收到，工作人员审核后将尽快转给代表';
  if (a.assigneeDeputyId && a.assigneeName) r.assignee = { deputyId: a.assigneeDeputyId, name: a.assigneeName };
  return r;
}

async function phoneFromCode(cloud: any, code: string): Promise<string> {
  try {
    const res = await cloud.openapi.phonenumber.getPhoneNumber({ code });
    const phone = res?.phoneInfo?.purePhoneNumber;
    if (typeof phone === 'string' && /^1\d{10}$/.test(phone)) return phone;
  } catch {
    // fall through
  }
  throw new AppError('INVALID_ARGUMENT', '获取手机号失败，请手动填写或稍后再试');
}

/**
 * What staff find a person by when they act on them (账号限制, 工作人员): the name and phone tail they gave on
 * their latest appeal and its tracking number, kept on their user record (anonymous appeals leave no trace).
 */
async function rememberContact(db: Db, user: { _id: string }, a: AppealDoc): Promise<void> {
  if (a.anonymous) return;
  const data: Record<string, unknown> = { lastTrackingNo: a.trackingNo, lastAppealAt: a.createdAt };
  if (a.contact?.name) data.contactName = a.contact.name;
  if (a.contact?.phone) data.phoneTail = a.contact.phone.slice(-4);
  try {
    await db.collection('users').doc(user._id).update({ data });
  } catch {
    // the appeal is in; only the search hint is missing
  }
}

async function insertAppeal(db: Db, doc: AppealDoc, audits: { action: string; to: string; note?: string; actorRole: 'resident' | 'system' }[], notices: Notice[]): Promise<string[]> {
  return db.runTransaction(async (tx) => {
    await tx.collection('appeals').add({ data: doc });
    let from = 'new';
    for (const e of audits) {
      await appendAudit(tx, { entityType: 'appeal', entityId: doc._id, action: e.action, actorOpenid: e.actorRole === 'resident' ? doc.submitterOpenid : undefined, actorRole: e.actorRole, source: 'app', from, to: e.to, at: doc.createdAt, note: e.note });
      from = e.to;
    }
    const ids: string[] = [];
    for (const n of notices) ids.push(await enqueueNotice(tx, n, doc.createdAt));
    return ids;
  });
}

export const main = defineFunction(
  'appeal',
  {
    submit: action({
      input: submitAppealInput,
      run: async (input, { db, openid, user, now, cloud }) => {
        const id = appealId(openid, input.requestId);
        const existing = (await findById(db, 'appeals', id)) as AppealDoc | null;
        if (existing) return resultOf(existing);

        const [community, category] = await Promise.all([findById(db, 'communities', input.communityId), findById(db, 'categories', input.category)]);
        if (!community) throw new AppError('INVALID_ARGUMENT', '请选择所在的社区或村');
        if (!category) throw new AppError('INVALID_ARGUMENT', '请选择诉求类别');

        const contact: AppealDoc['contact'] = {};
        if (!input.anonymous) {
          if (input.contact?.name) contact.name = input.contact.name;
          if (input.phoneCode) contact.phone = await phoneFromCode(cloud, input.phoneCode);
          else if (input.contact?.phone) contact.phone = input.contact.phone;
        }
        const at = now();
        const { sla } = await loadSla(db);
        const { total: today } = await db.collection('appeals').where({ submitterOpenid: openid, createdAt: db.command.gte(chinaDayStart(at)) }).count();
        if (today >= sla.dailySubmitLimit) {
          const phone = await streetPhone(db);
          throw new AppError('RATE_LIMITED', `今天已提交 ${sla.dailySubmitLimit} 条诉求（每人每天最多 ${sla.dailySubmitLimit} 条），请明天再提交；紧急情况请拨打街道电话${phone ? ` ${phone}` : ''}`);
        }
        const check = await checkText(cloud, openid, input.content, 2);
        const doc: AppealDoc = {
          _id: id,
          trackingNo: '',
          requestId: input.requestId,
          submitterOpenid: openid,
          communityId: community._id,
          category: category._id,
          content: input.content,
          images: input.images ?? [],
          anonymous: input.anonymous ?? false,
          publish: input.publish ?? true,
          status: 'pending_review',
          pastAssigneeIds: [],
          contentCheck: { verdict: check.verdict, ...(check.traceId ? { traceId: check.traceId } : {}), ...(check.error ? { error: check.error } : {}) },
          transfers: [],
          reopenCount: 0,
          supervised: false,
          overdue: false,
          version: 1,
          createdAt: at,
          updatedAt: at,
        };
        if (input.location) doc.location = input.location;
        if (Object.keys(contact).length > 0) doc.contact = contact;

        const audits: { action: string; to: string; note?: string; actorRole: 'resident' | 'system' }[] = [{ action: 'submit', to: 'new', actorRole: 'resident' }];
        const notices: Notice[] = [];
        let assignedTo: Doc | undefined;
        if (check.verdict === 'risky') {
          doc.status = 'rejected';
          doc.rejectReason = '内容未通过安全检查';
          audits.push({ action: 'content_reject', to: 'rejected', actorRole: 'system', note: '内容安全检查未通过' });
        } else if (check.verdict !== 'pass' || user.blocked) {
          const holdReason = user.blocked ? '账号受限，待人工审核' : check.verdict === 'review' ? '内容需人工复核' : '内容检查暂不可用，待人工审核';
          doc.holdReason = holdReason;
          audits.push({ action: 'hold', to: 'pending_review', actorRole: 'system', note: holdReason });
        } else {
          const routed = await routePatch(db, doc, at, sla);
          Object.assign(doc, routed.patch);
          doc.status = routed.status;
          assignedTo = routed.deputy;
          audits.push({ action: 'route', to: doc.status, actorRole: 'system', note: routed.reason });
        }

        // Tracking number: date + digits from the id; on the rare collision, the next attempt's digits.
        for (let attempt = 0; attempt < 8; attempt++) {
          doc.trackingNo = formatTrackingNo(at, digitsFromHex(id, attempt));
          if (assignedTo) notices.splice(0, notices.length, assignedNotice(doc, assignedTo, 'new', String(category.name ?? '其他诉求')));
          try {
            // A concurrent retry of the same request holds the appeal's write lock until it commits.
            const ids = await retryOnConflict(() => insertAppeal(db, doc, audits, notices), { attempts: 10 });
            await rememberContact(db, user, doc);
            await deliverSoon(db, cloud, ids, at);
            const deadline = doc.status === 'assigned' ? deadlineOf({ ...doc, status: 'in_progress' }, at, await loadCalendar(db)) : null;
            return { ...resultOf(doc), ...(deadline ? { deadline } : {}) };
          } catch (err) {
            const raced = (await findById(db, 'appeals', id)) as AppealDoc | null;
            if (raced) return resultOf(raced); // a concurrent retry of the same request won
            if (!isDuplicateKey(err)) throw err; // else: tracking number taken, try the next digits
          }
        }
        throw new AppError('INTERNAL', '系统繁忙，请稍后再试');
      },
    }),

    mine: action({
      input: pageInput('mine'),
      run: async (input, { db, openid, now }) => {
        const page = await pageByTime(db, (extra) => db.collection('appeals').where({ submitterOpenid: openid, ...extra }), 'createdAt', input.cursor);
        const view = { audience: 'resident' as const, now: now(), calendar: await loadCalendar(db) };
        return { items: page.docs.map((d) => toListItem(d as unknown as AppealDoc, view)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
      },
    }),

    detail: action({
      input: appealIdInput('detail'),
      run: async (input, { db, user, now }) => {
        const { appeal, viewer } = await loadVisibleAppeal(db, input.id, user);
        return toDetail(db, appeal, viewer, now());
      },
    }),

    rate: action({
      input: rateAppealInput,
      run: async (input, { db, user, now, cloud }) => {
        const { appeal } = await loadVisibleAppeal(db, input.id, user);
        const outcome = applyRating(appeal, user.openid, input.rating);
        if (!outcome.ok) throw new AppError(outcome.code, outcome.code === 'FAILED_PRECONDITION' ? '代表答复后才能评价' : undefined);
        const at = now();
        const rating = { value: input.rating, at, ...(input.comment ? { comment: input.comment } : {}) };
        const deputy = appeal.assigneeDeputyId ? await findById(db, 'deputies', appeal.assigneeDeputyId) : null;
        const category = outcome.command === 'rate_redo' && deputy ? await categoryName(db, appeal.category) : '';
        const { sla } = await loadSla(db);
        const calendar = await loadCalendar(db);
        const { appeal: next, noticeIds } = await applyAppealCommand(db, {
          id: appeal._id,
          command: outcome.command,
          user,
          source: 'app',
          at,
          note: `${RATING_LABELS[input.rating]}${input.comment ? `：${input.comment}` : ''}`,
          patch: (a) =>
            outcome.command === 'rate_close'
              ? { rating, closedReason: 'rated', closedAt: at }
              : { rating, reopenCount: a.reopenCount + 1, supervised: true, ...(deputy ? landingPatch(a, deputy, at, sla, calendar) : {}) },
          notices: (a) => (outcome.command === 'rate_redo' && deputy ? [assignedNotice(a, deputy, 'redo', category)] : []),
        });
        await deliverSoon(db, cloud, noticeIds, at);
        return { _id: next._id, status: next.status, statusLabel: statusLabel(next.status, next), reopenCount: next.reopenCount };
      },
    }),

    wall: action({
      input: pageInput('wall'),
      run: async (input, { db }) => {
        const page = await pageByTime(db, (extra) => db.collection('appeals').where({ status: 'closed', publish: true, ...extra }), 'closedAt', input.cursor);
        const communities = new Map((await db.collection('communities').field({ _id: true, name: true }).limit(100).get()).data.map((c) => [c._id, c.name as string]));
        return { items: page.docs.map((d) => toWallItem(d as unknown as AppealDoc, communities.get(d.communityId) ?? '')), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
      },
    }),
  },
  {
    /**
     * Replied appeals nobody rated within the window close as unrated, oldest first, in bounded batches:
     * the run stops starting work at its deadline (or after MAX_CLOSE_PER_RUN) and the next hourly run
     * continues (closed ones leave the replied set; ones that failed are left for the next run).
     */
    closeUnrated: async ({ db, now, cloud, deadline }) => {
      const at = now();
      const _ = db.command;
      const skipped: string[] = [];
      const noticeIds: string[] = [];
      let closed = 0;
      let more = false;
      scan: for (;;) {
        const due = (await db.collection('appeals').where({ status: 'replied', repliedAt: _.lte(unratedCutoff(at)), ...(skipped.length ? { _id: _.nin(skipped) } : {}) }).orderBy('repliedAt', 'asc').limit(100).get()).data;
        for (const d of due) {
          if (closed + skipped.length >= MAX_CLOSE_PER_RUN || Date.now() >= deadline) {
            more = true;
            break scan;
          }
          try {
            const r = await applyAppealCommand(db, {
              id: d._id, command: 'auto_close', source: 'timer', at, note: '超过 7 天未评价，系统自动办结',
              patch: () => ({ closedReason: 'unrated', closedAt: at }),
              notices: (a) => [statusNotice(a, '您的诉求超过 7 天未评价，已自动办结。如仍有问题可重新提交。', '诉求已自动办结（未评价）')],
            });
            noticeIds.push(...r.noticeIds);
            closed += 1;
          } catch (err) {
            if (!(err instanceof AppError)) throw err; // raced with a rating, or still locked: next run
            skipped.push(d._id);
          }
        }
        if (due.length < 100) break;
      }
      await deliverSoon(db, cloud, noticeIds, at, Math.min(1500, deadline - Date.now()));
      return { closed, skipped: skipped.length, more };
    },
  },
);

