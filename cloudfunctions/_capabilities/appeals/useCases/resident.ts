/** What residents do with appeals: submit, follow their own, rate the answer, read the echo wall. */
import { createHash } from 'node:crypto';
import { appealManifest } from '../../../../contracts/appeal.manifest';
import type { SubmitResult } from '../../../../contracts/appeal';
import { decideAppeal } from '../../../../domain/appeals/commands';
import { checkDailyLimit, intakeStep, submitAppeal } from '../../../../domain/appeals/intake';
import { decideWall, wallCopy, wallDigest } from '../../../../domain/appeals/wall';
import { screen } from '../../../../domain/contentCheck';
import { statusLabel } from '../../../../domain/appeals/labels';
import { digitsFromHex, formatTrackingNo } from '../../../../domain/appeals/trackingNo';
import { loadCalendar } from '../../../_platform/calendar';
import { checkTexts } from '../../../_platform/contentCheck';
import { findById, isDuplicateKey } from '../../../_platform/db';
import { AppError, orRefuse } from '../../../_platform/errors';
import { identityUseCase, useCase } from '../../../_platform/handler';
import { pageByTime } from '../../../_platform/paging';
import { retryOnConflict } from '../../../_platform/retry';
import { streetPhone } from '../../../_platform/streetContact';
import type { Db } from '../../../_platform/db';
import { deadlineOf } from '../../../../domain/appeals/deadlines';
import { holdText } from '../../moderation/held';
import { claimImages } from '../../moderation/mediaCheck';
import type { AppealDoc } from '../model';
import { appealParty } from '../permissions';
import { decideRating } from '../rating';
import { directoryDoc, gatherRoute, loadPreference } from '../routing';
import { directoryNames } from '../../../_platform/directory';
import { loadSla } from '../settings';
import { loadVisibleAppeal, publicNames, toDetail, toListItem, toWallItem } from '../views';
import { changeAppeal, createAppeal } from '../writer';

const spec = appealManifest.appeal;
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
async function rememberContact(db: Db, user: { _id: string; contactName?: unknown; phoneTail?: unknown }, a: AppealDoc): Promise<void> {
  if (a.anonymous) return;
  const data: Record<string, unknown> = {};
  if (a.contact?.name && a.contact.name !== user.contactName) data.contactName = a.contact.name;
  if (a.contact?.phone && a.contact.phone.slice(-4) !== user.phoneTail) data.phoneTail = a.contact.phone.slice(-4);
  // Only when the name or phone changed: a tracking number finds its submitter through the appeal itself.
  if (Object.keys(data).length === 0) return;
  Object.assign(data, { lastTrackingNo: a.trackingNo, lastAppealAt: a.createdAt });
  try {
    await db.collection('users').doc(user._id).update({ data });
  } catch {
    // the appeal is in; only the search hint is missing
  }
}

/** Submit is idempotent per (resident, requestId) and goes through the same writer as every other change. */
export const submit = useCase(spec.submit, {
  permission: appealParty,
  run: async (input, { db, openid, user, now, cloud }) => {
    // A retry of a stored request finds it when its insert meets the same _id (below), not by a read up front.
    const id = appealId(openid, input.requestId);

    const [community, category] = await Promise.all([directoryDoc(db, 'communities', input.communityId), directoryDoc(db, 'categories', input.category)]);
    if (!community) throw new AppError('INVALID_ARGUMENT', '请选择所在的社区或村');
    if (!category) throw new AppError('INVALID_ARGUMENT', '请选择诉求类别');

    const contact: AppealDoc['contact'] = {};
    if (!input.anonymous) {
      if (input.contact?.name) contact.name = input.contact.name as string;
      if (input.phoneCode) contact.phone = await phoneFromCode(cloud, input.phoneCode);
      else if (input.contact?.phone) contact.phone = input.contact.phone as string;
    }
    const at = now();
    const { sla } = await loadSla(db);
    const images = await claimImages({ db, cloud, user, now }, input.images ?? []);
    // Everything the deputy and staff will read, checked as one text.
    const check = await checkTexts(cloud, openid, [['', input.content], ['联系人', contact.name], ['位置', input.location?.name]]);
    const base = {
      _id: id,
      trackingNo: '',
      requestId: input.requestId,
      submitterOpenid: openid,
      communityId: community._id,
      category: category._id,
      content: input.content,
      images,
      anonymous: input.anonymous ?? false,
      // Never at submit: only the resident's own publish, after seeing the public text (wall.ts).
      publish: false,
      contentCheck: { verdict: check.verdict, ...(check.traceId ? { traceId: check.traceId } : {}), ...(check.error ? { error: check.error } : {}) },
      createdAt: at,
      ...(input.location ? { location: input.location as AppealDoc['location'] } : {}),
      ...(Object.keys(contact).length > 0 ? { contact } : {}),
      ...(input.prefer?.deputyId || input.prefer?.stationId ? { preferred: input.prefer } : {}),
    };
    const route = intakeStep(check.verdict, !!user.blocked) === 'route';
    const routed = route ? await gatherRoute(db, base, { community, category }, await loadPreference(db, input.prefer)) : undefined;
    const outcome = submitAppeal({ submitter: user, verdict: check.verdict, blocked: !!user.blocked, routed }, { now: at, sla, ...(routed?.deputy ? { calendar: await loadCalendar(db) } : {}) });

    // Tracking number: date + digits from the id; on the rare collision, the next attempt's digits.
    for (let attempt = 0; attempt < 8; attempt++) {
      const doc = { ...base, trackingNo: formatTrackingNo(at, digitsFromHex(id, attempt)) };
      try {
        // A concurrent retry of the same request holds the appeal's write lock until it commits.
        const { appeal } = await retryOnConflict(() => createAppeal(db, doc, outcome, { source: 'app', at, dailyLimit: sla.dailySubmitLimit }), { attempts: 10 });
        await rememberContact(db, user, appeal);
        const deadline = appeal.status === 'assigned' ? deadlineOf({ ...appeal, status: 'in_progress' }, at, await loadCalendar(db)) : null;
        return { ...resultOf(appeal), ...(deadline ? { deadline } : {}) };
      } catch (err) {
        const raced = (await findById(db, 'appeals', id)) as AppealDoc | null;
        if (raced) return resultOf(raced); // this request was stored before (a retry), or a concurrent retry won
        // The day's count is taken in the insert's transaction; the refusal offers the street's phone, so an urgent case still reaches a person.
        if (err instanceof AppError && err.code === 'RATE_LIMITED') throw new AppError('RATE_LIMITED', checkDailyLimit(sla.dailySubmitLimit, sla, await streetPhone(db))?.message ?? err.message);
        if (!isDuplicateKey(err)) throw err; // else: tracking number taken, try the next digits
      }
    }
    throw new AppError('INTERNAL', '系统繁忙，请稍后再试');
  },
});

export const mine = useCase(spec.mine, {
  permission: appealParty,
  run: async (input, { db, openid, now }) => {
    const page = await pageByTime(db, (extra) => db.collection('appeals').where({ submitterOpenid: openid, ...extra }), 'createdAt', input.cursor);
    const view = { audience: 'resident' as const, now: now(), calendar: await loadCalendar(db) };
    return { items: page.docs.map((d) => toListItem(d as unknown as AppealDoc, view)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
});

export const detail = useCase(spec.detail, {
  permission: appealParty,
  run: async (input, { db, user, now }) => {
    const { appeal, viewer } = await loadVisibleAppeal(db, input.id, user);
    return toDetail(db, appeal, viewer, now());
  },
});

/**
 * 满意 / 基本满意 close it; 不满意 sends it back to its deputy under supervision (domain/appeals/rating.ts). A
 * comment is read by the deputy: risky refuses the rating, review holds the comment (the rating counts now).
 * Only its submitter rates an appeal — whatever else they are — so this is decided by the WeChat identity
 * against the stored appeal, with no users read.
 */
export const rate = identityUseCase(spec.rate, {
  name: 'appealSubmitter',
  decidedBy: 'domain/appeals/lifecycle.ts (rate_close / rate_redo: the submitter)',
  run: async (input, { db, openid, now, cloud }) => {
    const at = now();
    const actor = { kind: 'person' as const, openid, role: 'resident' as const };
    // The comment is checked first; the rating itself is decided in the writer's transaction on the appeal as it is.
    const verdict = input.comment ? (await checkTexts(cloud, openid, [['', input.comment]])).verdict : 'pass';
    const publishComment = orRefuse(screen('appeal.rating_comment', verdict)).path === 'publish';
    const ask = { command: 'rate' as const, rating: input.rating, ...(input.comment && publishComment ? { comment: input.comment } : {}), deputy: null, categoryName: '' };
    const { appeal: next } = await changeAppeal(db, input.id, (a) => {
      if (a.submitterOpenid !== openid) throw new AppError('NOT_FOUND', '没有找到这条诉求');
      return decideRating(db, a, ask, at, (input, ctx) => decideAppeal(a, actor, input, ctx));
    }, { source: 'app', at });
    const held = input.comment && !publishComment ? await holdText(db, { kind: 'appeal.rating_comment', entityType: 'appeal', entityId: next._id, label: next.trackingNo, authorOpenid: openid, text: input.comment, payload: { comment: input.comment }, verdict, at }) : {};
    return { _id: next._id, status: next.status, statusLabel: statusLabel(next.status, next), reopenCount: next.reopenCount, ...held };
  },
});

/** The exact text the 回音壁 would show for the resident's closed appeal, with the digest to publish it. */
export const wallPreview = useCase(spec.wallPreview, {
  permission: appealParty,
  run: async (input, { db, user }) => {
    const { appeal } = await loadVisibleAppeal(db, input.id, user);
    // Only its submitter (whatever else they are) decides what of their appeal goes public.
    if (appeal.submitterOpenid !== user.openid) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    if (appeal.status !== 'closed') throw new AppError('FAILED_PRECONDITION', '诉求办结后才能公开到回音壁');
    const copy = wallCopy(appeal, await publicNames(db, appeal, user));
    const community = await directoryDoc(db, 'communities', appeal.communityId);
    return { _id: appeal._id, communityName: (community?.name as string | undefined) ?? '', category: appeal.category, ...copy, digest: wallDigest(copy) };
  },
});

/** Publish exactly the previewed text (the digest proves it); the copy is made in the writer's transaction. */
export const publish = useCase(spec.publish, {
  permission: appealParty,
  run: async (input, { db, user, now }) => {
    const { appeal } = await loadVisibleAppeal(db, input.id, user);
    const names = await publicNames(db, appeal, user);
    const actor = { kind: 'person' as const, openid: user.openid, role: user.role };
    const at = now();
    const { appeal: next } = await changeAppeal(db, appeal._id, (a) => decideWall(a, actor, { command: 'publish', digest: input.digest, names }, at), { source: 'app', at });
    const community = await directoryDoc(db, 'communities', next.communityId);
    const item = toWallItem(next, (community?.name as string | undefined) ?? '');
    if (!item) throw new AppError('INTERNAL');
    return item;
  },
});

export const wall = useCase(spec.wall, {
  permission: appealParty,
  run: async (input, { db }) => {
    const page = await pageByTime(db, (extra) => db.collection('appeals').where({ status: 'closed', publish: true, ...extra }), 'closedAt', input.cursor);
    const communities = await directoryNames(db, 'communities');
    const items = page.docs.flatMap((d) => toWallItem(d as unknown as AppealDoc, communities.get(d.communityId) ?? '') ?? []);
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
});
