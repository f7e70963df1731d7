/**
 * 代客录入: a deputy or staff files an appeal for a resident (到站/电话/走访) through the appeals writer; the
 * resident claims it later (tracking number + last four phone digits); until then the handler records the
 * resident's satisfaction from a follow-up call (回访).
 */
import { createHash } from 'node:crypto';
import { presenceManifest } from '../../../contracts/presence.manifest';
import type { ClaimResult, IntakeResult } from '../../../contracts/presence';
import { intakeStep, submitAppeal } from '../../../domain/appeals/intake';
import { statusLabel } from '../../../domain/appeals/labels';
import { unclaimedSubmitter, type AppealState } from '../../../domain/appeals/state';
import { digitsFromHex, formatTrackingNo } from '../../../domain/appeals/trackingNo';
import { callbackRating, claimAppeal, CLAIM_ATTEMPTS_PER_DAY, INTAKE_CHANNEL_LABELS, phoneTail } from '../../../domain/presence/intake';
import { chinaDay } from '../../../domain/time';
import { loadCalendar } from '../../_platform/calendar';
import { checkText } from '../../_platform/contentCheck';
import { findById, isDuplicateKey } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { useCase } from '../../_platform/handler';
import { signedIn } from '../../_platform/permissions';
import { retryOnConflict } from '../../_platform/retry';
import type { AppealDoc } from '../appeals/model';
import { decideRating } from '../appeals/rating';
import { directoryDoc, gatherRoute } from '../appeals/routing';
import { loadSla } from '../appeals/settings';
import { changeAppeal, createAppeal } from '../appeals/writer';
import { appealHandler, boundDeputyOrStaff } from './permissions';
import { countFailedClaim, failedClaims } from './writer';

const spec = presenceManifest.presence;
const intakeId = (openid: string, requestId: string) => createHash('sha256').update(`intake\n${openid}\n${requestId}`).digest('hex').slice(0, 32);

function resultOf(a: AppealDoc): IntakeResult {
  if (a.status === 'rejected' && a.contentCheck.verdict === 'risky') throw new AppError('CONTENT_REJECTED', '诉求内容未通过安全检查，请修改后重新提交');
  return {
    _id: a._id, trackingNo: a.trackingNo, status: a.status, statusLabel: statusLabel(a.status, a), channel: a.intake!.channel,
    routeReason: a.status === 'pending_review' ? '诉求已录入，工作人员审核后将尽快转给代表' : (a.routing?.reason ?? ''),
    ...(a.assigneeDeputyId && a.assigneeName ? { assignee: { deputyId: a.assigneeDeputyId, name: a.assigneeName } } : {}),
  };
}

/** Filed for a resident: routed like any other; the resident's name and phone are its contact. */
export const intake = useCase(spec.intake, {
  permission: boundDeputyOrStaff,
  run: async (input, { db, openid, user, now, cloud }) => {
    // A retry of a stored request finds it when its insert meets the same _id (below), not by a read up front.
    const id = intakeId(openid, input.requestId);
    const [community, category] = await Promise.all([directoryDoc(db, 'communities', input.communityId), directoryDoc(db, 'categories', input.category)]);
    if (!community) throw new AppError('INVALID_ARGUMENT', '请选择群众所在的社区或村');
    if (!category) throw new AppError('INVALID_ARGUMENT', '请选择诉求类别');
    const at = now();
    const byRole = user.role === 'staff' ? ('staff' as const) : ('deputy' as const);
    const check = await checkText(cloud, openid, input.content, 2);
    const base = {
      _id: id, trackingNo: '', requestId: input.requestId, submitterOpenid: unclaimedSubmitter(id), communityId: community._id, category: category._id, content: input.content,
      images: [], anonymous: false, publish: false,
      contentCheck: { verdict: check.verdict, ...(check.traceId ? { traceId: check.traceId } : {}), ...(check.error ? { error: check.error } : {}) },
      contact: { name: input.residentName, phone: input.residentPhone },
      intake: { channel: input.channel, byOpenid: openid, byRole, ...(user.deputyId ? { byDeputyId: user.deputyId } : {}), residentName: input.residentName, phoneTail: phoneTail(input.residentPhone) },
      createdAt: at,
    };
    const { sla } = await loadSla(db);
    const routed = intakeStep(check.verdict, false) === 'route' ? await gatherRoute(db, base, { community, category }) : undefined;
    const first = submitAppeal({ submitter: { openid, role: user.role }, verdict: check.verdict, blocked: false, routed }, { now: at, sla, ...(routed?.deputy ? { calendar: await loadCalendar(db) } : {}) });
    // The first audit entry names who filed it and how the resident came.
    const outcome = { ...first, audit: first.audit.map((n, i) => (i === 0 ? { ...n, actorRole: byRole, note: `代客录入（${INTAKE_CHANNEL_LABELS[input.channel]}）：${input.residentName}` } : n)) };
    for (let attempt = 0; attempt < 8; attempt++) {
      const doc = { ...base, trackingNo: formatTrackingNo(at, digitsFromHex(id, attempt)) };
      try {
        const { appeal } = await retryOnConflict(() => createAppeal(db, doc, outcome, { source: 'app', at, dailyLimit: null }), { attempts: 10 });
        return resultOf(appeal);
      } catch (err) {
        const raced = (await findById(db, 'appeals', id)) as AppealDoc | null;
        if (raced) return resultOf(raced); // this request was stored before (a retry), or a concurrent retry won
        if (!isDuplicateKey(err)) throw err; // else: tracking number taken, try the next digits
      }
    }
    throw new AppError('INTERNAL', '系统繁忙，请稍后再试');
  },
});

/** The resident takes over a walk-in appeal; a handful of wrong guesses a day, then they are told to ask the station. */
export const claim = useCase(spec.claim, {
  permission: signedIn,
  run: async (input, { db, openid, now }): Promise<ClaimResult> => {
    const at = now();
    const day = chinaDay(at);
    if ((await failedClaims(db, openid, day)) >= CLAIM_ATTEMPTS_PER_DAY) throw new AppError('RATE_LIMITED', '今天核对失败次数过多，请明天再试，或联系录入诉求的代表或站点');
    const found = (await db.collection('appeals').where({ trackingNo: input.trackingNo }).limit(1).get()).data[0] as AppealDoc | undefined;
    const first = found ? claimAppeal(found as AppealState, { openid }, input.phoneTail, at) : ({ ok: false, code: 'NOT_FOUND', message: '编号或手机号后四位不正确，请核对后再试' } as const);
    if (!first.ok) {
      if (first.code === 'NOT_FOUND') await countFailedClaim(db, openid, day, at);
      throw new AppError(first.code, first.message);
    }
    const { appeal } = await changeAppeal(db, found!._id, (a) => claimAppeal(a, { openid }, input.phoneTail, at), { source: 'app', at });
    return { _id: appeal._id, trackingNo: appeal.trackingNo };
  },
});

/** 回访: the handler records the resident's satisfaction from a follow-up call on an unclaimed walk-in appeal. */
export const callback = useCase(spec.callback, {
  permission: appealHandler,
  run: async (input, { db, user, now }) => {
    const at = now();
    const handler = { openid: user.openid, role: user.role, ...(user.deputyId ? { deputyId: user.deputyId } : {}) };
    const ask = { rating: input.rating, ...(input.comment ? { comment: input.comment } : {}), deputy: null, categoryName: '' };
    // Decided in the writer's transaction on the appeal as it is (no read ahead), as appeal.rate is.
    const { appeal } = await changeAppeal(db, input.id, (a) => decideRating(db, a, ask, at, (input, ctx) => callbackRating(a, handler, input, ctx)), { source: 'app', at });
    return { _id: appeal._id, status: appeal.status, statusLabel: statusLabel(appeal.status, appeal) };
  },
});
